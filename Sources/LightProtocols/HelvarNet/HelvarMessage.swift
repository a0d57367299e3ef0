/// One HelvarNet ASCII message (PROTOCOLS.md §2; seed `003_689faa0b1f08db2f.txt`):
/// `>` command, `<` internal command, `?` reply (answer after `=`), `!` error (code after `=`).
/// Router-pushed scene recalls (`>V:2,C:11,…#`) are ordinary commands.
///
/// JSON: a flat object with a `type` discriminator (`command`, `internalCommand`, `reply`,
/// `error`) plus the ``HelvarCommand`` fields; a reply adds `answer` (the text, always) and
/// `decoded` (the typed answer where the format is known); an error adds `code`. E.g.
/// `{"type":"error","command":"queryDeviceType","version":1,"address":"2.2.1.1","code":"deviceMissing"}`.
public enum HelvarMessage: Sendable, Hashable {
    /// `>`: a command (from a client, or pushed by a router).
    case command(HelvarCommand)
    /// `<`: an internal command.
    case internalCommand(HelvarCommand)
    /// `?`: a reply, echoing the query.
    case reply(HelvarReply)
    /// `!`: an error/diagnostic message, echoing the command.
    case error(HelvarErrorReply)

    /// The command the message carries or echoes.
    public var header: HelvarCommand {
        switch self {
        case .command(let c), .internalCommand(let c): return c
        case .reply(let r): return r.request
        case .error(let e): return e.request
        }
    }

    /// The start character.
    public var startCharacter: UInt8 {
        switch self {
        case .command: return UInt8(ascii: ">")
        case .internalCommand: return UInt8(ascii: "<")
        case .reply: return UInt8(ascii: "?")
        case .error: return UInt8(ascii: "!")
        }
    }
}

/// A `?` reply: the echoed query and the answer text after `=` (reassembled from `$` parts).
public struct HelvarReply: Sendable, Hashable {
    /// The query as echoed by the router.
    public var request: HelvarCommand
    /// The answer text, always kept as received.
    public var answer: String

    /// Creates a reply with answer text.
    public init(request: HelvarCommand, answer: String) {
        self.request = request
        self.answer = answer
    }

    /// Creates a reply from a typed answer.
    public init(request: HelvarCommand, answer: HelvarAnswer) {
        self.request = request
        self.answer = answer.text
    }

    /// The typed answer, where the command's answer format is known and the text parses.
    public var decodedAnswer: HelvarAnswer? { HelvarAnswer.parse(answer, for: request.number) }
}

/// A `!` error message: the echoed command and the router's error code.
public struct HelvarErrorReply: Sendable, Hashable {
    /// The command as echoed by the router.
    public var request: HelvarCommand
    /// Why it failed.
    public var code: HelvarErrorCode

    /// Creates an error message.
    public init(request: HelvarCommand, code: HelvarErrorCode) {
        self.request = request
        self.code = code
    }
}

