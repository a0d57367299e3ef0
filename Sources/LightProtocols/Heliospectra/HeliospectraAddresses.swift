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

extension HeliospectraMAC: JSONTextCodable {
    public init(jsonText text: String) throws(JSONDecodingError) {
        guard let mac = HeliospectraMAC(text) else {
            throw JSONDecodingError(path: "", reason: "'\(text)' is not a MAC address (six hex pairs)")
        }
        self = mac
    }
}
