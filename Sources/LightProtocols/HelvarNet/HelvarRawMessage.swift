/// A HelvarNet raw message: ten 32-bit big-endian words, 40 bytes (PROTOCOLS.md §2; seed
/// `003_689faa0b1f08db2f.txt`, raw format).
///
/// Layout: word 1 = message type [31:24] (0 command, 1 reply), ack [23], version [22:16],
/// command [15:0]; word 2 = group; word 3 = address `cluster<<24 | router<<16 | subnet<<8 |
/// device` (an assumption of PROTOCOLS.md §2); word 4 = `block<<16 | scene`; word 7 = level
/// or proportion, two's complement (assumption); word 8 = fade in centiseconds; words 5, 6, 9
/// and 10 are reserved and zero. A word the command does not use must be zero, and zero in
/// group, address, block or scene means "not given". The reply data words a router appends
/// after the ten echoed words are not modelled: a reply frame here is the 40-byte echo only.
///
/// JSON: `{"type":"command","acknowledge":false,"version":1,"command":"recallSceneGroup",
/// "group":1234,"block":5,"scene":6,"value":0,"fade":3200}` (`address` as `"c.r.s.d"` when set).
public struct HelvarRawMessage: Sendable, Hashable {
    /// Bytes in a raw message.
    public static let byteCount = 40

    /// Command or reply.
    public var type: HelvarRawMessageType
    /// The ack bit (bit 23 of word 1).
    public var acknowledge: Bool
    /// HelvarNet version, 1 or 2.
    public var version: UInt8
    /// The command number.
    public var command: HelvarCommandNumber
    /// Word 2: group, 0 when not given.
    public var group: UInt16
    /// Word 3: address (4 parts at most), `nil` when zero.
    public var address: HelvarAddress?
    /// Word 4 high half: block, 0 when not given.
    public var block: UInt8
    /// Word 4 low half: scene, 0 when not given.
    public var scene: UInt8
    /// Word 7: level 0–100 (13, 14, 201, 202) or proportion −100…100 (15–18), else 0.
    public var value: Int32
    /// Word 8: fade in centiseconds (11–18), else 0.
    public var fade: UInt32

    /// Creates a raw message; checked when encoded.
    public init(
        type: HelvarRawMessageType = .command, acknowledge: Bool = false, version: UInt8 = 1, command: HelvarCommandNumber,
        group: UInt16 = 0, address: HelvarAddress? = nil, block: UInt8 = 0, scene: UInt8 = 0, value: Int32 = 0, fade: UInt32 = 0
    ) {
        self.type = type
        self.acknowledge = acknowledge
        self.version = version
        self.command = command
        self.group = group
        self.address = address
        self.block = block
        self.scene = scene
        self.value = value
        self.fade = fade
    }

    /// The raw form of an ASCII command. Throws when the command carries a parameter the raw
    /// layout has no word for (or a sub-device address). A fractional level is rounded.
    public init(_ c: HelvarCommand, type: HelvarRawMessageType = .command) throws(HelvarError) {
        let extra = c.presentParameters.subtracting(c.number.usedParameters)
        guard extra.isEmpty else {
            throw .notRepresentableInRaw("parameter(s) \(extra.identifiers) of command \(c.number.rawValue)")
        }
        var value: Int32 = 0
        if let level = c.level { value = Int32(level.wholePercent) }
        if let proportion = c.proportion { value = Int32(proportion) }
        self.init(
            type: type, acknowledge: c.effectiveAcknowledge, version: c.version, command: c.number, group: c.group ?? 0,
            address: c.address, block: c.block ?? 0, scene: c.scene ?? 0, value: value,
            fade: c.number.usedParameters.contains(.fade) ? c.effectiveFade : 0)
    }

    /// The ASCII command this raw message stands for (zero words become absent parameters).
    public var asciiCommand: HelvarCommand {
        var c = HelvarCommand(command, version: version, address: address)
        let used = command.usedParameters
        if group != 0 { c.group = group }
        if block != 0 { c.block = block }
        if scene != 0 { c.scene = scene }
        if used.contains(.level) { c.level = HelvarLevel(uncheckedTenths: UInt16(clamping: max(0, value) * 10)) }
        if used.contains(.proportion) { c.proportion = Int8(clamping: value) }
        if used.contains(.fade) { c.fade = fade }
        if acknowledge { c.acknowledge = true }
        return c
    }

    /// The ten words, unchecked.
    public var words: [UInt32] {
        var w = [UInt32](repeating: 0, count: 10)
        w[0] = UInt32(type.code) << 24 | (acknowledge ? 1 << 23 : 0) | UInt32(version & 0x7F) << 16 | UInt32(command.rawValue)
        w[1] = UInt32(group)
        if let a = address {
            w[2] = UInt32(a.cluster) << 24 | UInt32(a.router ?? 0) << 16 | UInt32(a.subnet ?? 0) << 8 | UInt32(a.device ?? 0)
        }
        w[3] = UInt32(block) << 16 | UInt32(scene)
        w[6] = UInt32(bitPattern: value)
        w[7] = fade
        return w
    }

    /// Checks and decodes ten words.
    public init(words: [UInt32]) throws(HelvarError) {
        guard words.count == 10 else { throw .notRepresentableInRaw("\(words.count) words instead of 10") }
        try self.init(wordAt: { words[$0] })
    }

    /// Checks and decodes 40 big-endian bytes.
    init(bytes b: UnsafeBufferPointer<UInt8>) throws(HelvarError) {
        try self.init(wordAt: { i in
            UInt32(b[4 * i]) << 24 | UInt32(b[4 * i + 1]) << 16 | UInt32(b[4 * i + 2]) << 8 | UInt32(b[4 * i + 3])
        })
    }

