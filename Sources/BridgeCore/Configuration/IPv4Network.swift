import LightProtocols

/// An IPv4 network `a.b.c.d/n` (or one address, `/32`), for the TCP input's client allow-list
/// (issue 5 item 1).
public struct IPv4Network: Sendable, Hashable, CustomStringConvertible {
    /// The network address (host bits cleared).
    public var address: IPv4Address
    /// The prefix length, 0…32.
    public var prefixLength: Int

    /// Parses `a.b.c.d` or `a.b.c.d/n`; `nil` if malformed.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPv4Address(String(parts[0])) else { return nil }
        var length = 32
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let n = Int(parts[1]), n <= 32 else {
                return nil
            }
            length = n
        }
        prefixLength = length
        self.address = IPv4Address(address.value & Self.mask(length))
    }

    /// Whether `candidate` is inside this network.
    public func contains(_ candidate: IPv4Address) -> Bool {
        candidate.value & Self.mask(prefixLength) == address.value
    }

    private static func mask(_ length: Int) -> UInt32 {
        length == 0 ? 0 : UInt32.max << UInt32(32 - length)
    }

    public var description: String { "\(address)/\(prefixLength)" }
}
