import LightProtocols
import PropertyBased
import Testing

/// RS232 frames: seed 002 "RS232 Protocols", PROTOCOLS.md §1.2/§1.3.
@Suite struct SmartLightFrameTests {
    let decoder = SmartLightFrameDecoder()
    let encoder = SmartLightFrameEncoder()

    // The seed's layouts, with the §1.3 default codes and `~` as the delimiter.
    static let golden: [(String, SmartLightCommand)] = [
        ("~~~~~M5~~", .modeSet(mode: 5)),
        ("~~~~~M255~~", .modeSet(mode: 255)),
        ("~~~~~M0~~", .modeSet(mode: 0)),
        ("~~~~~C~~", .clear),
        // (S)(count)(colour 1)(type 1)(colour 2)(type 2)(blink frequency)(buzzer)
        (
            "~~~~~S2RSGB30~~",
            .segment(
                SmartLightSegmentMode(
                    segments: [.init(colour: .red, type: .solid), .init(colour: .green, type: .blink)], blinkFrequency: .medium,
                    buzzer: .off))
        ),
        // (L)(type)(colour)(count digit 1)(count digit 2)(buzzer): counts below 20 keep a leading 0.
        (
            "~~~~~LBG071~~",
            .level(SmartLightLevelMode(levelType: .fillFromBottom, colour: .green, lightCount: 7, buzzer: .continuous))
        ),
        ("~~~~~LTR200~~", .level(SmartLightLevelMode(levelType: .fillFromTop, colour: .red, lightCount: 20, buzzer: .off))),
        // (R)(run segment count)(run colour)(back colour)(run speed)(buzzer)
        (
            "~~~~~R2BX53~~",
            .runLight(
                SmartLightRunLight(segmentCount: 2, runColour: .blue, backColour: .off, speed: .veryFast, buzzer: .fastPulse))
        ),
        // Temporary user colour: three hex values 00–FF.
        ("~~~~~UFF8000~~", .userColour(SmartLightRGB(red: 255, green: 128, blue: 0))),
    ]

    @Test func goldenFramesDecodeAndEncode() throws {
        for (text, command) in Self.golden {
            #expect(decodeAll(decoder, text).map(\.value) == [command], "\(text)")
            #expect(String(decoding: try encoder.encode(command), as: UTF8.self) == text)
        }
    }

    @Test func lowerCaseHexUserColourIsAccepted() {
        #expect(decodeAll(decoder, "~~~~~Uff8000~~").map(\.value) == [.userColour(SmartLightRGB(red: 255, green: 128, blue: 0))])
    }

    @Test func roundTripWithDefaultTable() async {
        await propertyCheck(count: 2000, input: SmartLightArbitrary.command) { command in
            let bytes = try encoder.encode(command)
            #expect(decodeAll(decoder, bytes).map(\.value) == [command])
        }
    }

    @Test func roundTripWithCustomTableAndDelimiter() async {
        let format = SmartLightArbitrary.customFormat
        await propertyCheck(count: 2000, input: SmartLightArbitrary.command) { command in
            let bytes = try SmartLightFrameEncoder(format: format).encode(command)
            #expect(bytes.prefix(5) == [42, 42, 42, 42, 42])
            #expect(decodeAll(SmartLightFrameDecoder(format: format), bytes).map(\.value) == [command])
        }
    }

    @Test func customTableChangesTheWireForm() throws {
        let bytes = try SmartLightFrameEncoder(format: SmartLightArbitrary.customFormat).encode(
            .level(SmartLightLevelMode(levelType: .fillFromBottom, colour: .green, lightCount: 7, buzzer: .continuous)))
        #expect(String(decoding: bytes, as: UTF8.self) == "*****lzg07k**")
    }

