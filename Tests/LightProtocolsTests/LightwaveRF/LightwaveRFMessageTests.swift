import LightProtocols
import PropertyBased
import Testing

/// Datagrams both ways: seed 004 "Command Package", "Example Interactions", "Transmit Error
/// Example"; PROTOCOLS.md §3.
@Suite struct LightwaveRFMessageTests {
    let encoder = LightwaveEncoder()

    static func device(_ trans: UInt16?, _ room: UInt8, _ device: UInt8, _ f: LightwaveDeviceFunction) -> LightwaveMessage {
        .command(LightwaveCommand(transaction: trans, action: .device(room: room, device: device, f)))
    }

    static let seedEvent = LightwaveEvent(
        trans: 1, mac: "03:34:BC", time: 1_456_495_650, packet: "433T", function: "on", room: 1, device: 1)

    /// Every example of the seed, then the PROTOCOLS.md §3 texts, then one of each function.
    static let golden: [(String, LightwaveMessage)] = [
        // Seed: normal command with a transaction id, reply OK.
        ("111,!R1D1F1", device(111, 1, 1, .on)),
        ("111,OK", .ok(transaction: 111)),
        // Seed: incremented id and a screen description.
        (
            "112,!R1D1F0|Turn Light|Off",
            .command(
                LightwaveCommand(transaction: 112, action: .device(room: 1, device: 1, .off), line1: "Turn Light", line2: "Off"))
        ),
        ("112,OK", .ok(transaction: 112)),
        // Seed: no transaction id; the Link answers 0.
        (",!R3D1FdP12", device(nil, 3, 1, .dim(level: 12))),
        ("0,OK", .ok(transaction: 0)),
        // Seed: several Links.
        ("150,!R1D1F1", device(150, 1, 1, .on)),
        ("150,OK", .ok(transaction: 150)),
        // Seed: one Link addressed by its MAC ending.
        (
            ":205678,123,!R1D1F1",
            .command(
                LightwaveCommand(
                    link: LightwaveLinkSelector(0x20_5678), transaction: 123, action: .device(room: 1, device: 1, .on)))
        ),
        ("123,OK", .ok(transaction: 123)),
        // Seed: the command package example (50 %, two screen lines).
        (
            "373,!R4D3FdP16|Side Lamp|Half Brightness",
            .command(
                LightwaveCommand(
                    transaction: 373, action: .device(room: 4, device: 3, .dim(level: 16)), line1: "Side Lamp",
                    line2: "Half Brightness"))
        ),
        // Seed: the JSON report that follows an OK.
        (
            "*!{\"trans\":1,\"mac\":\"03:34:BC\",\"time\":1456495650,\"pkt\":\"433T\",\"fn\":\"on\",\"room\":1,\"dev\":1}",
            .event(seedEvent)
        ),
        // Seed: transmit error.
        ("112,!R1D1F1", device(112, 1, 1, .on)),
        ("112,ERR,6,\"Transmit fail\"", .error(LightwaveErrorReply(transaction: 112, code: 6, text: "Transmit fail"))),
        // PROTOCOLS.md §3: registration texts, with and without a transaction prefix.
        ("100,!F*p", .command(LightwaveCommand(transaction: 100, action: .register))),
        (
            "ERR,1,\"Not yet registered. Send !F*p to register\"",
            .error(LightwaveErrorReply(transaction: nil, code: 1, text: LightwaveErrorReply.notRegisteredText))
        ),
        (
            "5,ERR,2,\"Not yet registered. Send !F*p to register\"",
            .error(LightwaveErrorReply(transaction: 5, code: 2, text: LightwaveErrorReply.notRegisteredText))
        ),
        (
            "100,ERR,1,\"Not yet registered. See WifiLink\"",
            .error(LightwaveErrorReply(transaction: 100, code: 1, text: LightwaveErrorReply.awaitingButtonLW500Text))
        ),
        (
            "ERR,2,\"Not yet registered. See LightwaveLink\"",
            .error(LightwaveErrorReply(transaction: nil, code: 2, text: LightwaveErrorReply.awaitingButtonLW930Text))
        ),
        (
            "*!{\"type\":\"link\",\"msg\":\"success\"}",
            .event(LightwaveEvent(members: [JSONMember("type", .string("link")), JSONMember("msg", .string("success"))]))
        ),
        ("?V=\"U2.93J\"", .version(transaction: nil, firmware: "U2.93J")),
        ("100,?V=\"U2.93J\"", .version(transaction: 100, firmware: "U2.93J")),
        (
            "ERR,1,\"Pairing memory is full\"",
            .error(LightwaveErrorReply(transaction: nil, code: 1, text: LightwaveErrorReply.pairingMemoryFullText))
        ),
        ("7,ERR,5,\"Slot empty\"", .error(LightwaveErrorReply(transaction: 7, code: 5, text: "Slot empty"))),
        // One of each remaining function (PROTOCOLS.md §3 list).
        ("1,!R1D2FdP32", device(1, 1, 2, .dim(level: 32))),
        ("2,!R1D2FdP0", device(2, 1, 2, .dim(level: 0))),
        ("3,!R2Fa", .command(LightwaveCommand(transaction: 3, action: .room(room: 2, .allOff)))),
        ("4,!R2FmP1", .command(LightwaveCommand(transaction: 4, action: .room(room: 2, .moodRecall(mood: 1))))),
        ("5,!R15FsP5", .command(LightwaveCommand(transaction: 5, action: .room(room: 15, .moodStore(mood: 5))))),
        ("6,!R16D16F(", device(6, 16, 16, .open)),
        ("7,!R3D4F)", device(7, 3, 4, .close)),
        ("8,!R3D4F^", device(8, 3, 4, .stop)),
        ("9,!R3D4Fl", device(9, 3, 4, .lock)),
        ("10,!R3D4Fk", device(10, 3, 4, .fullLock)),
        ("11,!R3D4Fu", device(11, 3, 4, .unlock)),
        ("999,!F*xP", .command(LightwaveCommand(transaction: 999, action: .deregisterAll))),
        ("12,@H", .command(LightwaveCommand(transaction: 12, action: .hubInfo))),
        (",!F*p|Register|me", .command(LightwaveCommand(transaction: nil, action: .register, line1: "Register", line2: "me"))),
        (
            ":2090AB,13,!R1D1F1|only line 1",
            .command(
                LightwaveCommand(
                    link: LightwaveLinkSelector(0x20_90AB), transaction: 13, action: .device(room: 1, device: 1, .on),
                    line1: "only line 1"))
        ),
        (
            ",!R1D1F1||",
            .command(LightwaveCommand(transaction: nil, action: .device(room: 1, device: 1, .on), line1: "", line2: ""))
        ),
        ("OK", .ok(transaction: nil)),
    ]

