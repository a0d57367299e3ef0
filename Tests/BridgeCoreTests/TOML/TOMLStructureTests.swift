import BridgeCore
import Testing

/// Comments, keys, arrays, inline tables and the document's lines (TOML 1.0 "Comment",
/// "Key/Value Pair", "Keys", "Array", "Inline Table").
@Suite struct TOMLStructureTests {
    static let documents: [TOMLCase] = [
        ok("", "{}"),
        ok("\n\n  \t\n", "{}"),
        ok("\u{FEFF}a = 1", "{a: 1}"),
        ok("a = 1\r\nb = 2\r\n", "{a: 1, b: 2}"),
        ok("a=1\nb\t=\t2", "{a: 1, b: 2}"),
        ok("z = 1\na = 2\nm = 3", "{z: 1, a: 2, m: 3}"),
        bad("a = 1\rb = 2", .syntax("expected a newline after a value, found U+000D", at: at(1, 6))),
        bad("a = 1 b = 2", .syntax("expected a newline after a value, found 'b'", at: at(1, 7))),
        bad("a =\n1", .syntax("expected a value, found end of line", at: at(1, 4))),
        bad("a = ", .syntax("expected a value, found end of file", at: at(1, 5))),
        bad("a = 1\n\u{FEFF}b = 2", .syntax("expected a key, found U+FEFF", at: at(2, 1))),
    ]

    static let comments: [TOMLCase] = [
        ok("# a comment\na = 1 # after a value\n# the end", "{a: 1}"),
        ok("#\n#\t¡unicode ☃!\r\n[t] # after a header\n", "{t: {}}"),
        ok("a = [ # in an array\n  1, # one\n  # alone\n  2 # two\n] # after", "{a: [1, 2]}"),
        ok("a = \"x\"#no space", "{a: \"x\"}"),
        bad("a = 1 # \u{01}", .syntax("control character U+0001 in a comment", at: at(1, 9))),
        bad("# bell \u{07}\na = 1", .syntax("control character U+0007 in a comment", at: at(1, 8))),
        bad("# del \u{7F}", .syntax("control character U+007F in a comment", at: at(1, 7))),
        bad("# cr \r alone", .syntax("control character U+000D in a comment", at: at(1, 6))),
    ]

