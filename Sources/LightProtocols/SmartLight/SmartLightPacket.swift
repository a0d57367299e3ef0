/// Smart Light TCP/USB binary packets: header `[id, length, command]` plus data
/// (seed 002 "TCP/IP Protocol"; PROTOCOLS.md §1.4). `length` counts the whole packet.
public struct SmartLightPacket: Sendable, Hashable, Codable {
    /// The identification byte; a reply echoes the request's.
    public var id: UInt8
    /// What the packet says.
    public var payload: SmartLightPacketPayload

    /// Creates a packet.
    public init(id: UInt8, payload: SmartLightPacketPayload) {
        self.id = id
        self.payload = payload
    }
}

/// Why a well-formed packet was refused (§1.4 assumption: reply `[id, 5, 0x7F, command, code]`).
public enum SmartLightRefusal: UInt8, Sendable, Hashable, Codable, CaseIterable {
    /// A field's value is outside its range.
    case valueOutOfRange = 1
    /// The mode number has no recipe entry.
    case modeNotConfigured = 2
}

/// The body of a Smart Light packet.
///
/// JSON: a flat object with a `type` discriminator and the packet's `id`, e.g.
/// `{"id":1,"type":"modeSet","mode":255}` or `{"id":1,"type":"reply","command":81}`.
public enum SmartLightPacketPayload: Sendable, Hashable {
    /// `0x51`: mode set, 16-bit mode number.
    case modeSet(mode: UInt16)
    /// `0x50 0x01`: direct set, segment mode.
    case segment(SmartLightSegmentMode)
    /// `0x50 0x02`: direct set, level mode.
    case level(SmartLightLevelMode)
    /// `0x50 0x03`: direct set, run light (the seed prints `0x02`, a clash with level; §1.4).
    case runLight(SmartLightRunLight)
    /// `0x52`: temporary user colour.
    case userColour(SmartLightRGB)
    /// Success reply `[id, 4, command, 0]`: `command` echoes the request's command byte.
    case reply(command: UInt8)
    /// Refusal reply `[id, 5, 0x7F, command, code]`.
    case refused(command: UInt8, reason: SmartLightRefusal)

    /// The packet's command byte.
    public var commandByte: UInt8 {
        switch self {
        case .modeSet: return SmartLightPacketFormat.modeSetCommand
        case .segment, .level, .runLight: return SmartLightPacketFormat.directSetCommand
        case .userColour: return SmartLightPacketFormat.userColourCommand
        case .reply(let command): return command
        case .refused: return SmartLightPacketFormat.refusedCommand
        }
    }

    /// The Smart Light command a request packet carries (`nil` for replies).
    public var command: SmartLightCommand? {
        switch self {
        case .modeSet(let mode): return .modeSet(mode: mode)
        case .segment(let s): return .segment(s)
        case .level(let l): return .level(l)
        case .runLight(let r): return .runLight(r)
        case .userColour(let c): return .userColour(c)
        case .reply, .refused: return nil
        }
    }

    /// The request packet for a Smart Light command (`clear` is mode 0 on the binary link).
    public init(_ command: SmartLightCommand) {
        switch command {
        case .modeSet(let mode): self = .modeSet(mode: mode)
        case .segment(let s): self = .segment(s)
        case .level(let l): self = .level(l)
        case .runLight(let r): self = .runLight(r)
        case .userColour(let c): self = .userColour(c)
        case .clear: self = .modeSet(mode: 0)
        }
    }
}

/// Binary layout settings and constants (§1.4).
public struct SmartLightPacketFormat: Sendable, Hashable {
    /// Byte order of the 16-bit mode number. The seed says little endian but its worked
    /// example (mode 255 → `00 FF`) is MSB first; MSB first is the default (§1.4).
    public enum ModeByteOrder: String, Sendable, Hashable, Codable {
        case msbFirst, lsbFirst
    }

    /// Direct set.
    public static let directSetCommand: UInt8 = 0x50
    /// Mode set.
    public static let modeSetCommand: UInt8 = 0x51
    /// Temporary user colour.
    public static let userColourCommand: UInt8 = 0x52
    /// Refusal reply.
    public static let refusedCommand: UInt8 = 0x7F
    /// Direct-set subtypes.
    public static let segmentSubtype: UInt8 = 0x01, levelSubtype: UInt8 = 0x02, runLightSubtype: UInt8 = 0x03
    /// The server port (seed).
    public static let tcpPort = 13000

    /// Byte order of mode numbers.
    public var modeByteOrder: ModeByteOrder

    /// Creates a format.
    public init(modeByteOrder: ModeByteOrder = .msbFirst) {
        self.modeByteOrder = modeByteOrder
    }
}

extension SmartLightPacket {
    private enum IdKey: String, CodingKey { case id }
    private enum CommandKeys: String, CodingKey { case mode, command, reason }

    public init(from decoder: any Decoder) throws {
        id = try decoder.container(keyedBy: IdKey.self).decode(UInt8.self, forKey: .id)
        let tag = try decoder.container(keyedBy: TypeKey.self).decode(String.self, forKey: .type)
        let c = try decoder.container(keyedBy: CommandKeys.self)
        switch tag {
        case "reply": payload = .reply(command: try c.decode(UInt8.self, forKey: .command))
        case "refused":
            payload = .refused(
                command: try c.decode(UInt8.self, forKey: .command), reason: try c.decode(SmartLightRefusal.self, forKey: .reason)
            )
        default:
            // Request packets carry a Smart Light command in its own JSON shape.
            payload = SmartLightPacketPayload(try SmartLightCommand(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var idContainer = encoder.container(keyedBy: IdKey.self)
        try idContainer.encode(id, forKey: .id)
        if let command = payload.command {
            try command.encode(to: encoder)
            return
        }
        var tag = encoder.container(keyedBy: TypeKey.self)
        var c = encoder.container(keyedBy: CommandKeys.self)
        switch payload {
        case .reply(let command):
            try tag.encode("reply", forKey: .type)
            try c.encode(command, forKey: .command)
        case .refused(let command, let reason):
            try tag.encode("refused", forKey: .type)
            try c.encode(command, forKey: .command)
            try c.encode(reason, forKey: .reason)
        case .modeSet, .segment, .level, .runLight, .userColour:
            break  // requests were encoded as their command above
        }
    }
}

extension SmartLightRefusal {
    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self.allCases.first(where: { "\($0)" == name }) else {
            throw JSONDecodingError(path: "reason", reason: "unknown refusal '\(name)' (valueOutOfRange, modeNotConfigured)")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode("\(self)")
    }
}