    @Test func everyGoodFrameAroundGarbageIsDelivered() {
        let stream = "junk~~~~~M1~~\u{0}\u{FF}~~~~~M2~~~~~XYZ~~~~~~~M3~~~~~M4~~~~~M12345678~~~~~M5~~"
        let results = decodeAll(decoder, stream)
        #expect(results.compactMap(\.value) == [1, 2, 3, 4, 5].map { .modeSet(mode: $0) })
        // "\u{FF}" is two UTF-8 bytes, so the second stretch is 3 bytes.
        #expect(
            results.compactMap(\.error) == [
                .garbage(byteCount: 4), .garbage(byteCount: 3), .unknownCommandLetter(UInt8(ascii: "X")),
                .wrongParameterCount(command: "M", expected: 1, actual: 8),
            ])
    }

    @Test func lostTerminatorDoesNotSwallowTheNextFrame() {
        let results = decodeAll(decoder, "~~~~~M1~~~~~M2~~")
        #expect(results.compactMap(\.value) == [.modeSet(mode: 1), .modeSet(mode: 2)])
    }

    @Test func frameIsDeliveredAtItsSecondTerminatorWithNoLookAhead() {
        var d = decoder
        d.feed("~~~~~M7~")
        #expect(d.next() == nil)
        d.feed("~")
        #expect(d.next()?.value == .modeSet(mode: 7))
        #expect(d.bufferedByteCount == 0)
    }

    @Test func byteAtATimeFeedingGivesTheSameResult() {
        var d = decoder
        var results: [Result<SmartLightCommand, SmartLightError>] = []
        for byte in "~~~~~S1WF21~~~~~~~U0A0B0C~~".utf8 {
            d.feed([byte])
            results += d.drain()
        }
        #expect(results.count == 2)
        #expect(results.allSatisfy { $0.value != nil })
    }

    @Test(arguments: [
        ("~~~~~S6RS30~~", SmartLightError.valueOutOfRange(field: "segment count", value: 6, range: 1...5)),
        ("~~~~~S2RS30~~", .wrongParameterCount(command: "S", expected: 7, actual: 5)),
        ("~~~~~S1QS30~~", .invalidCode(field: "colour", byte: UInt8(ascii: "Q"))),
        ("~~~~~LBG211~~", .valueOutOfRange(field: "level light count", value: 21, range: 0...20)),
        ("~~~~~LBG7~~", .wrongParameterCount(command: "L", expected: 5, actual: 3)),
        ("~~~~~R4BX53~~", .valueOutOfRange(field: "run segment count", value: 4, range: 1...3)),
        ("~~~~~R2BX63~~", .invalidCode(field: "run speed", byte: UInt8(ascii: "6"))),
        ("~~~~~UGG0000~~", .invalidCode(field: "hex digit", byte: UInt8(ascii: "G"))),
        ("~~~~~M65536~~", .valueOutOfRange(field: "mode", value: 65536, range: 0...65535)),
        ("~~~~~C1~~", .wrongParameterCount(command: "C", expected: 0, actual: 1)),
        ("~~~~~M1~M2~~", .unterminatedFrame(body: Array("M1".utf8))),
        ("~~~~~S5RSRSRSRSRSRS1~~", .frameTooLong(byteCount: 14)),
    ])
    func badFramesAreTypedErrors(_ text: String, _ error: SmartLightError) {
        let results = decodeAll(decoder, text)
        #expect(results.first?.error == error, "\(text): \(results)")
    }

    @Test func invalidFormatsAreRejected() {
        #expect(throws: SmartLightError.self) { try SmartLightFrameFormat(delimiter: UInt8(ascii: "5")) }
        #expect(throws: SmartLightError.self) { try SmartLightFrameFormat(delimiter: UInt8(ascii: "A")) }
        #expect(throws: SmartLightError.self) { try SmartLightFrameFormat(delimiter: 0x0A) }
        var table = SmartLightCodeTable.standard
        table.colours = "RGBYOWUU"
        #expect(throws: SmartLightError.self) { try SmartLightFrameFormat(codes: table) }
        table = .standard
        table.buzzers = "0~23"
        #expect(throws: SmartLightError.self) { try SmartLightFrameFormat(codes: table) }
        table = .standard
        table.speeds = "1234"
        #expect(throws: SmartLightError.self) { try SmartLightFrameFormat(codes: table) }
    }

    @Test func encoderRejectsOutOfRangeValues() {
        #expect(throws: SmartLightError.self) {
            try encoder.encode(.segment(SmartLightSegmentMode(segments: [], blinkFrequency: .slow, buzzer: .off)))
        }
        #expect(throws: SmartLightError.self) {
            try encoder.encode(.level(SmartLightLevelMode(levelType: .fillFromTop, colour: .red, lightCount: 21, buzzer: .off)))
        }
    }

    @Test func survivesRandomAndMutatedBuffers() throws {
        let samples = try Self.golden.map { try encoder.encode($0.1) }
        checkRobustness(
            seed: 0x5EED_0002, makeDecoder: { SmartLightFrameDecoder() }, samples: samples,
            good: (Array("~~~~~M42~~".utf8), .modeSet(mode: 42)), maxBuffered: 5 + SmartLightFrameFormat.maxBodyLength + 2)
    }
}
