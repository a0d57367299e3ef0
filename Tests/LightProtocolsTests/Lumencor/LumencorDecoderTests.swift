import LightProtocols
import Testing

/// Line framing and typed errors of the Lumencor decoder (PROTOCOLS.md §4; seed 001).
@Suite struct LumencorDecoderTests {
    let decoder = LumencorDecoder()

    @Test func emptyAndBlankLinesAreSkipped() {
        let results = decodeAll(decoder, "\n\r\n \t \r\n\nGET VER\n\n")
        #expect(results.map(\.value) == [.request(.getVersion)])
    }

    @Test func tokensMaySeparateWithSpacesAndTabsAndKeywordsIgnoreCase() {
        #expect(
            decodeAll(decoder, "  set\tChInt   2 \t 0800  \r\n").map(\.value) == [
                .request(.setChannelIntensity(channel: 2, intensity: 800))
            ])
        #expect(decodeAll(decoder, "set ip dhcp\n").map(\.value) == [.request(.setIP(.dhcp))])
        #expect(decodeAll(decoder, "a chmap violet Blue\r\n").map(\.value) == [.answer(.channelMap(["violet", "Blue"]))])
    }

    @Test func aLineIsDeliveredAtItsNewlineAndNotBefore() {
        var d = decoder
        d.feed("GET CHINT 2")
        #expect(d.next() == nil)
        d.feed("\r")
        #expect(d.next() == nil)
        d.feed("\n")
        #expect(d.next()?.value == .request(.getChannelIntensity(channel: 2)))
        #expect(d.bufferedByteCount == 0)
    }

    @Test func byteAtATimeFeedingGivesTheSameResult() throws {
        let stream = LumencorGoldenTests.all.map(\.0).joined()
        var d = decoder
        var results: [Result<LumencorMessage, LumencorError>] = []
        for byte in stream.utf8 {
            d.feed([byte])
            results += d.drain()
        }
        #expect(results.map(\.value) == LumencorGoldenTests.all.map(\.1))
    }

    @Test func theLongestLineIsAcceptedAndOneByteMoreIsNot() {
        let longest = "A ERRORTEXT " + String(repeating: "x", count: LumencorFormat.defaultMaxLineLength - 12)
        #expect(longest.utf8.count == 512)
        #expect(decodeAll(decoder, longest + "\r\n").map(\.value) == [.answer(.errorText(String(longest.dropFirst(12))))])
        #expect(decodeAll(decoder, longest + "\n").count == 1)
        let results = decodeAll(decoder, longest + "y\r\nGET VER\n")
        #expect(results.map(\.error) == [.lineTooLong(maxLength: 512), nil])
        #expect(results.last?.value == .request(.getVersion))
    }

    @Test func anEndlessLineIsReportedOnceAndTheBufferStaysBounded() {
        var d = decoder
        var errors: [LumencorError] = []
        for _ in 0..<100 {
            d.feed(String(repeating: "Z", count: 1000))
            errors += d.drain().compactMap(\.error)
            #expect(d.bufferedByteCount <= LumencorFormat.defaultMaxLineLength + 1)
        }
        #expect(errors == [.lineTooLong(maxLength: 512)])
        d.feed("more garbage\nGET NUMCH\n")
        #expect(d.drain().map(\.value) == [.request(.getChannelCount)])
    }

    @Test func maxLineLengthIsConfigurable() {
        let short = LumencorDecoder(format: LumencorFormat(maxLineLength: 40))
        let line = "A ERRORTEXT " + String(repeating: "x", count: 29)
        #expect(decodeAll(short, line + "\r\n").map(\.error) == [.lineTooLong(maxLength: 40)])
        #expect(decodeAll(short, String(line.dropLast()) + "\r\n").first?.value != nil)
        #expect(LumencorFormat(maxLineLength: 1).maxLineLength == LumencorFormat.minimumMaxLineLength)
    }

    @Test(arguments: [
        ("GET VER 1\n", LumencorError.wrongArgumentCount(command: "GET VER", expected: "0", actual: 1)),
        ("GET CHINT\n", .wrongArgumentCount(command: "GET CHINT", expected: "1", actual: 0)),
        ("GET OT 1 2\n", .wrongArgumentCount(command: "GET OT", expected: "1", actual: 2)),
        ("GET ERRORTEXT 1 2\n", .wrongArgumentCount(command: "GET ERRORTEXT", expected: "0 or 1", actual: 2)),
        ("SET CH 2\n", .wrongArgumentCount(command: "SET CH", expected: "2", actual: 1)),
        ("SET CH 2 2\n", .valueOutOfRange(command: "SET CH", field: "state", value: 2, range: 0...1)),
        ("SET CH 64 1\n", .valueOutOfRange(command: "SET CH", field: "channel", value: 64, range: 0...63)),
        ("SET CHINT 2 70000\n", .valueOutOfRange(command: "SET CHINT", field: "intensity", value: 70000, range: 0...65535)),
        ("SET CHINT 2 abc\n", .invalidNumber(command: "SET CHINT", field: "intensity", token: "abc")),
        ("SET CHINT 2 -5\n", .invalidNumber(command: "SET CHINT", field: "intensity", token: "-5")),
        ("SET CHINT x 5\n", .invalidNumber(command: "SET CHINT", field: "channel", token: "x")),
        (
            "SET CHINT 2 1234567890123456789\n",
            .invalidNumber(command: "SET CHINT", field: "intensity", token: "1234567890123456789")
        ),
        ("SET MULCHINT\n", .wrongArgumentCount(command: "SET MULCHINT", expected: "1 to 64", actual: 0)),
        ("SET MULCH 1 0 5\n", .valueOutOfRange(command: "SET MULCH", field: "state", value: 5, range: 0...1)),
        ("SET LOGLVL 4\n", .valueOutOfRange(command: "SET LOGLVL", field: "logging level", value: 4, range: 0...3)),
        ("SET TTLENABLE 2\n", .valueOutOfRange(command: "SET TTLENABLE", field: "TTL enable", value: 2, range: 0...1)),
        ("SET IP 192.168.1.256\n", .invalidIPAddress(command: "SET IP", token: "192.168.1.256")),
        ("SET IP 192.168.1\n", .invalidIPAddress(command: "SET IP", token: "192.168.1")),
        ("SET USERVAR\n", .wrongArgumentCount(command: "SET USERVAR", expected: "1", actual: 0)),
        ("SET USERVAR a b\n", .wrongArgumentCount(command: "SET USERVAR", expected: "1", actual: 2)),
        ("SET VER 2\n", .unsupportedForm(command: "SET VER")),
        ("GET REBOOT\n", .unsupportedForm(command: "GET REBOOT")),
        ("REBOOT NOW\n", .wrongArgumentCount(command: "REBOOT", expected: "0", actual: 1)),
        ("SET GET MULCHINT\n", .unknownCommand(keyword: "SET", name: "GET")),
        ("GET FOO\n", .unknownCommand(keyword: "GET", name: "FOO")),
        ("GET\n", .missingCommandName(keyword: "GET")),
        ("HELLO WORLD\n", .unknownKeyword("HELLO")),
        ("A\r\n", .missingCommandName(keyword: "A")),
        ("A VER\r\n", .wrongArgumentCount(command: "A VER", expected: "1", actual: 0)),
        ("A VER 1 2\r\n", .wrongArgumentCount(command: "A VER", expected: "1", actual: 2)),
        ("A CH 1 0\r\n", .wrongArgumentCount(command: "A CH", expected: "0 or 1", actual: 2)),
        ("A REBOOT 1\r\n", .wrongArgumentCount(command: "A REBOOT", expected: "0", actual: 1)),
        ("A CHMAP\r\n", .wrongArgumentCount(command: "A CHMAP", expected: "1 to 64", actual: 0)),
        ("A ERRORTEXT\r\n", .wrongArgumentCount(command: "A ERRORTEXT", expected: "1 or more", actual: 0)),
        ("A STAT x\r\n", .invalidNumber(command: "A STAT", field: "status", token: "x")),
        ("A STAT 65536\r\n", .valueOutOfRange(command: "A STAT", field: "status", value: 65536, range: 0...65535)),
        ("A TEMP -300\r\n", .valueOutOfRange(command: "A TEMP", field: "temperature", value: -300, range: -273...1000)),
        ("A TEMP 2x\r\n", .invalidNumber(command: "A TEMP", field: "temperature", token: "2x")),
        ("A MAXINT 0\r\n", .valueOutOfRange(command: "A MAXINT", field: "maximum intensity", value: 0, range: 1...65535)),
        ("A NUMCH 0\r\n", .valueOutOfRange(command: "A NUMCH", field: "channel count", value: 0, range: 1...64)),
        ("A IP DHCP\r\n", .invalidIPAddress(command: "A IP", token: "DHCP")),
        ("A LOGLVL 9\r\n", .valueOutOfRange(command: "A LOGLVL", field: "logging level", value: 9, range: 0...3)),
        ("E FOO\r\n", .unknownCommand(keyword: "E", name: "FOO")),
        ("GET VER\u{1}\n", .invalidByte(0x01)),
        ("GET VER\rX\n", .invalidByte(0x0D)),
        ("GET VER\r\r\n", .invalidByte(0x0D)),
        ("SET USERVAR \u{E9}\n", .invalidByte(0xC3)),
    ])
    func badLinesAreTypedErrors(_ line: String, _ error: LumencorError) {
        let results = decodeAll(decoder, line)
        #expect(results.map(\.error) == [error], "\(line): \(results)")
    }

    @Test func errorsPrintAsOneLogLineNamingTheCommand() {
        let error = LumencorError.valueOutOfRange(command: "SET CHINT", field: "intensity", value: 70000, range: 0...65535)
        #expect(error.description == "SET CHINT: intensity 70000 is outside 0...65535")
        #expect(LumencorError.unknownKeyword("\u{1}x").description.contains("\\x01x"))
        #expect(!LumencorError.lineTooLong(maxLength: 512).description.contains("\n"))
    }

    @Test func everyGoodLineAroundGarbageIsDelivered() {
        let stream =
            "GET VER\n\u{0}\u{7F}junk\nA VER 1.0.6\r\nSET CHINT 2 99999\nSET GET MULCHINT\n"
            + String(repeating: "#", count: 600) + "\nA CHINT\r\n\r\nbogus line\r\nGET STAT\nA STAT 7\r\n"
        let results = decodeAll(decoder, stream)
        #expect(
            results.compactMap(\.value) == [
                .request(.getVersion), .answer(.version("1.0.6")), .answer(.acknowledged(.chint)), .request(.getStatus),
                .answer(.status(.warmingUp)),
            ])
        #expect(
            results.compactMap(\.error) == [
                .invalidByte(0x00),
                .valueOutOfRange(command: "SET CHINT", field: "intensity", value: 99999, range: 0...65535),
                .unknownCommand(keyword: "SET", name: "GET"),
                .lineTooLong(maxLength: 512),
                .unknownKeyword("bogus"),
            ])
    }

    @Test func survivesRandomAndMutatedBuffers() throws {
        let encoder = LumencorEncoder()
        let samples = try LumencorGoldenTests.all.map { try encoder.encode($0.1) }
        checkRobustness(
            seed: 0x5EED_0001, makeDecoder: { LumencorDecoder() }, samples: samples, resync: [0x0A],
            good: (Array("GET CHINT 2\n".utf8), .request(.getChannelIntensity(channel: 2))),
            maxBuffered: LumencorFormat.defaultMaxLineLength + 1)
    }
}
