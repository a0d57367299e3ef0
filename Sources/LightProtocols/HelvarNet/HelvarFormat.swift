/// HelvarNet ASCII settings and constants (PROTOCOLS.md §2).
public struct HelvarFormat: Sendable, Hashable {
    /// The router's TCP port.
    public static let tcpPort = 50000
    /// The router's UDP command port.
    public static let udpPort = 50001
    /// The longest message a router sends or accepts, start to terminator (PROTOCOLS.md §2).
    public static let standardMaxMessageLength = 1500
    /// The default limit on a reply reassembled from `$` parts (an assumption: the seed sets
    /// none; 64 KiB is far above any answer a router sends and keeps the decoder bounded).
    public static let standardMaxReplyLength = 65536
    /// The smallest message limit accepted (room for the longest header this codec writes).
    public static let minimumMessageLength = 256

    /// Longest message, start character to terminator inclusive.
    public let maxMessageLength: Int
    /// Longest answer reassembled from partial replies.
    public let maxReplyLength: Int

    /// The standard settings.
    public static let standard = HelvarFormat(uncheckedMax: standardMaxMessageLength, reply: standardMaxReplyLength)

    /// Checks and creates settings.
    public init(maxMessageLength: Int = standardMaxMessageLength, maxReplyLength: Int = standardMaxReplyLength)
        throws(HelvarError)
    {
        guard maxMessageLength >= Self.minimumMessageLength else {
            throw .invalidFormat("maxMessageLength \(maxMessageLength) is below \(Self.minimumMessageLength)")
        }
        guard maxReplyLength >= maxMessageLength else {
            throw .invalidFormat("maxReplyLength \(maxReplyLength) is below maxMessageLength \(maxMessageLength)")
        }
        self.init(uncheckedMax: maxMessageLength, reply: maxReplyLength)
    }

    private init(uncheckedMax: Int, reply: Int) {
        maxMessageLength = uncheckedMax
        maxReplyLength = reply
    }
}

/// Byte constants of the ASCII form (seed 003 character table).
enum HelvarASCII {
    static let command = UInt8(ascii: ">")
    static let internalCommand = UInt8(ascii: "<")
    static let reply = UInt8(ascii: "?")
    static let error = UInt8(ascii: "!")
    static let terminator = UInt8(ascii: "#")
    static let partialTerminator = UInt8(ascii: "$")
    static let answer = UInt8(ascii: "=")
    static let delimiter = UInt8(ascii: ",")
    static let idDelimiter = UInt8(ascii: ":")
    static let address = UInt8(ascii: "@")

    /// Bit `c` set for every byte `c` < 64 that matters to framing: `! # $ < = > ?`.
    static let specialMask: UInt64 = 1 << 0x21 | 1 << 0x23 | 1 << 0x24 | 1 << 0x3C | 1 << 0x3D | 1 << 0x3E | 1 << 0x3F

    @inline(__always) static func isStart(_ b: UInt8) -> Bool {
        b == command || b == reply || b == error || b == internalCommand
    }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0D || b == 0x0A || b == 0x09
    }
}