    @Test func goldenMessagesDecodeAndEncode() throws {
        for (text, message) in Self.golden {
            #expect(try LightwaveUDP.decodeDatagram(Array(text.utf8)) == message, "\(text)")
            #expect(String(decoding: try encoder.encode(message), as: UTF8.self) == text)
        }
    }

    @Test func datagramsMayEndWithANewline() throws {
        for (text, message) in Self.golden {
            #expect(try LightwaveUDP.decodeDatagram(Array((text + "\n").utf8)) == message)
            #expect(try LightwaveUDP.decodeDatagram(Array((text + "\r\n").utf8)) == message)
        }
    }

    @Test func aCommandWithoutTransactionFieldDecodesAsAnEmptyOne() throws {
        // The seed's prose sends "!R1D1F1"; it re-encodes in the empty-id form.
        let message = try LightwaveUDP.decodeDatagram(Array("!R1D1F1".utf8))
        #expect(message == Self.device(nil, 1, 1, .on))
        #expect(try encoder.encode(message) == Array(",!R1D1F1".utf8))
        #expect(try LightwaveUDP.decodeDatagram(Array(":205678,!R1D1F1".utf8)).transaction == nil)
        // A reply's empty prefix also decodes to no id.
        #expect(try LightwaveUDP.decodeDatagram(Array(",OK".utf8)) == .ok(transaction: nil))
    }