    /// Checks and decodes the words `wordAt(0)`…`wordAt(9)`.
    private init(wordAt: (Int) -> UInt32) throws(HelvarError) {
        let w = (wordAt(0), wordAt(1), wordAt(2), wordAt(3), wordAt(4), wordAt(5), wordAt(6), wordAt(7), wordAt(8), wordAt(9))
        let typeCode = UInt8(w.0 >> 24)
        guard let type = HelvarRawMessageType(code: typeCode) else { throw .badRawMessageType(typeCode) }
        if w.4 != 0 { throw .nonZeroReservedWord(word: 5, value: w.4) }
        if w.5 != 0 { throw .nonZeroReservedWord(word: 6, value: w.5) }
        if w.8 != 0 { throw .nonZeroReservedWord(word: 9, value: w.8) }
        if w.9 != 0 { throw .nonZeroReservedWord(word: 10, value: w.9) }
        let version = Int64(w.0 >> 16 & 0x7F)
        try checkRange("version", version, HelvarCommand.versionRange)
        let number = UInt16(truncatingIfNeeded: w.0)
        guard let command = HelvarCommandNumber(rawValue: number) else { throw .unknownCommand(Int64(number)) }
        let used = command.usedParameters
        func unused(_ index: Int, _ value: UInt32) throws(HelvarError) {
            if value != 0 { throw .unusedWordNotZero(command: command, word: index + 1, value: value) }
        }
        var group: UInt16 = 0
        if used.contains(.group) {
            if w.1 != 0 || command.requiredParameters.contains(.group) {
                try checkRange("group", Int64(w.1), HelvarCommand.groupRange)
            }
            group = UInt16(w.1)
        } else {
            try unused(1, w.1)
        }
        var address: HelvarAddress?
        if used.contains(.address) {
            let a = HelvarAddress(
                cluster: UInt8(w.2 >> 24), router: Self.part(w.2 >> 16), subnet: Self.part(w.2 >> 8), device: Self.part(w.2))
            try a.validate()
            if let depths = command.addressDepths, !depths.contains(a.depth) {
                throw .wrongAddressDepth(command: command, depth: a.depth, expected: depths)
            }
            address = a
        } else {
            try unused(2, w.2)
        }
        var block: UInt8 = 0
        var scene: UInt8 = 0
        if used.contains(.block) {
            let b = Int64(w.3 >> 16)
            let s = Int64(w.3 & 0xFFFF)
            if b != 0 { try checkRange("block", b, HelvarCommand.blockRange) }
            if s != 0 {
                guard used.contains(.scene) else { throw .unusedWordNotZero(command: command, word: 4, value: w.3) }
                try checkRange("scene", s, HelvarCommand.sceneRange)
            }
            (block, scene) = (UInt8(b), UInt8(s))
        } else {
            try unused(3, w.3)
        }
        let value = Int32(bitPattern: w.6)
        if used.contains(.level) {
            try checkRange("level", Int64(value), 0...100)
        } else if used.contains(.proportion) {
            try checkRange("proportion", Int64(value), HelvarCommand.proportionRange)
        } else {
            try unused(6, w.6)
        }
        if !used.contains(.fade) { try unused(7, w.7) }
        self.init(
            type: type, acknowledge: w.0 & 1 << 23 != 0, version: UInt8(version), command: command, group: group,
            address: address, block: block, scene: scene, value: value, fade: w.7)
    }

    private static func part(_ word: UInt32) -> UInt8? {
        let b = UInt8(truncatingIfNeeded: word)
        return b == 0 ? nil : b
    }
}

/// Raw message type, bits 31–24 of word 1 (seed: 0 = command, 1 = reply). JSON: the name.
public enum HelvarRawMessageType: String, Sendable, Hashable, Codable, CaseIterable {
    case command, reply

    /// The wire code.
    public var code: UInt8 { self == .command ? 0 : 1 }

    /// The type of a wire code.
    public init?(code: UInt8) {
        switch code {
        case 0: self = .command
        case 1: self = .reply
        default: return nil
        }
    }
}

extension HelvarRawMessage: Codable {
    private enum Keys: String, CodingKey {
        case type, acknowledge, version, command, group, address, block, scene, value, fade
    }

    /// Missing fields default to command, no ack, version 1 and zero words.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        self.init(
            type: try c.decodeIfPresent(HelvarRawMessageType.self, forKey: .type) ?? .command,
            acknowledge: try c.decodeIfPresent(Bool.self, forKey: .acknowledge) ?? false,
            version: try c.decodeIfPresent(UInt8.self, forKey: .version) ?? 1,
            command: try c.decode(HelvarCommandNumber.self, forKey: .command),
            group: try c.decodeIfPresent(UInt16.self, forKey: .group) ?? 0,
            address: try c.decodeIfPresent(HelvarAddress.self, forKey: .address),
            block: try c.decodeIfPresent(UInt8.self, forKey: .block) ?? 0,
            scene: try c.decodeIfPresent(UInt8.self, forKey: .scene) ?? 0,
            value: try c.decodeIfPresent(Int32.self, forKey: .value) ?? 0,
            fade: try c.decodeIfPresent(UInt32.self, forKey: .fade) ?? 0)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(type, forKey: .type)
        try c.encode(acknowledge, forKey: .acknowledge)
        try c.encode(version, forKey: .version)
        try c.encode(command, forKey: .command)
        try c.encode(group, forKey: .group)
        try c.encodeIfPresent(address, forKey: .address)
        try c.encode(block, forKey: .block)
        try c.encode(scene, forKey: .scene)
        try c.encode(value, forKey: .value)
        try c.encode(fade, forKey: .fade)
    }
}