    static let keys: [TOMLCase] = [
        ok("key = 1\nbare_key = 2\nbare-key = 3\n1234 = 4\nABC = 5", "{key: 1, bare_key: 2, bare-key: 3, 1234: 4, ABC: 5}"),
        ok(
            #""127.0.0.1" = 1"# + "\n" + #""character encoding" = 2"# + "\n" + #""ʎǝʞ" = 3"#
                + "\n'key2' = 4\n'quoted \"value\"' = 5",
            #"{"127.0.0.1": 1, "character encoding": 2, "ʎǝʞ": 3, key2: 4, "quoted \"value\"": 5}"#),
        ok(#""" = 1"#, #"{"": 1}"#),
        ok(#""\u0041\t" = 1"#, #"{"A\t": 1}"#),
        ok(
            "name = \"Orange\"\nphysical.color = \"orange\"\nphysical.shape = \"round\"\nsite.\"google.com\" = true",
            #"{name: "Orange", physical: {color: "orange", shape: "round"}, site: {"google.com": true}}"#),
        ok("fruit . color = 1\nfruit\t.\tflavour = 2", "{fruit: {color: 1, flavour: 2}}"),
        ok("3.14159 = \"pi\"", #"{3: {14159: "pi"}}"#),
        ok("a.b.c.d = 1\na.b.e = 2\na.f = 3", "{a: {b: {c: {d: 1}, e: 2}, f: 3}}"),
        ok("true = 1\nfalse.inf = 2\nnan = 3", "{true: 1, false: {inf: 2}, nan: 3}"),
        bad("= 1", .syntax("expected a key, found '='", at: at(1, 1))),
        bad("a b = 1", .syntax("expected '=' after the key, found 'b'", at: at(1, 3))),
        bad("a. = 1", .syntax("expected a key, found '='", at: at(1, 4))),
        bad(".a = 1", .syntax("expected a key, found '.'", at: at(1, 1))),
        bad("a..b = 1", .syntax("expected a key, found '.'", at: at(1, 3))),
        bad("a", .syntax("expected '=' after the key, found end of file", at: at(1, 2))),
        bad("a\n= 1", .syntax("expected '=' after the key, found end of line", at: at(1, 2))),
        bad("é = 1", .syntax("expected a key, found 'é'", at: at(1, 1))),
        bad(#""""a""" = 1"#, .syntax("expected '=' after the key, found '\"'", at: at(1, 3))),
        bad("'''a''' = 1", .syntax("expected '=' after the key, found '''", at: at(1, 3))),
        bad(#""a\nb = 1"#, .syntax("unterminated string", at: at(1, 1))),
        bad("a:b = 1", .syntax("expected '=' after the key, found ':'", at: at(1, 2))),
    ]

    static let arrays: [TOMLCase] = [
        ok("a = [1, 2, 3]\nb = []\nc = [ ]", "{a: [1, 2, 3], b: [], c: []}"),
        ok(#"a = [ "red", 'yellow', """green""" ]"#, #"{a: ["red", "yellow", "green"]}"#),
        ok("a = [ [ 1, 2 ], [\"a\", 'b'], [] ]", #"{a: [[1, 2], ["a", "b"], []]}"#),
        ok("a = [0.1, 0.2, 1, \"x\", true, [false], {k = 1}]", #"{a: [0.1, 0.2, 1, "x", true, [false], {k: 1}]}"#),
        ok("a = [\n  1,\n  2,\n]", "{a: [1, 2]}"),
        ok("a = [\r\n  \"x\" ,\r\n\r\n  \"y\"\r\n  ,\r\n]", #"{a: ["x", "y"]}"#),
        ok("a = [ { x = 1, y = 2 }, { x = 3 } ]", "{a: [{x: 1, y: 2}, {x: 3}]}"),
        bad("a = [1 2]", .syntax("expected ',' or ']' in the array, found '2'", at: at(1, 8))),
        bad("a = [1,,2]", .syntax("expected a value, found ','", at: at(1, 8))),
        bad("a = [,]", .syntax("expected a value, found ','", at: at(1, 6))),
        bad("a = [1,", .syntax("expected a value, found end of file", at: at(1, 8))),
        bad("a = [1\n", .syntax("expected ',' or ']' in the array, found end of file", at: at(2, 1))),
        bad("a = [\n  1,\n  2 3\n]", .syntax("expected ',' or ']' in the array, found '3'", at: at(3, 5))),
        bad("a = [1]]", .syntax("expected a newline after a value, found ']'", at: at(1, 8))),
        bad("a = [ # \u{02}\n]", .syntax("control character U+0002 in a comment", at: at(1, 9))),
    ]

    static let inlineTables: [TOMLCase] = [
        ok("name = { first = \"Tom\", last = \"Preston-Werner\" }", #"{name: {first: "Tom", last: "Preston-Werner"}}"#),
        ok("point = {x=1,y=2}\nempty = {}\nspaced = { }", "{point: {x: 1, y: 2}, empty: {}, spaced: {}}"),
        ok("animal = { type.name = \"pug\", type.size = 1 }", #"{animal: {type: {name: "pug", size: 1}}}"#),
        ok("a = { b = { c = { d = 1 } } }", "{a: {b: {c: {d: 1}}}}"),
        ok("a = { list = [\n 1,\n 2\n], s = \"\"\"\nx\"\"\" }", #"{a: {list: [1, 2], s: "x"}}"#),
        ok("[t]\na = { b = 1 }\nc.d = 2", "{t: {a: {b: 1}, c: {d: 2}}}"),
        bad("a = { b = 1, }", .syntax("trailing comma in an inline table", at: at(1, 14))),
        bad("a = { b = 1,\n c = 2 }", .syntax("expected a key, found end of line", at: at(1, 13))),
        bad("a = {\n}", .syntax("expected a key, found end of line", at: at(1, 6))),
        bad("a = { b = 1 c = 2 }", .syntax("expected ',' or '}' in the inline table, found 'c'", at: at(1, 13))),
        bad("a = { b = 1", .syntax("expected ',' or '}' in the inline table, found end of file", at: at(1, 12))),
        bad("a = { b = 1, b = 2 }", .duplicateKey("a.b", at: at(1, 14))),
        bad("a = { b.c = 1, b = 2 }", .duplicateKey("a.b", at: at(1, 16))),
        bad("a = { b = {}, b.c = 2 }", .closedInlineTable("a.b", at: at(1, 15))),
        bad("a = { b = 1, b.c = 2 }", .notATable("a.b", at: at(1, 14))),
        bad("a = {,}", .syntax("expected a key, found ','", at: at(1, 6))),
    ]

    @Test(arguments: documents) func documentLines(_ c: TOMLCase) { c.check() }
    @Test(arguments: comments) func commentsAnywhere(_ c: TOMLCase) { c.check() }
    @Test(arguments: keys) func bareQuotedAndDottedKeys(_ c: TOMLCase) { c.check() }
    @Test(arguments: arrays) func arrayValues(_ c: TOMLCase) { c.check() }
    @Test(arguments: inlineTables) func inlineTableValues(_ c: TOMLCase) { c.check() }

    @Test func nestingIsBounded() {
        let deep = "a = " + String(repeating: "[", count: 100_000)
        #expect(throws: TOMLError.syntax("values nest deeper than 128 levels", at: at(1, 132))) {
            try TOMLTable(parsing: deep)
        }
        let deepTables = "a = " + String(repeating: "{b = ", count: 10_000)
        #expect(throws: TOMLError.self) { try TOMLTable(parsing: deepTables) }
        let longKey = Array(repeating: "k", count: 10_000).joined(separator: ".") + " = 1"
        #expect(throws: TOMLError.syntax("tables nest deeper than 128 levels", at: at(1, 257))) {
            try TOMLTable(parsing: longKey)
        }
        // 100 levels are fine.
        let fine = "a = " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect((try? TOMLTable(parsing: fine)) != nil)
    }
}
