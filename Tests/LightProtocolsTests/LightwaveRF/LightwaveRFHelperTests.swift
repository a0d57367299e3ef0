import LightProtocols
import Testing

/// Dim conversion, Link model detection and the JSON shapes (PROTOCOLS.md §3, docs/json/lightwave.md).
@Suite struct LightwaveRFHelperTests {
    @Test(arguments: [
        (0, UInt8(0)), (1, 1), (3, 1), (4, 2), (6, 2), (7, 3), (50, 16), (51, 17), (97, 32), (99, 32), (100, 32), (101, 32),
        (-5, 0),
    ])
    func percentToLevelIsCeilingOf32ths(_ percent: Int, _ level: UInt8) {
        #expect(LightwaveDim.level(percent: percent) == level)
    }

    @Test func levelToPercentIsTheTopOfItsBand() {
        #expect(LightwaveDim.percent(level: 0) == 0)
        #expect(LightwaveDim.percent(level: 1) == 3)
        #expect(LightwaveDim.percent(level: 16) == 50)
        #expect(LightwaveDim.percent(level: 31) == 96)
        #expect(LightwaveDim.percent(level: 32) == 100)
        #expect(LightwaveDim.percent(level: 40) == 100)
    }

    @Test func conversionIsStable() {
        for percent in 0...100 {
            let level = LightwaveDim.level(percent: percent)
            let back = LightwaveDim.percent(level: level)
            #expect(LightwaveDim.level(percent: back) == level, "\(percent)% → \(level) → \(back)%")
            #expect(LightwaveDim.percent(level: LightwaveDim.level(percent: back)) == back)
        }
        for level in UInt8(0)...32 {
            #expect(LightwaveDim.level(percent: LightwaveDim.percent(level: level)) == level)
        }
    }

    @Test func zeroPercentIsOff() throws {
        #expect(LightwaveDim.function(percent: 0) == .off)
        #expect(LightwaveDim.function(percent: 50) == .dim(level: 16))
        #expect(LightwaveDim.function(percent: 100) == .dim(level: 32))
        #expect(LightwaveDim.percent(of: .on) == 100)
        #expect(LightwaveDim.percent(of: .off) == 0)
        #expect(LightwaveDim.percent(of: .dim(level: 16)) == 50)
        #expect(LightwaveDim.percent(of: .stop) == nil)
        let command = LightwaveCommand(transaction: 373, action: .device(room: 4, device: 3, LightwaveDim.function(percent: 50)))
        #expect(try LightwaveEncoder().encode(command) == Array("373,!R4D3FdP16".utf8))
    }

    /// The encoder writes digits itself (no `String`): every id, room, device and level at
    /// the edges of a digit count comes out as its decimal text, and screen lines follow.
    @Test func everyNumberIsWrittenAsItsDecimalText() throws {
        let encoder = LightwaveEncoder()
        for trans in [1, 9, 10, 99, 100, 999] {
            for (room, device, level) in [(1, 1, 1), (9, 10, 9), (10, 16, 10), (15, 9, 32)] {
                let command = LightwaveCommand(
                    transaction: UInt16(trans),
                    action: .device(room: UInt8(room), device: UInt8(device), .dim(level: UInt8(level))))
                #expect(try encoder.encode(command) == Array("\(trans),!R\(room)D\(device)FdP\(level)".utf8))
            }
            let mood = LightwaveCommand(
                transaction: UInt16(trans), action: .room(room: 12, .moodRecall(mood: 5)), line1: "Hello", line2: "world")
            #expect(try encoder.encode(mood) == Array("\(trans),!R12FmP5|Hello|world".utf8))
        }
    }

    @Test(arguments: [
        ("N2.92C", LightwaveLinkModel?.some(.lw930)), ("V2.92A", .lw500), ("U2.93E", .lw500), ("U2.93J", .lw500), ("X1", nil),
        ("", nil),
    ])
    func firmwareNamesTheModel(_ firmware: String, _ model: LightwaveLinkModel?) {
        #expect(LightwaveLinkModel(firmware: firmware) == model)
    }

    @Test(arguments: [
        ("74:0A:BC:20:12:34", LightwaveLinkModel?.some(.lw930)), ("74:0a:bc:21:56:78", .lw930), ("74-0A-BC-02-00-01", .lw500),
        ("74:0A:BC:03:34:BC", .lw500), ("74:0A:BC:90:00:00", nil), ("00:11:22:20:00:00", nil), ("03:34:BC", .lw500),
        ("205678", .lw930), ("20:56", nil), ("zz:00:00", nil), ("2:05:678", nil),
    ])
    func macNamesTheModel(_ mac: String, _ model: LightwaveLinkModel?) {
        #expect(LightwaveLinkModel(mac: mac) == model)
    }

