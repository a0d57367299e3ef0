/// An IPv4 address as `GET IP` answers and `SET IP` takes it, dotted decimal (seed "Get IP
/// Address"; PROTOCOLS.md §4).
///
/// JSON: the dotted string, e.g. `"192.168.1.163"`.
public struct LumencorIPv4: Sendable, Hashable, CustomStringConvertible {
    /// The four octets, most significant first.
    public var octets: [UInt8] { [a, b, c, d] }
    /// First octet.
    public var a: UInt8
    /// Second octet.
    public var b: UInt8
    /// Third octet.
    public var c: UInt8
    /// Fourth octet.
    public var d: UInt8

    /// `0.0.0.0`, which `SET IP` takes to mean DHCP (seed "SET IP Address").
    public static let any = LumencorIPv4(0, 0, 0, 0)

    /// Creates `a.b.c.d`.
    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        self.a = a
        self.b = b
        self.c = c
        self.d = d
    }

    /// Parses dotted decimal: four numbers 0–255 of one to three digits each.
    public init?(_ text: String) {
        let parts = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var values: [UInt8] = []
        for part in parts {
            guard let v = ASCII.parseUnsigned(part, maxDigits: 3), v <= 255 else { return nil }
            values.append(UInt8(v))
        }
        self.init(values[0], values[1], values[2], values[3])
    }

    /// Dotted decimal.
    public var description: String { "\(a).\(b).\(c).\(d)" }
}

/// What `SET IP` assigns: a static address, or DHCP (seed "SET IP Address": `SET IP DHCP` or
/// `SET IP 0.0.0.0`; both forms are kept apart so that each encodes back to itself).
///
/// JSON: `"DHCP"` or the dotted address, e.g. `"192.168.1.180"`.
public enum LumencorIPSetting: Sendable, Hashable, CustomStringConvertible {
    /// A static address (`0.0.0.0` also selects DHCP on the engine).
    case address(LumencorIPv4)
    /// The word `DHCP`.
    case dhcp

    /// Whether the engine will use DHCP: `DHCP` or `0.0.0.0`.
    public var selectsDHCP: Bool { self == .dhcp || self == .address(.any) }

    /// Parses `DHCP` (any case) or a dotted address.
    public init?(_ text: String) {
        if lumencorUppercased(text) == "DHCP" {
            self = .dhcp
        } else if let address = LumencorIPv4(text) {
            self = .address(address)
        } else {
            return nil
        }
    }

    /// The wire token.
    public var description: String {
        switch self {
        case .address(let address): return address.description
        case .dhcp: return "DHCP"
        }
    }
}

extension LumencorIPv4: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = LumencorIPv4(text) else {
            throw JSONDecodingError(path: pathText(decoder.codingPath), reason: "'\(text)' is not a dotted IPv4 address")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension LumencorIPSetting: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = LumencorIPSetting(text) else {
            throw JSONDecodingError(
                path: pathText(decoder.codingPath), reason: "'\(text)' is neither DHCP nor a dotted IPv4 address")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
