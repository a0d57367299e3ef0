import BridgeCore
import Testing

/// Integers, floats and booleans (TOML 1.0 "Integer", "Float", "Boolean"); dates and times
/// are refused with a typed error.
@Suite struct TOMLNumberTests {
    static let integers: [TOMLCase] = [
        ok("a = 42\nb = +99\nc = -17\nd = 0\ne = +0\nf = -0", "{a: 42, b: 99, c: -17, d: 0, e: 0, f: 0}"),
        ok("a = 1_000\nb = 5_349_221\nc = 1_2_3_4_5", "{a: 1000, b: 5349221, c: 12345}"),
        ok("a = 0xDEADBEEF\nb = 0xdead_beef\nc = 0x00ff", "{a: 3735928559, b: 3735928559, c: 255}"),
        ok("a = 0o01234567\nb = 0o755\nc = 0b11010110\nd = 0b1_0", "{a: 342391, b: 493, c: 214, d: 2}"),
        ok(
            "max = 9223372036854775807\nmin = -9223372036854775808\nhex = 0x7FFFFFFFFFFFFFFF",
            "{max: 9223372036854775807, min: -9223372036854775808, hex: 9223372036854775807}"),
        ok("a = [1,2]", "{a: [1, 2]}"),
        bad("a = 01", .syntax("invalid number 01", at: at(1, 5))),
        bad("a = -01", .syntax("invalid number -01", at: at(1, 5))),
        bad("a = 1__000", .syntax("invalid number 1__000", at: at(1, 5))),
        bad("a = _1", .syntax("expected a value, found '_'", at: at(1, 5))),
        bad("a = 1_", .syntax("invalid number 1_", at: at(1, 5))),
        bad("a = 0x", .syntax("invalid number 0x", at: at(1, 5))),
        bad("a = 0x_1", .syntax("invalid number 0x_1", at: at(1, 5))),
        bad("a = +0x1", .syntax("invalid number +0x1", at: at(1, 5))),
        bad("a = -0b1", .syntax("invalid number -0b1", at: at(1, 5))),
        bad("a = 0X1F", .syntax("invalid number 0X1F", at: at(1, 5))),
        bad("a = 0b102", .syntax("invalid number 0b102", at: at(1, 5))),
        bad("a = 0o8", .syntax("invalid number 0o8", at: at(1, 5))),
        bad("a = 0xG", .syntax("invalid number 0xG", at: at(1, 5))),
        bad("a = 12abc", .syntax("invalid number 12abc", at: at(1, 5))),
        bad("a = 9223372036854775808", .syntax("integer 9223372036854775808 does not fit in 64 bits", at: at(1, 5))),
        bad("a = -9223372036854775809", .syntax("integer -9223372036854775809 does not fit in 64 bits", at: at(1, 5))),
        bad("a = 0x8000000000000000", .syntax("integer 0x8000000000000000 does not fit in 64 bits", at: at(1, 5))),
        bad("a = 1 2", .syntax("expected a newline after a value, found '2'", at: at(1, 7))),
    ]

    static let floats: [TOMLCase] = [
        ok("a = +1.0\nb = 3.1415\nc = -0.01", "{a: 1.0, b: 3.1415, c: -0.01}"),
        ok("a = 5e+22\nb = 1e06\nc = -2E-2\nd = 6.626e-34", "{a: 5e+22, b: 1000000.0, c: -0.02, d: 6.626e-34}"),
        ok(
            "a = 224_617.445_991_228\nb = 1e1_0\nc = 0.0\nd = -0.0\ne = +0.0",
            "{a: 224617.445991228, b: 10000000000.0, c: 0.0, d: -0.0, e: 0.0}"),
        ok("a = inf\nb = +inf\nc = -inf", "{a: inf, b: inf, c: -inf}"),
        ok("a = nan\nb = +nan\nc = -nan", "{a: nan, b: nan, c: -nan}"),
        ok("a = 0.1e-2\nb = 9_007_199_254_740_993.0", "{a: 0.001, b: 9007199254740992.0}"),
        ok("a = [1.5,2e3]", "{a: [1.5, 2000.0]}"),
        bad("a = .7", .syntax("expected a value, found '.'", at: at(1, 5))),
        bad("a = 7.", .syntax("invalid number 7.", at: at(1, 5))),
        bad("a = 3.e+20", .syntax("invalid number 3.e+20", at: at(1, 5))),
        bad("a = 1e", .syntax("invalid number 1e", at: at(1, 5))),
        bad("a = 1e+", .syntax("invalid number 1e+", at: at(1, 5))),
        bad("a = 1.2.3", .syntax("invalid number 1.2.3", at: at(1, 5))),
        bad("a = 01.5", .syntax("invalid number 01.5", at: at(1, 5))),
        bad("a = 1._5", .syntax("invalid number 1._5", at: at(1, 5))),
        bad("a = 1.5_", .syntax("invalid number 1.5_", at: at(1, 5))),
        bad("a = 1e_1", .syntax("invalid number 1e_1", at: at(1, 5))),
        bad("a = 1.0e1.0", .syntax("invalid number 1.0e1.0", at: at(1, 5))),
        bad("a = infinity", .syntax("invalid number infinity", at: at(1, 5))),
        bad("a = Inf", .syntax("expected a value, found 'I'", at: at(1, 5))),
        bad("a = NaN", .syntax("expected a value, found 'N'", at: at(1, 5))),
        bad("a = nan1", .syntax("invalid number nan1", at: at(1, 5))),
        bad("a = 0x1.5", .syntax("invalid number 0x1.5", at: at(1, 5))),
    ]

    static let booleans: [TOMLCase] = [
        ok("t = true\nf = false", "{t: true, f: false}"),
        ok("a = [true,false]", "{a: [true, false]}"),
        bad("a = True", .syntax("expected a value, found 'T'", at: at(1, 5))),
        bad("a = tru", .syntax("expected a value, found 't'", at: at(1, 5))),
        bad("a = falsey", .syntax("expected a newline after a value, found 'y'", at: at(1, 10))),
        bad("a = yes", .syntax("expected a value, found 'y'", at: at(1, 5))),
    ]

    static let datesAndTimes: [TOMLCase] = [
        bad("d = 1979-05-27", .unsupported("dates and times", at: at(1, 5))),
        bad("d = 1979-05-27T07:32:00Z", .unsupported("dates and times", at: at(1, 5))),
        bad("x = 1\nd = 1979-05-27 07:32:00-08:00", .unsupported("dates and times", at: at(2, 5))),
        bad("t = 07:32:00", .unsupported("dates and times", at: at(1, 5))),
        bad("a = [1, 00:00:00]", .unsupported("dates and times", at: at(1, 9))),
    ]

    @Test(arguments: integers) func integerValues(_ c: TOMLCase) { c.check() }
    @Test(arguments: floats) func floatValues(_ c: TOMLCase) { c.check() }
    @Test(arguments: booleans) func booleanValues(_ c: TOMLCase) { c.check() }
    @Test(arguments: datesAndTimes) func datesAndTimesAreRefused(_ c: TOMLCase) { c.check() }

    @Test func unsupportedErrorsSayWhat() {
        let error = TOMLError.unsupported("dates and times", at: at(3, 7))
        #expect(error.description == "3:7: dates and times are not supported")
    }
}