    @Test func selectorFromMAC() throws {
        let selector = try #require(LightwaveLinkSelector("74:0A:BC:20:56:78"))
        #expect(selector == LightwaveLinkSelector(0x20_5678))
        #expect(selector.hexText == "205678")
        #expect(selector.model == .lw930)
        #expect(LightwaveLinkSelector("2090ab")?.hexText == "2090AB")
        #expect(LightwaveLinkSelector("2090a") == nil)
        #expect(LightwaveLinkSelector("74:0A:BC:20:56") == nil)
    }

    /// One example per JSON shape, exactly as docs/json/lightwave.md shows it.
    static let shapes: [(String, LightwaveMessage)] = [
        (
            #"{"type":"command","link":"205678","trans":123,"room":1,"device":1,"function":"on"}"#,
            .command(
                LightwaveCommand(
                    link: LightwaveLinkSelector(0x20_5678), transaction: 123, action: .device(room: 1, device: 1, .on)))
        ),
        (
            #"{"type":"command","trans":373,"room":4,"device":3,"function":"dim","level":16,"line1":"Side Lamp","line2":"Half Brightness"}"#,
            .command(
                LightwaveCommand(
                    transaction: 373, action: .device(room: 4, device: 3, .dim(level: 16)), line1: "Side Lamp",
                    line2: "Half Brightness"))
        ),
        (
            #"{"type":"command","room":3,"function":"moodRecall","mood":2}"#,
            .command(LightwaveCommand(transaction: nil, action: .room(room: 3, .moodRecall(mood: 2))))
        ),
        (
            #"{"type":"command","trans":5,"room":3,"function":"allOff"}"#,
            .command(LightwaveCommand(transaction: 5, action: .room(room: 3, .allOff)))
        ),
        (
            #"{"type":"command","trans":100,"function":"register"}"#,
            .command(LightwaveCommand(transaction: 100, action: .register))
        ),
        (#"{"type":"ok","trans":111}"#, .ok(transaction: 111)),
        (#"{"type":"ok"}"#, .ok(transaction: nil)),
        (
            #"{"type":"error","trans":112,"code":6,"text":"Transmit fail","kind":"transmitFail"}"#,
            .error(LightwaveErrorReply(transaction: 112, code: 6, text: "Transmit fail"))
        ),
        (#"{"type":"version","firmware":"U2.93J"}"#, .version(transaction: nil, firmware: "U2.93J")),
        (
            #"{"type":"event","event":{"trans":1,"mac":"03:34:BC","time":1456495650,"pkt":"433T","fn":"on","room":1,"dev":1}}"#,
            .event(LightwaveRFMessageTests.seedEvent)
        ),
    ]

    @Test func jsonShapes() throws {
        for (json, message) in Self.shapes {
            #expect(try JSONValueEncoder.encode(message).jsonText == json)
            #expect(try JSONValueDecoder.decode(LightwaveMessage.self, fromText: json) == message, "\(json)")
        }
    }

    @Test func errorKindIsIgnoredOnInput() throws {
        let json = #"{"type":"error","code":6,"text":"Transmit fail","kind":"other"}"#
        let message = try JSONValueDecoder.decode(LightwaveMessage.self, fromText: json)
        guard case .error(let reply) = message else {
            Issue.record("not an error")
            return
        }
        #expect(reply.kind == .transmitFail)
    }

    @Test(arguments: [
        #"{"type":"command","room":1,"function":"on"}"#,
        #"{"type":"command","room":1,"device":1,"function":"allOff"}"#,
        #"{"type":"command","room":1,"device":1,"function":"register"}"#,
        #"{"type":"command","room":1,"device":1,"function":"dim"}"#,
        #"{"type":"command","room":1,"device":1,"function":"blink"}"#,
        #"{"type":"command","link":"2056","room":1,"device":1,"function":"on"}"#,
        #"{"type":"command","room":300,"device":1,"function":"on"}"#,
        #"{"type":"event","event":[1]}"#,
        #"{"type":"reply"}"#,
        #"{"trans":1}"#,
    ])
    func badJSONIsRejected(_ json: String) {
        #expect(throws: (any Error).self) { try JSONValueDecoder.decode(LightwaveMessage.self, fromText: json) }
    }
}
