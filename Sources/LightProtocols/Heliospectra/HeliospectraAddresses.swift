/// An IPv4 address as carried in the master light-setting package (the master's multicast
/// group, PROTOCOLS.md §5). JSON: the dotted string, e.g. `"239.1.2.3"`.
public struct HeliospectraIPv4: Sendable, Hashable, CustomStringConvertible {
    /// The four bytes in network order.
    public var bytes: (UInt8, UInt8, UInt8, UInt8) {
        (
            UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8),
            UInt8(truncatingIfNeeded: value)
        )
    }
    /// The address as a big-endian 32-bit number.
    public var value: UInt32

    /// Creates an address from its 32-bit value.
    public init(_ value: UInt32) { self.value = value }

    /// Creates an address from four bytes, most significant first.
    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        value = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    /// Parses a dotted quad such as `239.1.2.3` (each part 0–255, at most three digits).
    public init?(_ text: String) {
        let parts = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var v: UInt32 = 0
        for part in parts {
            guard let n = ASCII.parseUnsigned(part, maxDigits: 3), n <= 255 else { return nil }
            v = v << 8 | UInt32(n)
        }
        value = v
    }

    /// Whether the address is in 224.0.0.0/4 (IPv4 multicast).
    public var isMulticast: Bool { value >> 28 == 0xE }

    public var description: String {
        let b = bytes
        return "\(b.0).\(b.1).\(b.2).\(b.3)"
    }
}

extension HeliospectraIPv4: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let address = HeliospectraIPv4(text) else {
            throw JSONDecodingError(path: pathText(decoder.codingPath), reason: "'\(text)' is not a dotted IPv4 address")
        }
        self = address
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// A 6-byte MAC address (discovery frames, `getmac` replies; PROTOCOLS.md §5).
/// JSON and text: lower-case hex pairs separated by colons, e.g. `"00:11:22:33:44:55"`.
public struct HeliospectraMAC: Sendable, Hashable, CustomStringConvertible {
    /// The six bytes, first on the wire first.
    public let bytes: [UInt8]

    /// `FF:FF:FF:FF:FF:FF`: every light (discovery query target).
    public static let broadcast = HeliospectraMAC(unchecked: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])

    /// Creates an address; `nil` unless `bytes` has exactly six elements.
    public init?(_ bytes: [UInt8]) {
        guard bytes.count == 6 else { return nil }
        self.bytes = bytes
    }

    init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    /// Parses six hex pairs separated by `:` or `-`, or twelve hex digits with no separator.
    public init?(_ text: some StringProtocol) {
        let u = Array(text.utf8)
        var digits: [UInt8] = []
        if u.count == 12 {
            digits = u
        } else if u.count == 17 {
            let sep = u[2]
            guard sep == UInt8(ascii: ":") || sep == UInt8(ascii: "-") else { return nil }
            for (i, c) in u.enumerated() {
                if i % 3 == 2 {
                    guard c == sep else { return nil }
                } else {
                    digits.append(c)
                }
            }
        } else {
            return nil
        }
        var out: [UInt8] = []
        var i = 0
        while i < 12 {
            guard let hi = Hex.value(digits[i]), let lo = Hex.value(digits[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        bytes = out
    }

    /// Whether this is the all-lights address.
    public var isBroadcast: Bool { self == .broadcast }

    public var description: String { Hex.encode(bytes, separator: ":") }
}

extension HeliospectraMAC: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let mac = HeliospectraMAC(text) else {
            throw JSONDecodingError(path: pathText(decoder.codingPath), reason: "'\(text)' is not a MAC address (six hex pairs)")
        }
        self = mac
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
