import BridgeCore
import Testing

/// Headers, arrays of tables, and which key or header may define or extend which table
/// (TOML 1.0 "Table", "Array of Tables"; the invalid examples of the specification).
@Suite struct TOMLTableTests {
    static let tables: [TOMLCase] = [
        ok("[a]\nb = 1", "{a: {b: 1}}"),
        ok("[a.b]\nc = 1\n[ d . \"e f\" ]\n  [g]", #"{a: {b: {c: 1}}, d: {"e f": {}}, g: {}}"#),
        ok("[a]\n[b]\n[a.c]", "{a: {c: {}}, b: {}}"),
        ok("[x.y.z.w]\n[x]", "{x: {y: {z: {w: {}}}}}"),
        ok("[a.b.c]\n[a]\nb.d = 1", "{a: {b: {c: {}, d: 1}}}"),
        ok(
            "[fruit]\napple.color = \"red\"\napple.taste.sweet = true\n[fruit.apple.texture]\nsmooth = true",
            #"{fruit: {apple: {color: "red", taste: {sweet: true}, texture: {smooth: true}}}}"#),
        ok("top = 1\n[t]\ntop = 2", "{top: 1, t: {top: 2}}"),
        bad("[]", .syntax("expected a key, found ']'", at: at(1, 2))),
        bad("[a", .syntax("expected ']' to close the table header, found end of file", at: at(1, 3))),
        bad("[a]]", .syntax("expected a newline after a table header, found ']'", at: at(1, 4))),
        bad("[a] b = 1", .syntax("expected a newline after a table header, found 'b'", at: at(1, 5))),
        bad("[a.]", .syntax("expected a key, found ']'", at: at(1, 4))),
        bad("[a\n]", .syntax("expected ']' to close the table header, found end of line", at: at(1, 3))),
    ]

    static let arraysOfTables: [TOMLCase] = [
        ok("[[p]]\nname = \"Hammer\"\n[[p]]\n[[p]]\nname = \"Nail\"", #"{p: [{name: "Hammer"}, {}, {name: "Nail"}]}"#),
        ok(
            """
            [[fruits]]
            name = "apple"
            [fruits.physical]
            color = "red"
            [[fruits.varieties]]
            name = "red delicious"
            [[fruits.varieties]]
            name = "granny smith"
            [[fruits]]
            name = "banana"
            [[fruits.varieties]]
            name = "plantain"
            """,
            #"{fruits: [{name: "apple", physical: {color: "red"}, varieties: [{name: "red delicious"}, "#
                + #"{name: "granny smith"}]}, {name: "banana", varieties: [{name: "plantain"}]}]}"#),
        ok("[[ a . b ]]\nx = 1\n[[a.b]]\nx = 2", "{a: {b: [{x: 1}, {x: 2}]}}"),
        ok("[[a]]\n[a.b]\n[[a]]\n[a.b]", "{a: [{b: {}}, {b: {}}]}"),
        bad("[[a]", .syntax("expected ']]' to close the table header, found end of file", at: at(1, 5))),
        bad("[[a] ]", .syntax("expected ']]' to close the table header, found U+0020", at: at(1, 5))),
        bad("[ [a] ]", .syntax("expected a key, found '['", at: at(1, 3))),
        bad("a = []\n[[a]]", .duplicateKey("a", at: at(2, 3))),
        bad("[a]\n[[a]]", .redefinedTable("a", at: at(2, 3))),
        bad("[[a]]\n[a]", .redefinedTable("a", at: at(2, 2))),
        bad("[[fruit]]\n[fruit.variety]\n[[fruit.variety]]", .redefinedTable("fruit.variety", at: at(3, 9))),
        bad("[fruit.physical]\ncolor = \"red\"\n[[fruit]]", .redefinedTable("fruit", at: at(3, 3))),
        bad("[[a]]\nb.c = 1\n[a.b]", .redefinedTable("a.b", at: at(3, 4))),
        bad("[[a.b]]\n[a]\nb.c = 1", .notATable("a.b", at: at(3, 1))),
    ]

    static let redefinitions: [TOMLCase] = [
        bad("a = 1\na = 2", .duplicateKey("a", at: at(2, 1))),
        bad("\"a\" = 1\na = 2", .duplicateKey("a", at: at(2, 1))),
        bad("a = 1\n'a' = 2", .duplicateKey("a", at: at(2, 1))),
        bad("a.b = 1\na.b = 2", .duplicateKey("a.b", at: at(2, 3))),
        bad("a.b = 1\na = 2", .duplicateKey("a", at: at(2, 1))),
        bad("a = 1\na.b = 2", .notATable("a", at: at(2, 1))),
        bad("[t]\n\"x y\" = 1\n'x y' = 2", .duplicateKey(#"t."x y""#, at: at(3, 1))),
        bad("[a]\n[a]", .redefinedTable("a", at: at(2, 2))),
        bad("[a]\nb = 1\n[a]\nc = 2", .redefinedTable("a", at: at(3, 2))),
        bad("[\"a b\"]\n['a b']", .redefinedTable(#""a b""#, at: at(2, 2))),
        bad("[x.y.z.w]\n[x]\n[x]", .redefinedTable("x", at: at(3, 2))),
        bad("[a]\nb = 1\n[a.b]", .duplicateKey("a.b", at: at(3, 4))),
        bad("a.b = 1\n[a]", .redefinedTable("a", at: at(2, 2))),
        bad("[a.b]\n[a]\nb.c = 1", .redefinedTable("a.b", at: at(3, 1))),
        bad("[a.b.c]\nz = 9\n[a]\nb.c.t = 1", .redefinedTable("a.b.c", at: at(4, 3))),
        bad("[a.b.c]\n[a]\nb.d = 1\n[a.b]", .redefinedTable("a.b", at: at(4, 4))),
        bad("[fruit]\napple.color = \"red\"\n[fruit.apple]", .redefinedTable("fruit.apple", at: at(3, 8))),
        bad("[product]\ntype = { name = \"Nail\" }\ntype.edible = false", .closedInlineTable("product.type", at: at(3, 1))),
        bad("[product]\ntype.name = \"Nail\"\ntype = { edible = false }", .duplicateKey("product.type", at: at(3, 1))),
        bad("a = {}\n[a]", .redefinedTable("a", at: at(2, 2))),
        bad("a = { b = 1 }\n[a.c]", .closedInlineTable("a", at: at(2, 2))),
        bad("a = [{ b = 1 }]\n[a.c]", .notATable("a", at: at(2, 2))),
        bad("a = 1\n[a.b]", .notATable("a", at: at(2, 2))),
    ]

    @Test(arguments: tables) func tableHeaders(_ c: TOMLCase) { c.check() }
    @Test(arguments: arraysOfTables) func arraysOfTablesHeaders(_ c: TOMLCase) { c.check() }
    @Test(arguments: redefinitions) func duplicatesAndRedefinitionsAreRejected(_ c: TOMLCase) { c.check() }

    @Test func errorsPrintPositionAndOneLine() {
        #expect(TOMLError.duplicateKey("a.b", at: at(2, 3)).description == "2:3: duplicate key a.b")
        #expect(TOMLError.redefinedTable("a", at: at(4, 2)).message == "table a is defined more than once")
        #expect(TOMLError.notATable("x", at: at(1, 1)).message == "x is not a table")
        #expect(
            TOMLError.closedInlineTable("t", at: at(1, 1)).message == "inline table t cannot be extended after its closing brace")
        #expect(TOMLError.syntax("bad", at: at(9, 1)).position == at(9, 1))
    }
}