extension HelvarCommand: Codable {
    enum Keys: String, CodingKey {
        case command, version, address, group, block, scene, fade, level, proportion, acknowledge, sequence, forceStore,
            constantLight, time, display, latitude, longitude, timeZone, daylightSaving
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        self.init(try c.decode(HelvarCommandNumber.self, forKey: .command))
        version = try c.decodeIfPresent(UInt8.self, forKey: .version) ?? 1
        address = try c.decodeIfPresent(HelvarAddress.self, forKey: .address)
        group = try c.decodeIfPresent(UInt16.self, forKey: .group)
        block = try c.decodeIfPresent(UInt8.self, forKey: .block)
        scene = try c.decodeIfPresent(UInt8.self, forKey: .scene)
        fade = try c.decodeIfPresent(UInt32.self, forKey: .fade)
        level = try c.decodeIfPresent(HelvarLevel.self, forKey: .level)
        proportion = try c.decodeIfPresent(Int8.self, forKey: .proportion)
        acknowledge = try c.decodeIfPresent(Bool.self, forKey: .acknowledge)
        sequence = try c.decodeIfPresent(UInt32.self, forKey: .sequence)
        forceStore = try c.decodeIfPresent(Bool.self, forKey: .forceStore)
        constantLight = try c.decodeIfPresent(Bool.self, forKey: .constantLight)
        time = try c.decodeIfPresent(UInt32.self, forKey: .time)
        display = try c.decodeIfPresent(UInt32.self, forKey: .display)
        latitude = try c.decodeIfPresent(Int32.self, forKey: .latitude)
        longitude = try c.decodeIfPresent(Int32.self, forKey: .longitude)
        timeZone = try c.decodeIfPresent(Int32.self, forKey: .timeZone)
        daylightSaving = try c.decodeIfPresent(Bool.self, forKey: .daylightSaving)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(number, forKey: .command)
        try c.encode(version, forKey: .version)
        try c.encodeIfPresent(address, forKey: .address)
        try c.encodeIfPresent(group, forKey: .group)
        try c.encodeIfPresent(block, forKey: .block)
        try c.encodeIfPresent(scene, forKey: .scene)
        try c.encodeIfPresent(fade, forKey: .fade)
        try c.encodeIfPresent(level, forKey: .level)
        try c.encodeIfPresent(proportion, forKey: .proportion)
        try c.encodeIfPresent(acknowledge, forKey: .acknowledge)
        try c.encodeIfPresent(sequence, forKey: .sequence)
        try c.encodeIfPresent(forceStore, forKey: .forceStore)
        try c.encodeIfPresent(constantLight, forKey: .constantLight)
        try c.encodeIfPresent(time, forKey: .time)
        try c.encodeIfPresent(display, forKey: .display)
        try c.encodeIfPresent(latitude, forKey: .latitude)
        try c.encodeIfPresent(longitude, forKey: .longitude)
        try c.encodeIfPresent(timeZone, forKey: .timeZone)
        try c.encodeIfPresent(daylightSaving, forKey: .daylightSaving)
    }
}

extension HelvarMessage: Codable {
    private enum ExtraKeys: String, CodingKey { case answer, decoded, code }

    public init(from decoder: any Decoder) throws {
        let tag = try decoder.container(keyedBy: TypeKey.self).decode(String.self, forKey: .type)
        let extra = try decoder.container(keyedBy: ExtraKeys.self)
        let header = try HelvarCommand(from: decoder)
        switch tag {
        case "command": self = .command(header)
        case "internalCommand": self = .internalCommand(header)
        case "reply":
            if let answer = try extra.decodeIfPresent(String.self, forKey: .answer) {
                self = .reply(HelvarReply(request: header, answer: answer))
            } else if let decoded = try extra.decodeIfPresent(HelvarAnswer.self, forKey: .decoded) {
                self = .reply(HelvarReply(request: header, answer: decoded))
            } else {
                throw JSONDecodingError(path: "answer", reason: "a reply needs 'answer' (text) or 'decoded' (typed)")
            }
        case "error":
            self = .error(HelvarErrorReply(request: header, code: try extra.decode(HelvarErrorCode.self, forKey: .code)))
        default:
            throw JSONDecodingError(
                path: "type", reason: "unknown HelvarNet message type '\(tag)' (command, internalCommand, reply, error)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var tag = encoder.container(keyedBy: TypeKey.self)
        var extra = encoder.container(keyedBy: ExtraKeys.self)
        switch self {
        case .command(let c):
            try tag.encode("command", forKey: .type)
            try c.encode(to: encoder)
        case .internalCommand(let c):
            try tag.encode("internalCommand", forKey: .type)
            try c.encode(to: encoder)
        case .reply(let r):
            try tag.encode("reply", forKey: .type)
            try r.request.encode(to: encoder)
            try extra.encode(r.answer, forKey: .answer)
            try extra.encodeIfPresent(r.decodedAnswer, forKey: .decoded)
        case .error(let e):
            try tag.encode("error", forKey: .type)
            try e.request.encode(to: encoder)
            try extra.encode(e.code, forKey: .code)
        }
    }
}