    @Test func lowerCaseSelectorIsAcceptedAndWrittenUpperCase() throws {
        let message = try LightwaveUDP.decodeDatagram(Array(":2090ab,1,!R1D1F1".utf8))
        #expect(try encoder.encode(message) == Array(":2090AB,1,!R1D1F1".utf8))
    }

    @Test func seedEventHasTypedFields() throws {
        guard case .event(let e) = try LightwaveUDP.decodeDatagram(Array(Self.golden[11].0.utf8)) else {
            Issue.record("not an event")
            return
        }
        #expect(e.trans == 1 && e.mac == "03:34:BC" && e.time == 1_456_495_650)
        #expect(e.packet == "433T" && e.function == "on" && e.room == 1 && e.device == 1)
        #expect(e.isRadioPacket && !e.isRegistrationSuccess)
        #expect(e.model == .lw500)
        #expect(e.otherMembers.isEmpty)
    }

    @Test func unknownMembersAndTheirOrderSurvive() throws {
        let text =
            "*!{\"trans\":10,\"mac\":\"20:3B:4C\",\"type\":\"link\",\"prod\":\"lwl\",\"pairType\":\"local\",\"msg\":\"success\",\"class\":\"\",\"lat\":52.48,\"big\":18446744073709551615,\"list\":[1,null,true]}"
        let message = try LightwaveUDP.decodeDatagram(Array(text.utf8))
        guard case .event(let e) = message else {
            Issue.record("not an event")
            return
        }
        #expect(e.isRegistrationSuccess && e.model == .lw930 && e.product == "lwl")
        #expect(e.otherMembers.map(\.key) == ["pairType", "class", "lat", "big", "list"])
        #expect(e["lat"] == .double(52.48) && e["big"] == .uint(UInt64.max))
        #expect(String(decoding: try encoder.encode(message), as: UTF8.self) == text)
    }

    @Test func wronglyTypedKnownMemberIsKeptButNotTyped() throws {
        let text = "*!{\"room\":\"1\",\"dev\":2.5,\"trans\":3.0}"
        guard case .event(let e) = try LightwaveUDP.decodeDatagram(Array(text.utf8)) else {
            Issue.record("not an event")
            return
        }
        #expect(e.room == nil && e.device == nil)
        // 3.0 is stored as the integer it re-encodes as.
        #expect(e.trans == 3 && e["trans"] == .int(3))
        #expect(try encoder.encode(.event(e)) == Array("*!{\"room\":\"1\",\"dev\":2.5,\"trans\":3}".utf8))
    }

    @Test func eventSettersReplaceInPlaceAndRemove() {
        var e = Self.seedEvent
        e.function = "off"
        e.room = nil
        e["extra"] = .bool(true)
        #expect(e.members.map(\.key) == ["trans", "mac", "time", "pkt", "fn", "dev", "extra"])
        #expect(e.function == "off" && e.room == nil)
        e["extra"] = .double(2.0)
        #expect(e["extra"] == .int(2))
    }

    @Test func errorKindsAreNamed() {
        let cases: [(UInt16, String, LightwaveErrorKind, LightwaveLinkModel?)] = [
            (1, LightwaveErrorReply.notRegisteredText, .notRegistered, .lw500),
            (2, LightwaveErrorReply.notRegisteredText, .notRegistered, .lw930),
            (1, LightwaveErrorReply.awaitingButtonLW500Text, .awaitingButtonPress, .lw500),
            (2, LightwaveErrorReply.awaitingButtonLW930Text, .awaitingButtonPress, .lw930),
            (1, LightwaveErrorReply.pairingMemoryFullText, .pairingMemoryFull, nil),
            (5, "Slot empty", .slotEmpty, nil),
            (6, LightwaveErrorReply.transmitFailText, .transmitFail, nil),
            (3, "Something", .other, nil),
        ]
        for (code, text, kind, model) in cases {
            let reply = LightwaveErrorReply(transaction: 1, code: code, text: text)
            #expect(reply.kind == kind, "\(code) \(text)")
            #expect(reply.model == model, "\(code) \(text)")
            #expect(reply.kind.isRetryable == (kind == .transmitFail))
        }
    }

