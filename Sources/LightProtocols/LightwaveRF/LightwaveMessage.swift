/// One LightwaveRF Link UDP message, either direction (seed `004_ba308fd4a8628ac7.txt`;
/// PROTOCOLS.md §3): a client's command to port 9760, or a Link's reply or JSON event on 9761.
///
/// JSON: a flat object with a `type` discriminator (`command`, `ok`, `error`, `version`,
/// `event`), e.g. `{"type":"ok","trans":111}`; docs/json/lightwave.md shows every shape.
public enum LightwaveMessage: Sendable, Hashable {
    /// A command from a client.
    case command(LightwaveCommand)
    /// `[<trans>,]OK`: the Link received the command (from 2.92 only a following radio event
    /// proves it was transmitted). `nil`: the reply had no transaction prefix.
    case ok(transaction: UInt16?)
    /// `[<trans>,]ERR,<code>,"<text>"`.
    case error(LightwaveErrorReply)
    /// `[<trans>,]?V="<firmware>"`: the answer to `!F*p` from a client already registered.
    case version(transaction: UInt16?, firmware: String)
    /// `*!{…}`: a JSON report.
    case event(LightwaveEvent)

    /// Valid transaction ids in a reply (an empty one in the command is answered as 0).
    public static let replyTransactionRange = 0...999

    /// The transaction id the message carries (commands and replies), if any.
    public var transaction: UInt16? {
        switch self {
        case .command(let c): return c.transaction
        case .ok(let t), .version(let t, _): return t
        case .error(let e): return e.transaction
        case .event: return nil
        }
    }
}

extension LightwaveMessage: Codable {
    private enum Keys: String, CodingKey {
        case link, trans, room, device, function, level, mood, line1, line2, code, text, kind, firmware, event
    }

    public init(from decoder: any Decoder) throws {
        let tag = try decoder.container(keyedBy: TypeKey.self).decode(String.self, forKey: .type)
        let c = try decoder.container(keyedBy: Keys.self)
        let trans = try c.decodeIfPresent(UInt16.self, forKey: .trans)
        switch tag {
        case "command":
            self = .command(
                LightwaveCommand(
                    link: try c.decodeIfPresent(LightwaveLinkSelector.self, forKey: .link), transaction: trans,
                    action: try Self.decodeAction(c), line1: try c.decodeIfPresent(String.self, forKey: .line1),
                    line2: try c.decodeIfPresent(String.self, forKey: .line2)))
        case "ok": self = .ok(transaction: trans)
        case "error":
            self = .error(
                LightwaveErrorReply(
                    transaction: trans, code: try c.decode(UInt16.self, forKey: .code),
                    text: try c.decode(String.self, forKey: .text)))
        case "version": self = .version(transaction: trans, firmware: try c.decode(String.self, forKey: .firmware))
        case "event": self = .event(try c.decode(LightwaveEvent.self, forKey: .event))
        default:
            throw JSONDecodingError(
                path: "type", reason: "unknown Lightwave message '\(tag)' (command, ok, error, version, event)")
        }
    }

    private static func decodeAction(_ c: KeyedDecodingContainer<Keys>) throws -> LightwaveAction {
        let name = try c.decode(String.self, forKey: .function)
        func room() throws -> UInt8 { try c.decode(UInt8.self, forKey: .room) }
        func device(_ f: LightwaveDeviceFunction) throws -> LightwaveAction {
            .device(room: try room(), device: try c.decode(UInt8.self, forKey: .device), f)
        }
        func noTarget(_ a: LightwaveAction) throws -> LightwaveAction {
            guard !c.contains(.room), !c.contains(.device) else {
                throw JSONDecodingError(path: "function", reason: "\(name) takes no room or device")
            }
            return a
        }
        func roomOnly(_ f: LightwaveRoomFunction) throws -> LightwaveAction {
            guard !c.contains(.device) else { throw JSONDecodingError(path: "device", reason: "\(name) takes no device") }
            return .room(room: try room(), f)
        }
        switch name {
        case "on": return try device(.on)
        case "off": return try device(.off)
        case "dim": return try device(.dim(level: try c.decode(UInt8.self, forKey: .level)))
        case "open": return try device(.open)
        case "close": return try device(.close)
        case "stop": return try device(.stop)
        case "lock": return try device(.lock)
        case "fullLock": return try device(.fullLock)
        case "unlock": return try device(.unlock)
        case "allOff": return try roomOnly(.allOff)
        case "moodRecall": return try roomOnly(.moodRecall(mood: try c.decode(UInt8.self, forKey: .mood)))
        case "moodStore": return try roomOnly(.moodStore(mood: try c.decode(UInt8.self, forKey: .mood)))
        case "register": return try noTarget(.register)
        case "deregisterAll": return try noTarget(.deregisterAll)
        case "hubInfo": return try noTarget(.hubInfo)
        default:
            throw JSONDecodingError(
                path: "function",
                reason:
                    "unknown function '\(name)' (on, off, dim, open, close, stop, lock, fullLock, unlock, allOff, moodRecall, moodStore, register, deregisterAll, hubInfo)"
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var tag = encoder.container(keyedBy: TypeKey.self)
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case .command(let command):
            try tag.encode("command", forKey: .type)
            try c.encodeIfPresent(command.link, forKey: .link)
            try c.encodeIfPresent(command.transaction, forKey: .trans)
            switch command.action {
            case .device(let room, let device, _):
                try c.encode(room, forKey: .room)
                try c.encode(device, forKey: .device)
            case .room(let room, _):
                try c.encode(room, forKey: .room)
            case .register, .deregisterAll, .hubInfo: break
            }
            try c.encode(command.action.functionName, forKey: .function)
            switch command.action {
            case .device(_, _, .dim(let level)): try c.encode(level, forKey: .level)
            case .room(_, .moodRecall(let mood)), .room(_, .moodStore(let mood)): try c.encode(mood, forKey: .mood)
            default: break
            }
            try c.encodeIfPresent(command.line1, forKey: .line1)
            try c.encodeIfPresent(command.line2, forKey: .line2)
        case .ok(let trans):
            try tag.encode("ok", forKey: .type)
            try c.encodeIfPresent(trans, forKey: .trans)
        case .error(let reply):
            try tag.encode("error", forKey: .type)
            try c.encodeIfPresent(reply.transaction, forKey: .trans)
            try c.encode(reply.code, forKey: .code)
            try c.encode(reply.text, forKey: .text)
            try c.encode(reply.kind, forKey: .kind)
        case .version(let trans, let firmware):
            try tag.encode("version", forKey: .type)
            try c.encodeIfPresent(trans, forKey: .trans)
            try c.encode(firmware, forKey: .firmware)
        case .event(let event):
            try tag.encode("event", forKey: .type)
            try c.encode(event, forKey: .event)
        }
    }
}
