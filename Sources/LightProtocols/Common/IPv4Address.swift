/// An IPv4 address, as the Heliospectra master package carries its multicast group
/// (PROTOCOLS.md §5) and Lumencor's `GET IP`/`SET IP` show it (§4).
///
/// JSON and text: the dotted quad, e.g. `"239.1.2.3"`.
public struct IPv4Address: Sendable, Hashable, CustomStringConvertible {
    /// The address as a 32-bit number, first octet most significant.
    public var value: UInt32

    /// `0.0.0.0` (Lumencor's `SET IP 0.0.0.0` selects DHCP).
    public static let any = IPv4Address(0)

    /// Creates an address from its 32-bit value.
    public init(_ value: UInt32) { self.value = value }

    /// Creates `a.b.c.d`.
    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        value = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    /// Parses a dotted quad: four numbers 0–255 of one to three digits each.
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

    /// The four octets, first octet first.
    public var octets: [UInt8] {
        [
            UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8),
            UInt8(truncatingIfNeeded: value),
        ]
    }

    /// Whether the address is in 224.0.0.0/4 (IPv4 multicast).
    public var isMulticast: Bool { value >> 28 == 0xE }

    /// The dotted quad.
    public var description: String {
        octets.map { String($0) }.joined(separator: ".")
    }
}

extension IPv4Address: JSONTextCodable {
    public init(jsonText text: String) throws(JSONDecodingError) {
        guard let address = IPv4Address(text) else {
            throw JSONDecodingError(path: "", reason: "'\(text)' is not a dotted IPv4 address")
        }
        self = address
    }
}
