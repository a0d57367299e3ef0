import LightProtocols
import PropertyBased
import Testing

/// TCP control socket, port 50630: PROTOCOLS.md §5.
@Suite struct HeliospectraControlTests {
    let encoder = HeliospectraControlEncoder()

    static let requests: [(String, HeliospectraControlRequest)] = [
        ("getWl\r\n", .getWavelengths),
        ("setWlsRelPower 100 200 300 400 500 1000 0\r\n", .setWavelengthsRelativePower([100, 200, 300, 400, 500, 1000, 0])),
        ("setWlRelPower 450 100\r\n", .setWavelengthRelativePower(wavelength: 450, value: 100)),
        ("setAll 100\r\n", .setAll(100)),
        ("getAllRelPower\r\n", .getAllRelativePower),
        ("getDeviceTemperature 1\r\n", .getDeviceTemperature(sensor: 1)),
        ("getmac\r\n", .getMAC),
        ("bye\r\n", .bye),
    ]

    /// The assumed reply formats (PROTOCOLS.md §5 gives none) and the request each answers.
    static let replies: [(String, HeliospectraControlReply, HeliospectraControlRequest?)] = [
        ("OK 400 420 450 530 630 660 735\r\n", .wavelengths([400, 420, 450, 530, 630, 660, 735]), .getWavelengths),
        ("OK 100 100 100 100 100 100 100\r\n", .relativePowers([100, 100, 100, 100, 100, 100, 100]), .getAllRelativePower),
        ("OK 25.5\r\n", .temperature(celsius: 25.5), .getDeviceTemperature(sensor: 1)),
        ("OK -3.25\r\n", .temperature(celsius: -3.25), .getDeviceTemperature(sensor: 2)),
        ("OK 00:11:22:33:44:55\r\n", .mac(HeliospectraMAC([0, 0x11, 0x22, 0x33, 0x44, 0x55]) ?? .broadcast), .getMAC),
        ("OK\r\n", .ok, .setAll(100)),
        ("OK bye\r\n", .okText("bye"), .bye),
        ("Unknown command\r\n", .error("Unknown command"), .setAll(100)),
        (">", .prompt, nil),
    ]

    @Test func goldenRequestsDecodeAndEncode() throws {
        for (text, request) in Self.requests {
            #expect(decodeAll(HeliospectraControlDecoder(role: .lamp), text).map(\.value) == [.request(request)], "\(text)")
            #expect(decodeAll(HeliospectraControlDecoder(role: .transcript), text).map(\.value) == [.request(request)], "\(text)")
            #expect(String(decoding: try encoder.encode(request), as: UTF8.self) == text)
        }
    }

    @Test func goldenRepliesDecodeAndEncode() throws {
        for (text, reply, request) in Self.replies {
            var d = HeliospectraControlDecoder(role: .client, expectGreeting: false)
            if let request { d.expectReply(to: request) }
            #expect(decodeAll(d, text).map(\.value) == [.reply(reply)], "\(text)")
            #expect(String(decoding: try encoder.encode(reply), as: UTF8.self) == text)
        }
    }

