import LightProtocols
import PropertyBased

/// Random valid HelvarNet values for the property-based round trips.
enum HelvarArbitrary {
    typealias RNG = any SeededRandomNumberGenerator

    static func int(_ range: ClosedRange<Int>, _ rng: inout RNG) -> Int { Int.random(in: range, using: &rng) }
    static func coin(_ rng: inout RNG) -> Bool { Bool.random(using: &rng) }

    static func address(depth: Int, _ rng: inout RNG) -> HelvarAddress {
        HelvarAddress(
            cluster: UInt8(int(1...253, &rng)), router: depth > 1 ? UInt8(int(1...254, &rng)) : nil,
            subnet: depth > 2 ? UInt8(int(1...4, &rng)) : nil, device: depth > 3 ? UInt8(int(1...255, &rng)) : nil,
            subdevice: depth > 4 ? UInt8(int(1...16, &rng)) : nil)
    }

    static func level(_ rng: inout RNG) -> HelvarLevel {
        // Mostly whole percentages, sometimes one decimal (aiohelvar's "%.1f").
        let tenths = coin(&rng) ? int(0...100, &rng) * 10 : int(0...1000, &rng)
        do { return try HelvarLevel(tenths: tenths) } catch { fatalError("\(error)") }
    }

    /// A command valid for its number; `asciiExtras` adds parameters only the ASCII form keeps.
    static func command(_ rng: inout RNG, asciiExtras: Bool = true, maxAddressDepth: Int = 5) -> HelvarCommand {
        let number = HelvarCommandNumber.allCases[int(0...(HelvarCommandNumber.allCases.count - 1), &rng)]
        var c = HelvarCommand(number, version: UInt8(int(1...2, &rng)))
        let required = number.requiredParameters
        let used = number.usedParameters
        func want(_ p: HelvarParameterSet) -> Bool { required.contains(p) || (used.contains(p) && coin(&rng)) }
        if let depths = number.addressDepths {
            c.address = address(depth: int(depths.lowerBound...min(depths.upperBound, maxAddressDepth), &rng), &rng)
        } else if asciiExtras && int(0...3, &rng) == 0 {
            c.address = address(depth: int(1...5, &rng), &rng)
        }
        if want(.group) { c.group = UInt16(int(1...16383, &rng)) }
        if want(.block) { c.block = UInt8(int(1...8, &rng)) }
        if want(.scene) { c.scene = UInt8(int(1...16, &rng)) }
        if want(.fade) { c.fade = UInt32.random(in: 0...UInt32.max, using: &rng) >> UInt32(int(0...31, &rng)) }
        if want(.level) { c.level = level(&rng) }
        if want(.proportion) { c.proportion = Int8(int(-100...100, &rng)) }
        if want(.acknowledge) { c.acknowledge = coin(&rng) }
        if want(.forceStore) { c.forceStore = coin(&rng) }
        if want(.constantLight) { c.constantLight = coin(&rng) }
        if asciiExtras && int(0...3, &rng) == 0 {
            if coin(&rng) { c.sequence = UInt32.random(in: 0...UInt32.max, using: &rng) }
            if coin(&rng) { c.time = UInt32.random(in: 0...UInt32.max, using: &rng) }
            if coin(&rng) { c.display = UInt32(int(0...9, &rng)) }
            if coin(&rng) { c.latitude = Int32.random(in: Int32.min...Int32.max, using: &rng) }
            if coin(&rng) { c.longitude = Int32.random(in: Int32.min...Int32.max, using: &rng) }
            if coin(&rng) { c.timeZone = Int32(int(-43200...50400, &rng)) }
            if coin(&rng) { c.daylightSaving = coin(&rng) }
            if coin(&rng) { c.group = UInt16(int(1...16383, &rng)) }
        }
        return c
    }

    static let alphabet: [Character] = Array("abcXYZ019 ,.:;@=?!<>-_/é€😀")

    /// Answer text: any characters but the terminators, sometimes long enough to be split.
    static func answerText(_ rng: inout RNG) -> String {
        let length = int(0...9, &rng) == 0 ? int(1400...5000, &rng) : int(0...40, &rng)
        return String((0..<length).map { _ in alphabet[int(0...(alphabet.count - 1), &rng)] })
    }

    /// A typed answer fitting `command`, if it has a typed form.
    static func typedAnswer(for command: HelvarCommandNumber, _ rng: inout RNG) -> HelvarAnswer? {
        guard let kind = HelvarAnswer.kind(for: command) else { return nil }
        switch kind {
        case .numbers: return .numbers((0..<int(0...5, &rng)).map { _ in Int64(int(1...253, &rng)) })
        case .integer: return .integer(Int64.random(in: -100_000...4_000_000_000, using: &rng))
        case .flag: return .flag(coin(&rng))
        case .level: return .level(level(&rng))
        case .text: return .text(String(answerText(&rng).prefix(60)))
        case .softwareVersion:
            return .softwareVersion(HelvarSoftwareVersion(packed: UInt32.random(in: 0...UInt32.max, using: &rng)))
        case .addresses: return .addresses((0..<int(0...4, &rng)).map { _ in address(depth: int(4...5, &rng), &rng) })
        case .deviceTypes:
            return .deviceTypes(
                (0..<int(0...4, &rng)).map { _ in
                    HelvarDeviceTypeEntry(
                        deviceType: UInt32.random(in: 0...UInt32.max, using: &rng), device: UInt8(int(1...255, &rng)))
                })
        }
    }

    /// Every message type, each equally likely.
    static let message = Generator<HelvarMessage, Shrink.None<HelvarMessage>> { rng in
        let c = command(&rng)
        switch int(0...3, &rng) {
        case 0: return .command(c)
        case 1: return .internalCommand(c)
        case 2:
            if coin(&rng), let typed = typedAnswer(for: c.number, &rng) { return .reply(HelvarReply(request: c, answer: typed)) }
            return .reply(HelvarReply(request: c, answer: answerText(&rng)))
        default:
            return .error(HelvarErrorReply(request: c, code: HelvarErrorCode.allCases[int(0...18, &rng)]))
        }
    }

    /// A reply with a typed answer, and that answer.
    static let typedReply = Generator<HelvarReply, Shrink.None<HelvarReply>> { rng in
        while true {
            let c = command(&rng)
            if let typed = typedAnswer(for: c.number, &rng) { return HelvarReply(request: c, answer: typed) }
        }
    }

    /// Every raw message shape: all commands, command and reply types.
    static let raw = Generator<HelvarRawMessage, Shrink.None<HelvarRawMessage>> { rng in
        let c = command(&rng, asciiExtras: false, maxAddressDepth: 4)
        do {
            var m = try HelvarRawMessage(c, type: coin(&rng) ? .command : .reply)
            m.acknowledge = coin(&rng)
            return m
        } catch {
            fatalError("\(c): \(error)")
        }
    }
}
