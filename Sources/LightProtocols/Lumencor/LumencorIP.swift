/// What `SET IP` assigns: a static address, or DHCP (seed "SET IP Address": `SET IP DHCP` or
/// `SET IP 0.0.0.0`; both forms are kept apart so that each encodes back to itself).
///
/// JSON: `"DHCP"` or the dotted address, e.g. `"192.168.1.180"`.
public enum LumencorIPSetting: Sendable, Hashable, CustomStringConvertible {
    /// A static address (`0.0.0.0` also selects DHCP on the engine).
    case address(IPv4Address)
    /// The word `DHCP`.
    case dhcp

    /// Whether the engine will use DHCP: `DHCP` or `0.0.0.0`.
    public var selectsDHCP: Bool { self == .dhcp || self == .address(.any) }

    /// Parses `DHCP` (any case) or a dotted address.
    public init?(_ text: String) {
        if lumencorUppercased(text) == "DHCP" {
            self = .dhcp
        } else if let address = IPv4Address(text) {
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

extension LumencorIPSetting: JSONTextCodable {
    public init(jsonText text: String) throws(JSONDecodingError) {
        guard let value = LumencorIPSetting(text) else {
            throw JSONDecodingError(path: "", reason: "'\(text)' is neither DHCP nor a dotted IPv4 address")
        }
        self = value
    }
}
