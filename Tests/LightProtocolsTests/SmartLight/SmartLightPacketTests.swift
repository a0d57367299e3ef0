import LightProtocols
import PropertyBased
import Testing

/// TCP/USB packets: seed 002 "TCP/IP Protocol", PROTOCOLS.md §1.4.
@Suite struct SmartLightPacketTests {
    let decoder = SmartLightPacketDecoder()
    let encoder = SmartLightPacketEncoder()

    static let golden: [(String, SmartLightPacket)] = [
        // The seed's worked example: mode 255 → 01 05 51 00 FF (MSB first).
        ("01 05 51 00 FF", SmartLightPacket(id: 1, payload: .modeSet(mode: 255))),
        // Segment layout: length 7 + 2 × count, then colour/type pairs, blink frequency, buzzer.
        (
            "01 0B 50 01 02 00 00 02 01 03 01",
            SmartLightPacket(
                id: 1,
                payload: .segment(
                    SmartLightSegmentMode(
                        segments: [.init(colour: .red, type: .solid), .init(colour: .blue, type: .blink)],
                        blinkFrequency: .medium,
                        buzzer: .continuous)))
        ),
        // Level layout: length 8.
        (
            "01 08 50 02 01 01 07 00",
            SmartLightPacket(
                id: 1,
                payload: .level(SmartLightLevelMode(levelType: .fillFromBottom, colour: .green, lightCount: 7, buzzer: .off)))
        ),
        // Run-light layout: length 9, subtype 0x03 (§1.4 assumption).
        (
            "01 09 50 03 03 04 07 05 02",
            SmartLightPacket(
                id: 1,
                payload: .runLight(
                    SmartLightRunLight(
                        segmentCount: 3, runColour: .orange, backColour: .off, speed: .veryFast, buzzer: .slowPulse)))
        ),
        ("07 06 52 FF 80 00", SmartLightPacket(id: 7, payload: .userColour(SmartLightRGB(red: 255, green: 128, blue: 0)))),
        ("01 04 51 00", SmartLightPacket(id: 1, payload: .reply(command: 0x51))),
        ("09 05 7F 51 02", SmartLightPacket(id: 9, payload: .refused(command: 0x51, reason: .modeNotConfigured))),
    ]

    @Test func goldenPacketsDecodeAndEncode() throws {
        for (hex, packet) in Self.golden {
            let bytes = try #require(Hex.decode(hex))
            #expect(decodeAll(decoder, bytes).map(\.value) == [packet], "\(hex)")
            #expect(try encoder.encode(packet) == bytes, "\(hex)")
        }
    }

    @Test func modeByteOrderIsSelectable() throws {
        let lsb = SmartLightPacketFormat(modeByteOrder: .lsbFirst)
        let packet = SmartLightPacket(id: 1, payload: .modeSet(mode: 0x0102))
        #expect(try SmartLightPacketEncoder(format: lsb).encode(packet) == [1, 5, 0x51, 0x02, 0x01])
        #expect(decodeAll(SmartLightPacketDecoder(format: lsb), [1, 5, 0x51, 0x02, 0x01]).map(\.value) == [packet])
    }

    @Test func roundTrip() async {
        await propertyCheck(count: 2000, input: SmartLightArbitrary.packet) { packet in
            let bytes = try encoder.encode(packet)
            #expect(Int(bytes[1]) == bytes.count)
            #expect(decodeAll(decoder, bytes).map(\.value) == [packet])
        }
    }

    @Test(arguments: [
        ("01 06 51 00 FF 00", SmartLightError.badPacketLength(command: 0x51, declared: 6, expected: "5 (or 4 for a reply)")),
        ("01 05 60 00 FF", .unknownPacketCommand(0x60)),
        ("01 08 50 09 01 01 07 00", .unknownDirectSetType(0x09)),
        ("01 0A 50 01 02 00 00 02 01 03", .badPacketLength(command: 0x50, declared: 10, expected: "11")),
        ("01 08 50 02 01 01 15 00", .valueOutOfRange(field: "level light count", value: 21, range: 0...20)),
        ("01 08 50 02 01 08 07 00", .valueOutOfRange(field: "colour", value: 8, range: 0...7)),
        ("01 09 50 03 03 04 07 06 02", .valueOutOfRange(field: "run speed", value: 6, range: 1...5)),
        ("01 05 7F 51 03", .unknownRefusalCode(3)),
    ])
    func badPacketsAreTypedErrors(_ hex: String, _ error: SmartLightError) throws {
        let results = decodeAll(decoder, try #require(Hex.decode(hex)))
        #expect(results.first?.error == error, "\(hex): \(results)")
    }

    @Test func malformedPacketClosesButRefusedValueDoesNot() {
        #expect(SmartLightError.unknownPacketCommand(0x60).closesConnection)
        #expect(!SmartLightError.valueOutOfRange(field: "colour", value: 8, range: 0...7).closesConnection)
    }

    @Test func goodPacketsAfterAMalformedOneAreDecoded() throws {
        let bytes = try #require(Hex.decode("01 05 60 00 FF 01 05 51 00 05 02 05 51 00 06"))
        let results = decodeAll(decoder, bytes)
        #expect(results.compactMap(\.error) == [.unknownPacketCommand(0x60)])
        #expect(
            results.compactMap(\.value) == [.init(id: 1, payload: .modeSet(mode: 5)), .init(id: 2, payload: .modeSet(mode: 6))])
    }

    @Test func survivesRandomAndMutatedBuffers() throws {
        let samples = try Self.golden.map { try #require(Hex.decode($0.0)) }
        checkRobustness(
            seed: 0x5EED_0003, makeDecoder: { SmartLightPacketDecoder() }, samples: samples,
            good: ([1, 5, 0x51, 0, 42], SmartLightPacket(id: 1, payload: .modeSet(mode: 42))), maxBuffered: 17)
    }
}