    @Test func lineFeedOnlyAndLFEncoderSetting() throws {
        let lf = HeliospectraControlEncoder(format: HeliospectraControlFormat(lineEnding: .lf))
        #expect(try lf.encode(.setAll(5)) == Array("setAll 5\n".utf8))
        #expect(
            decodeAll(HeliospectraControlDecoder(role: .lamp), "setAll 5\n  getmac \t\r\n\r\n").map(\.value) == [
                .request(.setAll(5)), .request(.getMAC),
            ])
    }

    @Test func sessionTranscript() {
        let transcript =
            "Welcome to Heliospectra LX602G\r\nFirmware 2.2.27\r\n>getWl\r\nOK 400 420 450 530 630 660 735\r\n> getAllRelPower\r\n"
            + "OK 100 100 100 100 100 100 100\r\n>setWlsRelPower 0 0 0 1000 0 0 0\r\nOK\r\n>setAll 5000\r\n>bogus\r\nUnknown command\r\n>"
        let results = decodeAll(HeliospectraControlDecoder(), transcript)
        let expected: [Result<HeliospectraControlMessage, HeliospectraError>] = [
            .success(.reply(.greeting("Welcome to Heliospectra LX602G"))), .success(.reply(.greeting("Firmware 2.2.27"))),
            .success(.reply(.prompt)), .success(.request(.getWavelengths)),
            .success(.reply(.wavelengths([400, 420, 450, 530, 630, 660, 735]))), .success(.reply(.prompt)),
            .success(.request(.getAllRelativePower)), .success(.reply(.relativePowers([100, 100, 100, 100, 100, 100, 100]))),
            .success(.reply(.prompt)), .success(.request(.setWavelengthsRelativePower([0, 0, 0, 1000, 0, 0, 0]))),
            .success(.reply(.ok)), .success(.reply(.prompt)),
            .failure(.valueOutOfRange(field: "relative power", value: 5000, range: 0...1000)), .success(.reply(.prompt)),
            .success(.reply(.error("bogus"))), .success(.reply(.error("Unknown command"))), .success(.reply(.prompt)),
        ]
        #expect(results == expected)
    }

    @Test func promptWithoutNewlineIsHandedOutAtOnce() {
        var d = HeliospectraControlDecoder(role: .client)
        d.feed("Hello\r\n")
        #expect(d.next()?.value == .reply(.greeting("Hello")))
        d.feed(">")
        #expect(d.next()?.value == .reply(.prompt))
        #expect(d.next() == nil)
        #expect(d.bufferedByteCount == 0)
        d.feed("Hello\r\n \t>")
        #expect(d.next()?.value == .reply(.error("Hello")), "after the first prompt a non-OK line is an error")
        #expect(d.next()?.value == .reply(.prompt), "blanks before a prompt are dropped")
        d.feed("OK 1 2")
        #expect(d.next() == nil, "a partial line waits")
        d.feed("\n")
        #expect(d.next()?.value == .reply(.okText("1 2")), "no pending request: the payload is kept as text")
    }

    @Test func repliesAnswerPendingRequestsInOrder() {
        var d = HeliospectraControlDecoder(role: .client, expectGreeting: false)
        d.expectReply(to: .getWavelengths)
        d.expectReply(to: .getAllRelativePower)
        d.expectReply(to: .getMAC)
        d.feed("OK 400 735\nOK 10 1000\nfailed\nOK 1\n")
        #expect(
            d.drain().map(\.value) == [
                .reply(.wavelengths([400, 735])), .reply(.relativePowers([10, 1000])), .reply(.error("failed")),
                .reply(.okText("1")),
            ])
        #expect(d.pendingRequests.isEmpty)
    }

    static let badLines: [(HeliospectraControlDecoder.Role, HeliospectraControlRequest?, String, HeliospectraError)] = [
        (.lamp, nil, "getWavelengths\r\n", .unknownCommand("getWavelengths")),
        (.lamp, nil, "getWl 1\r\n", .wrongArgumentCount(command: "getWl", expected: "0", actual: 1)),
        (.lamp, nil, "setWlRelPower 450\r\n", .wrongArgumentCount(command: "setWlRelPower", expected: "2", actual: 1)),
        (.lamp, nil, "setWlsRelPower\r\n", .wrongArgumentCount(command: "setWlsRelPower", expected: "1 to 64", actual: 0)),
        (.lamp, nil, "setAll x\r\n", .invalidNumber(field: "relative power", text: "x")),
        (.lamp, nil, "setAll -1\r\n", .invalidNumber(field: "relative power", text: "-1")),
        (.lamp, nil, "setAll 1001\r\n", .valueOutOfRange(field: "relative power", value: 1001, range: 0...1000)),
        (.lamp, nil, "setWlRelPower 70000 1\r\n", .valueOutOfRange(field: "wavelength", value: 70000, range: 0...65535)),
        (.lamp, nil, "getDeviceTemperature 256\r\n", .valueOutOfRange(field: "sensor", value: 256, range: 0...255)),
        (.lamp, nil, "getmac\u{7}\r\n", .invalidLine(Array("getmac\u{7}".utf8))),
        (.client, .getWavelengths, "OK 400 abc\r\n", .malformedReply(request: "getWl", text: "OK 400 abc")),
        (.client, .getAllRelativePower, "OK 100 1001\r\n", .malformedReply(request: "getAllRelPower", text: "OK 100 1001")),
        (
            .client, .getDeviceTemperature(sensor: 0), "OK warm\r\n",
            .malformedReply(request: "getDeviceTemperature", text: "OK warm")
        ),
        (
            .client, .getDeviceTemperature(sensor: 0), "OK nan\r\n",
            .malformedReply(request: "getDeviceTemperature", text: "OK nan")
        ),
        (
            .client, .getDeviceTemperature(sensor: 0), "OK 1 2\r\n",
            .malformedReply(request: "getDeviceTemperature", text: "OK 1 2")
        ),
        (.client, .getMAC, "OK 00:11:22\r\n", .malformedReply(request: "getmac", text: "OK 00:11:22")),
    ]

    @Test(arguments: badLines)
    func badLinesAreTypedErrors(
        _ role: HeliospectraControlDecoder.Role, _ pending: HeliospectraControlRequest?, _ line: String,
        _ error: HeliospectraError
    ) {
        var d = HeliospectraControlDecoder(role: role, expectGreeting: false)
        if let pending { d.expectReply(to: pending) }
        #expect(decodeAll(d, line).map(\.error) == [error], "\(line)")
    }

    @Test func textThatOnlyLooksLikeOKIsAnErrorAndReadsBack() throws {
        var d = HeliospectraControlDecoder(role: .client, expectGreeting: false)
        d.feed("OKAY then\r\nOK \t padded\r\nerr\tor\r\nOK \t\u{6E2}mark\r\n")
        let replies = d.drain().map(\.value)
        #expect(
            replies == [
                .reply(.error("OKAY then")), .reply(.okText("padded")), .reply(.error("err\tor")), .reply(.okText("\u{6E2}mark")),
            ])
        for case .reply(let reply)? in replies {
            var again = HeliospectraControlDecoder(role: .client, expectGreeting: false)
            again.feed(try encoder.encode(reply))
            #expect(again.drain().map(\.value) == [.reply(reply)])
        }
    }

    @Test func invalidUTF8IsAnInvalidLine() {
        let results = decodeAll(
            HeliospectraControlDecoder(role: .lamp), [0x67, 0x65, 0x74, 0xFF, 0x0D, 0x0A] + Array("bye\n".utf8))
        #expect(results.map(\.error) == [.invalidLine([0x67, 0x65, 0x74, 0xFF]), nil])
        #expect(results.last?.value == .request(.bye))
    }

    @Test func overlongLineIsReportedOnceAndDiscarded() {
        var d = HeliospectraControlDecoder(role: .lamp)
        d.feed([UInt8](repeating: 0x41, count: 600))
        #expect(d.drain().map(\.error) == [.lineTooLong(max: 512)])
        #expect(d.bufferedByteCount == 0)
        d.feed([UInt8](repeating: 0x41, count: 600) + Array("\r\ngetmac\r\n".utf8))
        #expect(d.drain().map(\.value) == [.request(.getMAC)])
        // A long line that arrives whole with its newline is reported too, and the next survives.
        #expect(
            decodeAll(HeliospectraControlDecoder(role: .lamp), [UInt8](repeating: 0x41, count: 700) + Array("\nbye\n".utf8)).map(
                \.error)
                == [.lineTooLong(max: 512), nil])
    }

    static let unencodable: [HeliospectraControlMessage] = [
        .request(.setAll(1001)), .request(.setWavelengthsRelativePower([])),
        .request(.setWavelengthsRelativePower(Array(repeating: 1, count: 65))),
        .request(.setWavelengthRelativePower(wavelength: 400, value: 1001)), .reply(.relativePowers([1001])),
        .reply(.wavelengths([])),
        .reply(.temperature(celsius: .infinity)), .reply(.temperature(celsius: .nan)), .reply(.error("OK fine")),
        .reply(.error("getWl failed")), .reply(.greeting("> hi")), .reply(.error("")), .reply(.error(" padded")),
        .reply(.okText("two\r\nlines")), .reply(.okText("")),
    ]

    @Test(arguments: unencodable)
    func encoderRejectsWhatWouldNotReadBack(_ message: HeliospectraControlMessage) {
        #expect(throws: HeliospectraError.self) { try encoder.encode(message) }
    }

    @Test func requestRoundTrip() async {
        await propertyCheck(count: 1000, input: HeliospectraArbitrary.request) { request in
            let bytes = try encoder.encode(request)
            #expect(decodeAll(HeliospectraControlDecoder(role: .lamp), bytes).map(\.value) == [.request(request)])
            #expect(decodeAll(HeliospectraControlDecoder(role: .transcript), bytes).map(\.value) == [.request(request)])
        }
    }

    @Test func replyRoundTrip() async {
        await propertyCheck(count: 1000, input: HeliospectraArbitrary.reply) { c in
            let bytes = try encoder.encode(c.reply)
            var isGreeting = false
            if case .greeting = c.reply { isGreeting = true }
            var d = HeliospectraControlDecoder(role: .client, expectGreeting: isGreeting)
            if let request = c.request { d.expectReply(to: request) }
            #expect(decodeAll(d, bytes).map(\.value) == [.reply(c.reply)])
            // The same reply read from a transcript, right after the request it answers.
            if let request = c.request {
                let t = try encoder.encode(request) + bytes
                let results = decodeAll(HeliospectraControlDecoder(role: .transcript, expectGreeting: isGreeting), t)
                #expect(results.map(\.value) == [.request(request), .reply(c.reply)])
            }
        }
    }

    @Test func survivesRandomAndMutatedBuffers() throws {
        let longest = try encoder.encode(.setWavelengthsRelativePower(Array(repeating: 1000, count: 64)))
        let samples =
            Self.requests.map { Array($0.0.utf8) } + Self.replies.map { Array($0.0.utf8) } + [Array("Welcome\r\n".utf8), longest]
        checkRobustness(
            seed: 0x4E11_0003, makeDecoder: { HeliospectraControlDecoder() }, samples: samples, resync: [0x0A],
            good: (Array("getAllRelPower\r\n".utf8), .request(.getAllRelativePower)), maxBuffered: 513)
    }
}
