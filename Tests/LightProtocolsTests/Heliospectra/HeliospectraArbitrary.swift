import LightProtocols
import PropertyBased

/// Random valid Heliospectra values for the property-based round trips (PROTOCOLS.md §5).
enum HeliospectraArbitrary {
    static func bytes(_ count: ClosedRange<Int>, _ rng: inout any SeededRandomNumberGenerator) -> [UInt8] {
        (0..<Int.random(in: count, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    static func mac(_ rng: inout any SeededRandomNumberGenerator) -> HeliospectraMAC {
        HeliospectraMAC(bytes(6...6, &rng)) ?? .broadcast
    }

    static func channel(_ rng: inout any SeededRandomNumberGenerator) -> HeliospectraChannel {
        HeliospectraChannel(
            wavelength: UInt16.random(in: 0...UInt16.max, using: &rng), relativePower: UInt16.random(in: 0...1000, using: &rng))
    }

    /// Master packages with 0–64 wavelengths; timestamps anywhere in the 64-bit range.
    static let package = Generator<HeliospectraMasterPackage, Shrink.None<HeliospectraMasterPackage>> { rng in
        HeliospectraMasterPackage(
            timestamp: UInt64.random(in: 0...UInt64.max, using: &rng),
            multicast: IPv4Address(UInt32.random(in: 0...UInt32.max, using: &rng)),
            channels: (0..<Int.random(in: 0...64, using: &rng)).map { _ in channel(&rng) })
    }

    /// Every setting combination of the master format.
    static let masterFormat = Generator<HeliospectraMasterFormat, Shrink.None<HeliospectraMasterFormat>> { rng in
        HeliospectraMasterFormat(
            command: UInt16.random(in: 0...UInt16.max, using: &rng),
            dataLength: Bool.random(using: &rng) ? .wavelengthPairs : .bytesAfterLengthField,
            crcScope: [.afterCRCField, .wholePackageWithZeroedCRC, .unchecked][Int.random(in: 0..<3, using: &rng)],
            maxWavelengthCount: 64)
    }

    static let tagStart = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
    static let tagRest = tagStart + Array("0123456789-.:")
    /// Value characters, including the ones the writer must escape and non-ASCII text.
    static let valueCharacters: [Character] = Array("abcXYZ019 .:-_/<>&\"';=\t\n\r") + ["é", "°", "€", "😀"]

    static func element(_ rng: inout any SeededRandomNumberGenerator) -> HeliospectraXMLElement {
        var tag = String(tagStart[Int.random(in: 0..<tagStart.count, using: &rng)])
        for _ in 0..<Int.random(in: 0...12, using: &rng) { tag.append(tagRest[Int.random(in: 0..<tagRest.count, using: &rng)]) }
        var value = ""
        for _ in 0..<Int.random(in: 0...20, using: &rng) {
            value.append(valueCharacters[Int.random(in: 0..<valueCharacters.count, using: &rng)])
        }
        return HeliospectraXMLElement(tag: tag, value: value)
    }

    /// Every discovery message type, each equally likely.
    static let discoveryFrame = Generator<HeliospectraDiscoveryFrame, Shrink.None<HeliospectraDiscoveryFrame>> { rng in
        let message: HeliospectraDiscoveryMessage
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: message = .query
        case 1:
            message = .info(HeliospectraDeviceInfo(elements: (0..<Int.random(in: 0...8, using: &rng)).map { _ in element(&rng) }))
        case 2: message = .masterAnnounce(data: bytes(0...40, &rng))
        case 3: message = .masterRelativePower(data: bytes(0...40, &rng))
        default:
            let others = (0...255).map(UInt8.init).filter { ![0, 6, 8, 9].contains($0) }
            message = .other(command: others[Int.random(in: 0..<others.count, using: &rng)], data: bytes(0...40, &rng))
        }
        return HeliospectraDiscoveryFrame(mac: Bool.random(using: &rng) ? .broadcast : mac(&rng), message: message)
    }

    static func powers(_ rng: inout any SeededRandomNumberGenerator) -> [UInt16] {
        (0..<Int.random(in: 1...64, using: &rng)).map { _ in UInt16.random(in: 0...1000, using: &rng) }
    }

    /// Every control request, each equally likely.
    static let request = Generator<HeliospectraControlRequest, Shrink.None<HeliospectraControlRequest>> { rng in
        switch Int.random(in: 0..<8, using: &rng) {
        case 0: return .getWavelengths
        case 1: return .setWavelengthsRelativePower(powers(&rng))
        case 2:
            return .setWavelengthRelativePower(
                wavelength: UInt16.random(in: 0...UInt16.max, using: &rng), value: UInt16.random(in: 0...1000, using: &rng))
        case 3: return .setAll(UInt16.random(in: 0...1000, using: &rng))
        case 4: return .getAllRelativePower
        case 5: return .getDeviceTemperature(sensor: UInt8.random(in: 0...255, using: &rng))
        case 6: return .getMAC
        default: return .bye
        }
    }

    static let words = [
        "Welcome", "to", "Heliospectra", "LX602G", "error:", "unknown", "command", "bad", "value", "v2.2.27", "°C", "!",
    ]

    static func text(_ rng: inout any SeededRandomNumberGenerator) -> String {
        (0..<Int.random(in: 1...6, using: &rng)).map { _ in words[Int.random(in: 0..<words.count, using: &rng)] }
            .joined(separator: " ")
    }

    /// A reply and the request it answers (`nil` for greeting and prompt), each type equally likely.
    static let reply = Generator<ReplyCase, Shrink.None<ReplyCase>> { rng in
        switch Int.random(in: 0..<9, using: &rng) {
        case 0: return ReplyCase(reply: .greeting(text(&rng)), request: nil)
        case 1: return ReplyCase(reply: .prompt, request: nil)
        case 2: return ReplyCase(reply: .ok, request: .setAll(100))
        case 3: return ReplyCase(reply: .okText(text(&rng)), request: .bye)
        case 4:
            let wavelengths = (0..<Int.random(in: 1...64, using: &rng)).map { _ in UInt16.random(in: 0...UInt16.max, using: &rng)
            }
            return ReplyCase(reply: .wavelengths(wavelengths), request: .getWavelengths)
        case 5: return ReplyCase(reply: .relativePowers(powers(&rng)), request: .getAllRelativePower)
        case 6:
            let celsius =
                Double(Int.random(in: -4000...15000, using: &rng)) / Double([1, 10, 100][Int.random(in: 0..<3, using: &rng)])
            return ReplyCase(reply: .temperature(celsius: celsius), request: .getDeviceTemperature(sensor: 1))
        case 7: return ReplyCase(reply: .mac(mac(&rng)), request: .getMAC)
        default: return ReplyCase(reply: .error(text(&rng)), request: .setAll(5))
        }
    }

    struct ReplyCase: Sendable, Hashable {
        var reply: HeliospectraControlReply
        var request: HeliospectraControlRequest?
    }
}