    @Test func roundTrip() async {
        await propertyCheck(count: 3000, input: LightwaveArbitrary.message) { message in
            let bytes = try encoder.encode(message)
            #expect(bytes.count <= LightwaveUDP.maxLineLength)
            #expect(try LightwaveUDP.decodeDatagram(bytes) == message)
            var stream = LightwaveStreamDecoder()
            stream.feed(try encoder.encodeLine(message))
            #expect(stream.drain().map(\.value) == [message])
        }
    }

    /// A prepared command writes, for every transaction id, exactly the datagram the encoder
    /// writes for the command with that id; an id outside 1–999 or a short buffer throws.
    @Test func aPreparedCommandWritesTheEncodersBytesForEveryTransactionID() async {
        let encoder = LightwaveEncoder()
        await propertyCheck(count: 2000, input: LightwaveArbitrary.message) { message in
            guard case .command(var command) = message else { return }
            let prepared = try encoder.prepare(command)
            for transaction in [1, 9, 10, 99, 100, 999, UInt16.random(in: 1...999)] as [UInt16] {
                command.transaction = transaction
                let bytes = try encoder.encode(command)
                let written = try withUnsafeTemporaryAllocation(byteCount: prepared.maxLength, alignment: 1) {
                    buffer throws(LightwaveError) -> [UInt8] in
                    let count = try prepared.write(transaction: transaction, into: buffer)
                    return Array(buffer[..<count])
                }
                #expect(written == bytes, "transaction \(transaction)")
                #expect(prepared.command(transaction: transaction) == command)
                let short = withUnsafeTemporaryAllocation(byteCount: bytes.count - 1, alignment: 1) { buffer in
                    Result { () throws(LightwaveError) in try prepared.write(transaction: transaction, into: buffer) }
                }
                #expect(throws: LightwaveError.lineTooLong(limit: bytes.count - 1)) { try short.get() }
            }
            for bad in [0, 1000] as [UInt16] {
                let outOfRange = withUnsafeTemporaryAllocation(byteCount: prepared.maxLength + 1, alignment: 1) { buffer in
                    Result { () throws(LightwaveError) in try prepared.write(transaction: bad, into: buffer) }
                }
                #expect(throws: LightwaveError.valueOutOfRange(field: "transaction id", value: Int(bad), range: 1...999)) {
                    try outOfRange.get()
                }
            }
        }
    }

    /// Preparing checks the command's values as encoding does.
    @Test func preparingABadCommandThrowsTheEncodersError() {
        let encoder = LightwaveEncoder()
        let bad = LightwaveCommand(transaction: 5, action: .device(room: 17, device: 1, .on))
        #expect(throws: LightwaveError.valueOutOfRange(field: "room", value: 17, range: 1...16)) {
            try encoder.prepare(bad)
        }
        #expect(throws: LightwaveError.valueOutOfRange(field: "room", value: 17, range: 1...16)) {
            try encoder.encode(bad)
        }
    }

    @Test func jsonRoundTrip() async {
        await propertyCheck(count: 2000, input: LightwaveArbitrary.message) { message in
            let json = try JSONValueEncoder.encode(message)
            #expect(try JSONValueDecoder.decode(LightwaveMessage.self, fromText: json.jsonText) == message)
        }
    }

    @Test(arguments: [
        ("", LightwaveError.emptyMessage),
        ("\n", .emptyMessage),
        ("hello", .unknownMessage("hello")),
        ("111,", .unknownMessage("")),
        ("111,!R0D1F1", .valueOutOfRange(field: "room", value: 0, range: 1...16)),
        ("111,!R17D1F1", .valueOutOfRange(field: "room", value: 17, range: 1...16)),
        ("111,!R1D17F1", .valueOutOfRange(field: "device", value: 17, range: 1...16)),
        ("111,!R1D0F1", .valueOutOfRange(field: "device", value: 0, range: 1...16)),
        ("1000,!R1D1F1", .valueOutOfRange(field: "transaction id", value: 1000, range: 1...999)),
        ("0,!R1D1F1", .valueOutOfRange(field: "transaction id", value: 0, range: 1...999)),
        ("1000,OK", .valueOutOfRange(field: "transaction id", value: 1000, range: 0...999)),
        ("0111,OK", .invalidNumber(field: "transaction id", text: "0111")),
        ("1234567890,OK", .invalidNumber(field: "transaction id", text: "1234567890")),
        (",!R1D1FdP33", .valueOutOfRange(field: "dim level", value: 33, range: 0...32)),
        (",!R1D1Fd", .missingParameter(function: "dim")),
        (",!R1D1FdP", .invalidNumber(field: "dim parameter", text: "")),
        (",!R1D1FdP-1", .invalidNumber(field: "dim parameter", text: "-1")),
        (",!R1D1F1P5", .unexpectedParameter(function: "on")),
        (",!R1FaP1", .unexpectedParameter(function: "allOff")),
        (",!R1F1", .wrongTarget(function: "on", expected: "a room and a device")),
        (",!R1FdP5", .wrongTarget(function: "dim", expected: "a room and a device")),
        (",!R1D1Fa", .wrongTarget(function: "allOff", expected: "a room and no device")),
        (",!R1D1FmP1", .wrongTarget(function: "moodRecall", expected: "a room and no device")),
        (",!R1FmP6", .valueOutOfRange(field: "moodRecall mood", value: 6, range: 1...5)),
        (",!R1FsP0", .valueOutOfRange(field: "moodStore mood", value: 0, range: 1...5)),
        (",!R1Fm", .missingParameter(function: "moodRecall")),
        (",!R1D1Fz", .unknownFunction("Fz")),
        (",!R1D1F11", .unknownFunction("F11")),
        (",!R1D1F*tP20", .unknownFunction("F*t")),
        (",!F*q", .unknownFunction("F*q")),
        (",@X", .unknownFunction("@X")),
        (",!R1D1", .malformedCommand("!R1D1")),
        (",!X", .malformedCommand("!X")),
        (",!RD1F1", .invalidNumber(field: "room", text: "")),
        (",!R01D1F1", .invalidNumber(field: "room", text: "01")),
        (",!R1DF1", .invalidNumber(field: "device", text: "")),
        (",!R1D1F1|a|b|c", .tooManyScreenLines(count: 3)),
        (",!R1D1F1|12345678901234567", .screenLineTooLong(line: "12345678901234567", length: 17)),
        (",!R1D1F1|ok|12345678901234567", .screenLineTooLong(line: "12345678901234567", length: 17)),
        (":20567,1,!R1D1F1", .invalidLinkSelector(":20567,")),
        (":2056zz,1,!R1D1F1", .invalidLinkSelector(":2056zz,")),
        (":205678", .invalidLinkSelector(":205678")),
        (":205678,1,OK", .selectorOnReply),
        ("ERR,6", .malformedReply("ERR,6")),
        ("ERR,x,\"a\"", .invalidNumber(field: "error code", text: "x")),
        ("ERR,1000,\"a\"", .valueOutOfRange(field: "error code", value: 1000, range: 0...999)),
        ("ERR,6,Transmit fail", .malformedReply("ERR,6,Transmit fail")),
        ("ERR,6,\"", .malformedReply("ERR,6,\"")),
        ("?V=U2", .malformedReply("?V=U2")),
        ("OKAY", .unknownMessage("OKAY")),
        ("*!{\"a\":}", .invalidJSON(offset: 7, reason: "unexpected character")),
        ("*!{\"a\":1} x", .invalidJSON(offset: 10, reason: "unexpected data after the value")),
        ("*![1]", .eventNotAnObject),
        ("*!{\"a\":\n1}", .invalidCharacter(byte: 0x0A, offset: 7)),
        ("111,OK\u{7}", .invalidCharacter(byte: 7, offset: 6)),
        ("111,\nOK", .invalidCharacter(byte: 0x0A, offset: 4)),
        ("111,OK\r", .invalidCharacter(byte: 0x0D, offset: 6)),
        ("1,!R1D1F1|é", .invalidCharacter(byte: 0xC3, offset: 10)),
    ])
    func badDatagramsAreTypedErrors(_ text: String, _ error: LightwaveError) {
        #expect(throws: error, "\(text)") { try LightwaveUDP.decodeDatagram(Array(text.utf8)) }
    }

    @Test func overlongDatagramIsRejected() {
        let text = "111,ERR,6,\"" + String(repeating: "x", count: 1024) + "\""
        #expect(throws: LightwaveError.lineTooLong(limit: 1024)) { try LightwaveUDP.decodeDatagram(Array(text.utf8)) }
    }

    @Test(arguments: [
        (Self.device(1, 0, 1, .on), LightwaveError.valueOutOfRange(field: "room", value: 0, range: 1...16)),
        (Self.device(1, 1, 17, .on), .valueOutOfRange(field: "device", value: 17, range: 1...16)),
        (Self.device(1, 1, 1, .dim(level: 33)), .valueOutOfRange(field: "dim level", value: 33, range: 0...32)),
        (Self.device(0, 1, 1, .on), .valueOutOfRange(field: "transaction id", value: 0, range: 1...999)),
        (Self.device(1000, 1, 1, .on), .valueOutOfRange(field: "transaction id", value: 1000, range: 1...999)),
        (
            .command(LightwaveCommand(transaction: 1, action: .room(room: 1, .moodRecall(mood: 0)))),
            .valueOutOfRange(field: "moodRecall mood", value: 0, range: 1...5)
        ),
        (
            .command(LightwaveCommand(transaction: 1, action: .room(room: 17, .allOff))),
            .valueOutOfRange(field: "room", value: 17, range: 1...16)
        ),
        (
            .command(LightwaveCommand(transaction: 1, action: .hubInfo, line1: "12345678901234567")),
            .screenLineTooLong(line: "12345678901234567", length: 17)
        ),
        (.command(LightwaveCommand(transaction: 1, action: .hubInfo, line1: "a|b")), .invalidScreenLine("a|b")),
        (.command(LightwaveCommand(transaction: 1, action: .hubInfo, line1: "é")), .invalidScreenLine("é")),
        (
            .command(LightwaveCommand(transaction: 1, action: .hubInfo, line2: "x")),
            .malformedCommand("screen line 2 given without line 1")
        ),
        (.ok(transaction: 1000), .valueOutOfRange(field: "transaction id", value: 1000, range: 0...999)),
        (
            .error(LightwaveErrorReply(transaction: 1, code: 1000, text: "")),
            .valueOutOfRange(field: "error code", value: 1000, range: 0...999)
        ),
        (.error(LightwaveErrorReply(transaction: 1, code: 6, text: "a\nb")), .invalidCharacter(byte: 0x0A, offset: 1)),
        (.version(transaction: nil, firmware: "U2\u{0}"), .invalidCharacter(byte: 0, offset: 2)),
        (
            .event(LightwaveEvent(members: [JSONMember("x", .string(String(repeating: "y", count: 1100)))])),
            .lineTooLong(limit: 1024)
        ),
        (
            .event(LightwaveEvent(members: [JSONMember("x", .double(.infinity))])),
            .invalidJSON(offset: 0, reason: "a number is not finite")
        ),
    ])
    func encoderRejectsOutOfRangeValues(_ message: LightwaveMessage, _ error: LightwaveError) {
        #expect(throws: error) { try encoder.encode(message) }
    }

    @Test func everyErrorHasAOneLineDescription() {
        let errors: [LightwaveError] = [
            .emptyMessage, .lineTooLong(limit: 1024), .invalidCharacter(byte: 0, offset: 1), .unknownMessage("x"),
            .invalidNumber(field: "room", text: "01"), .valueOutOfRange(field: "room", value: 0, range: 1...16),
            .invalidLinkSelector(":1"), .selectorOnReply, .unknownFunction("Fz"),
            .wrongTarget(function: "on", expected: "a device"),
            .missingParameter(function: "dim"), .unexpectedParameter(function: "on"), .malformedCommand("!"),
            .tooManyScreenLines(count: 3), .screenLineTooLong(line: "x", length: 17), .invalidScreenLine("\n"),
            .malformedReply("ERR"), .invalidJSON(offset: 2, reason: "bad"), .eventNotAnObject,
        ]
        for error in errors {
            #expect(!error.description.isEmpty && !error.description.contains("\n"), "\(error)")
        }
    }
}
