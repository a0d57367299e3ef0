import LightProtocols
import PropertyBased

/// Random valid LightwaveRF values for the property-based round trips.
enum LightwaveArbitrary {
    typealias RNG = any SeededRandomNumberGenerator

    static func maybe<T>(_ rng: inout RNG, _ make: (inout RNG) -> T) -> T? {
        Bool.random(using: &rng) ? make(&rng) : nil
    }

    /// Printable ASCII of `length` characters, never `except`.
    static func printable(_ length: Int, except: Set<UInt8> = [], _ rng: inout RNG) -> String {
        var bytes: [UInt8] = []
        while bytes.count < length {
            let b = UInt8.random(in: 0x20...0x7E, using: &rng)
            if !except.contains(b) { bytes.append(b) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func screenLine(_ rng: inout RNG) -> String {
        printable(Int.random(in: 0...16, using: &rng), except: [UInt8(ascii: "|")], &rng)
    }

    static func action(_ rng: inout RNG) -> LightwaveAction {
        let room = UInt8.random(in: 1...16, using: &rng)
        let device = UInt8.random(in: 1...16, using: &rng)
        let mood = UInt8.random(in: 1...5, using: &rng)
        switch Int.random(in: 0..<15, using: &rng) {
        case 0: return .device(room: room, device: device, .on)
        case 1: return .device(room: room, device: device, .off)
        case 2: return .device(room: room, device: device, .dim(level: UInt8.random(in: 0...32, using: &rng)))
        case 3: return .device(room: room, device: device, .open)
        case 4: return .device(room: room, device: device, .close)
        case 5: return .device(room: room, device: device, .stop)
        case 6: return .device(room: room, device: device, .lock)
        case 7: return .device(room: room, device: device, .fullLock)
        case 8: return .device(room: room, device: device, .unlock)
        case 9: return .room(room: room, .allOff)
        case 10: return .room(room: room, .moodRecall(mood: mood))
        case 11: return .room(room: room, .moodStore(mood: mood))
        case 12: return .register
        case 13: return .deregisterAll
        default: return .hubInfo
        }
    }

    static func command(_ rng: inout RNG) -> LightwaveCommand {
        let line1 = maybe(&rng, screenLine)
        return LightwaveCommand(
            link: maybe(&rng) { LightwaveLinkSelector(UInt32.random(in: 0...0xFF_FFFF, using: &$0)) },
            transaction: maybe(&rng) { UInt16.random(in: 1...999, using: &$0) }, action: action(&rng), line1: line1,
            line2: line1 == nil ? nil : maybe(&rng, screenLine))
    }

    static func replyTransaction(_ rng: inout RNG) -> UInt16? {
        maybe(&rng) { UInt16.random(in: 0...999, using: &$0) }
    }

    /// A small JSON value: scalars (non-ASCII and escaped strings included), shallow nesting.
    static func jsonValue(depth: Int, _ rng: inout RNG) -> JSONValue {
        switch Int.random(in: 0..<(depth > 0 ? 9 : 7), using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .int(Int64.random(in: Int64.min...Int64.max, using: &rng))
        case 3: return .uint(UInt64.random(in: (UInt64(Int64.max) + 1)...UInt64.max, using: &rng))
        case 4: return .double(Double(Int.random(in: -1_000_000...1_000_000, using: &rng)) + 0.25)
        case 5: return .string(["success", "433T", "é ✓ \"q\" \\ \n\t", "", "03:34:BC"][Int.random(in: 0..<5, using: &rng)])
        case 6: return .string(printable(Int.random(in: 0...12, using: &rng), &rng))
        case 7: return .array((0..<Int.random(in: 0...3, using: &rng)).map { _ in jsonValue(depth: depth - 1, &rng) })
        default:
            return .object(
                (0..<Int.random(in: 0...3, using: &rng)).map { i in JSONMember("k\(i)", jsonValue(depth: depth - 1, &rng)) })
        }
    }

    static func event(_ rng: inout RNG) -> LightwaveEvent {
        var event = LightwaveEvent(members: [])
        let keys = [
            "trans", "mac", "time", "pkt", "fn", "room", "dev", "param", "type", "msg", "prod", "fw", "serial", "x", "cTemp",
        ]
        for _ in 0..<Int.random(in: 0...8, using: &rng) {
            let key = keys[Int.random(in: 0..<keys.count, using: &rng)]
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: event[key] = .int(Int64.random(in: 0...2_000_000_000, using: &rng))
            case 1: event[key] = .string(printable(Int.random(in: 0...8, using: &rng), &rng))
            default: event[key] = jsonValue(depth: 1, &rng)  // small enough to stay under 1024 bytes
            }
        }
        return event
    }

    /// Every message type, each equally likely.
    static let message = Generator<LightwaveMessage, Shrink.None<LightwaveMessage>> { rng in
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: return .command(command(&rng))
        case 1: return .ok(transaction: replyTransaction(&rng))
        case 2:
            return .error(
                LightwaveErrorReply(
                    transaction: replyTransaction(&rng), code: UInt16.random(in: 0...999, using: &rng),
                    text: printable(Int.random(in: 0...48, using: &rng), &rng)))
        case 3:
            return .version(transaction: replyTransaction(&rng), firmware: printable(Int.random(in: 0...10, using: &rng), &rng))
        default: return .event(event(&rng))
        }
    }
}
