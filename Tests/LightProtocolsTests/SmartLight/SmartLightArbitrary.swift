import LightProtocols
import PropertyBased

/// Random valid Smart Light values for the property-based round trips.
enum SmartLightArbitrary {
    static func pick<T: CaseIterable>(_: T.Type, _ rng: inout any SeededRandomNumberGenerator) -> T where T.AllCases == [T] {
        T.allCases[Int.random(in: 0..<T.allCases.count, using: &rng)]
    }

    static func segmentMode(_ rng: inout any SeededRandomNumberGenerator) -> SmartLightSegmentMode {
        let count = Int.random(in: 1...5, using: &rng)
        let segments = (0..<count).map { _ in
            SmartLightSegment(colour: pick(SmartLightColour.self, &rng), type: pick(SmartLightSegmentType.self, &rng))
        }
        return SmartLightSegmentMode(
            segments: segments, blinkFrequency: pick(SmartLightSpeed.self, &rng), buzzer: pick(SmartLightBuzzer.self, &rng))
    }

    static func levelMode(_ rng: inout any SeededRandomNumberGenerator) -> SmartLightLevelMode {
        SmartLightLevelMode(
            levelType: pick(SmartLightLevelType.self, &rng), colour: pick(SmartLightColour.self, &rng),
            lightCount: UInt8.random(in: 0...20, using: &rng), buzzer: pick(SmartLightBuzzer.self, &rng))
    }

    static func runLight(_ rng: inout any SeededRandomNumberGenerator) -> SmartLightRunLight {
        SmartLightRunLight(
            segmentCount: UInt8.random(in: 1...3, using: &rng), runColour: pick(SmartLightColour.self, &rng),
            backColour: pick(SmartLightColour.self, &rng), speed: pick(SmartLightSpeed.self, &rng),
            buzzer: pick(SmartLightBuzzer.self, &rng))
    }

    static func rgb(_ rng: inout any SeededRandomNumberGenerator) -> SmartLightRGB {
        SmartLightRGB(
            red: UInt8.random(in: 0...255, using: &rng), green: UInt8.random(in: 0...255, using: &rng),
            blue: UInt8.random(in: 0...255, using: &rng))
    }

    /// Every command type, each equally likely.
    static let command = Generator<SmartLightCommand, Shrink.None<SmartLightCommand>> { rng in
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return .modeSet(mode: UInt16.random(in: 0...UInt16.max, using: &rng))
        case 1: return .segment(segmentMode(&rng))
        case 2: return .level(levelMode(&rng))
        case 3: return .runLight(runLight(&rng))
        case 4: return .userColour(rgb(&rng))
        default: return .clear
        }
    }

    /// Every packet type, each equally likely.
    static let packet = Generator<SmartLightPacket, Shrink.None<SmartLightPacket>> { rng in
        let id = UInt8.random(in: 0...255, using: &rng)
        let commands: [UInt8] = [0x50, 0x51, 0x52]
        let payload: SmartLightPacketPayload
        switch Int.random(in: 0..<7, using: &rng) {
        case 0: payload = .modeSet(mode: UInt16.random(in: 0...UInt16.max, using: &rng))
        case 1: payload = .segment(segmentMode(&rng))
        case 2: payload = .level(levelMode(&rng))
        case 3: payload = .runLight(runLight(&rng))
        case 4: payload = .userColour(rgb(&rng))
        case 5: payload = .reply(command: commands[Int.random(in: 0..<3, using: &rng)])
        default:
            payload = .refused(command: commands[Int.random(in: 0..<3, using: &rng)], reason: pick(SmartLightRefusal.self, &rng))
        }
        return SmartLightPacket(id: id, payload: payload)
    }

    /// A custom code table and delimiter, to prove the table is really configurable.
    static let customFormat: SmartLightFrameFormat = {
        let table = SmartLightCodeTable(
            commands: "msluvc", colours: "rgbyowux", segmentTypes: "sbf", speeds: "abcde", buzzers: "nkpq", levelTypes: "tz")
        do { return try SmartLightFrameFormat(delimiter: UInt8(ascii: "*"), codes: table) } catch { fatalError("\(error)") }
    }()
}
