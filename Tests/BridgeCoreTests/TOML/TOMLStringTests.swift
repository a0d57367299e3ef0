import BridgeCore
import Testing

/// The four kinds of string (TOML 1.0 "String").
@Suite struct TOMLStringTests {
    static let basic: [TOMLCase] = [
        ok(#"s = "plain""#, #"{s: "plain"}"#),
        ok(#"s = """#, #"{s: ""}"#),
        ok(#"s = "\b\t\n\f\r\"\\""#, #"{s: "\u{08}\t\n\u{0C}\r\"\\"}"#),
        ok(#"s = "caf\u00E9 \u00e9""#, #"{s: "café é"}"#),
        ok(#"s = "\U0001F600!""#, #"{s: "😀!"}"#),
        ok("s = \"a\tb\"", #"{s: "a\tb"}"#),
        ok(##"s = "# not a comment" # a comment"##, ##"{s: "# not a comment"}"##),
        ok(#"s = "it's 'quoted'""#, #"{s: "it\'s \'quoted\'"}"#),
        ok("s = \"ünï ☃\"", #"{s: "ünï ☃"}"#),
        bad(#"s = "\x41""#, .syntax(#"invalid escape \x"#, at: at(1, 6))),
        bad(#"s = "\e""#, .syntax(#"invalid escape \e"#, at: at(1, 6))),
        bad(#"s = "ab\ c""#, .syntax(#"invalid escape \ "#, at: at(1, 8))),
        bad(#"s = "\u00G1""#, .syntax(#"\u needs 4 hexadecimal digits"#, at: at(1, 6))),
        bad(#"s = "\u12""#, .syntax(#"\u needs 4 hexadecimal digits"#, at: at(1, 6))),
        bad(#"s = "\uD800""#, .syntax(#"\u escape U+D800 is not a Unicode scalar value"#, at: at(1, 6))),
        bad(#"s = "\U00110000""#, .syntax(#"\U escape U+110000 is not a Unicode scalar value"#, at: at(1, 6))),
        bad(#"s = "abc"#, .syntax("unterminated string", at: at(1, 5))),
        bad("s = \"abc\ndef\"", .syntax("unterminated string", at: at(1, 5))),
        bad("s = \"abc\r\ndef\"", .syntax("unterminated string", at: at(1, 5))),
        bad("s = \"a\rb\"", .syntax("control character U+000D in a string", at: at(1, 7))),
        bad("s = \"a\u{01}b\"", .syntax("control character U+0001 in a string", at: at(1, 7))),
        bad("s = \"a\u{7F}\"", .syntax("control character U+007F in a string", at: at(1, 7))),
        bad("s = \"a\\\nb\"", .syntax("invalid escape: backslash before U+000A", at: at(1, 7))),
        bad(#"s = "a" "b""#, .syntax("expected a newline after a value, found '\"'", at: at(1, 9))),
    ]

    static let literal: [TOMLCase] = [
        ok(#"s = 'C:\Users\nodejs\templates'"#, #"{s: "C:\\Users\\nodejs\\templates"}"#),
        ok(#"s = '<\i\c*\s*>'"#, #"{s: "<\\i\\c*\\s*>"}"#),
        ok(#"s = 'Tom "Dubs" Preston'"#, #"{s: "Tom \"Dubs\" Preston"}"#),
        ok("s = ''", #"{s: ""}"#),
        ok("s = 'tab\there'", #"{s: "tab\there"}"#),
        bad("s = 'abc", .syntax("unterminated string", at: at(1, 5))),
        bad("s = 'a\nb'", .syntax("unterminated string", at: at(1, 5))),
        bad("s = 'a\u{00}b'", .syntax("control character U+0000 in a string", at: at(1, 7))),
        bad("s = 'it's'", .syntax("expected a newline after a value, found 's'", at: at(1, 9))),
    ]

    static let multilineBasic: [TOMLCase] = [
        ok("s = \"\"\"\nRoses are red\nViolets are blue\"\"\"", #"{s: "Roses are red\nViolets are blue"}"#),
        ok("s = \"\"\"\r\nCRLF\r\nlines\"\"\"", #"{s: "CRLF\nlines"}"#),
        ok("s = \"\"\"one line\"\"\"", #"{s: "one line"}"#),
        ok("s = \"\"\"\n\nkeeps the second newline\"\"\"", #"{s: "\nkeeps the second newline"}"#),
        ok("s = \"\"\"\nThe quick \\\n\n\n  brown \\\n    fox.\"\"\"", #"{s: "The quick brown fox."}"#),
        ok("s = \"\"\"\\\n   trimmed \\  \t\n  too\\\n   \"\"\"", #"{s: "trimmed too"}"#),
        ok("s = \"\"\"a \"quoted\" \"\" word\"\"\"", #"{s: "a \"quoted\" \"\" word"}"#),
        ok("s = \"\"\"\"one\"\"\"\"", #"{s: "\"one\""}"#),
        ok("s = \"\"\"\"\"two\"\"\"\"\"", #"{s: "\"\"two\"\""}"#),
        ok(#"s = """tab\tand \u00E9""""#, #"{s: "tab\tand é"}"#),
        ok("s = \"\"\"\n# not a comment\n[not.a.table]\n\"\"\"", ##"{s: "# not a comment\n[not.a.table]\n"}"##),
        bad("s = \"\"\"abc\n", .syntax("unterminated multi-line string", at: at(1, 5))),
        bad("s = \"\"\"abc\"\"", .syntax("unterminated multi-line string", at: at(1, 5))),
        bad("s = \"\"\"a\"\"\"\"\"\"", .syntax("too many quotes at the end of a multi-line string", at: at(1, 14))),
        bad("s = \"\"\"a \\ b\"\"\"", .syntax(#"invalid escape \ "#, at: at(1, 10))),
        bad("s = \"\"\"\n\\q\"\"\"", .syntax(#"invalid escape \q"#, at: at(2, 1))),
        bad("s = \"\"\"a\rb\"\"\"", .syntax("control character U+000D in a string", at: at(1, 9))),
        bad("s = \"\"\"a\u{1B}b\"\"\"", .syntax("control character U+001B in a string", at: at(1, 9))),
    ]

    static let multilineLiteral: [TOMLCase] = [
        ok(
            "s = '''\nThe first newline is\ntrimmed in raw strings.\n   All other whitespace\n   is preserved.\n'''",
            #"{s: "The first newline is\ntrimmed in raw strings.\n   All other whitespace\n   is preserved.\n"}"#),
        ok(#"s = '''I [dw]on't need \d{2} apples'''"#, #"{s: "I [dw]on\'t need \\d{2} apples"}"#),
        ok("s = '''a \\\n  b'''", #"{s: "a \\\n  b"}"#),
        ok(
            "s = ''''That,' she said, 'is still pointless.''''",
            #"{s: "\'That,\' she said, \'is still pointless.\'"}"#),
        ok("s = '''''two'''''", #"{s: "\'\'two\'\'"}"#),
        bad("s = '''abc''", .syntax("unterminated multi-line string", at: at(1, 5))),
        bad("s = '''a''''''", .syntax("too many quotes at the end of a multi-line string", at: at(1, 14))),
        bad("s = '''a\u{08}'''", .syntax("control character U+0008 in a string", at: at(1, 9))),
    ]

    @Test(arguments: basic) func basicStrings(_ c: TOMLCase) { c.check() }
    @Test(arguments: literal) func literalStrings(_ c: TOMLCase) { c.check() }
    @Test(arguments: multilineBasic) func multilineBasicStrings(_ c: TOMLCase) { c.check() }
    @Test(arguments: multilineLiteral) func multilineLiteralStrings(_ c: TOMLCase) { c.check() }
}
