/// Which LightwaveRF Link hardware answered (seed 004 "Introduction"; PROTOCOLS.md §3).
///
/// Both models speak the same protocol; the LW500 has a two-line screen, the LW930 has none
/// and ignores screen lines. JSON: `"lw500"` or `"lw930"`.
public enum LightwaveLinkModel: String, CaseIterable, Codable, Sendable, Hashable {
    /// WiFiLink with a blue LCD screen: firmware `V…`/`U…`, MAC `74:0A:BC:0x:…`.
    case lw500
    /// Lightwave Link without a screen: firmware `N…`, MAC `74:0A:BC:2x:…`.
    case lw930

    /// The model a firmware version names by its first letter: `N` = LW930, `V` or `U` = LW500
    /// (e.g. `N2.92C`, `V2.92A`, `U2.93E`); `nil` for any other text.
    public init?(firmware: String) {
        switch firmware.utf8.first {
        case UInt8(ascii: "N"): self = .lw930
        case UInt8(ascii: "V"), UInt8(ascii: "U"): self = .lw500
        default: return nil
        }
    }

    /// The model a MAC address names by its fourth octet: `0x` = LW500, `2x` = LW930.
    ///
    /// Accepts a full address (`74:0A:BC:20:56:78`, which must start with the Link prefix
    /// `74:0A:BC`), the last three octets as the JSON events print them (`03:34:BC`) or as a
    /// selector writes them (`205678`); either case, `:` or `-` separators. `nil` otherwise.
    public init?(mac: String) {
        guard let octets = LightwaveLinkSelector.octets(of: mac) else { return nil }
        let fourth: UInt8
        if octets.count == 6 {
            guard octets[0] == 0x74, octets[1] == 0x0A, octets[2] == 0xBC else { return nil }
            fourth = octets[3]
        } else if octets.count == 3 {
            fourth = octets[0]
        } else {
            return nil
        }
        self.init(fourthOctet: fourth)
    }

    /// The model a MAC address's fourth octet names (`0x` = LW500, `2x` = LW930).
    public init?(fourthOctet: UInt8) {
        switch fourthOctet >> 4 {
        case 0: self = .lw500
        case 2: self = .lw930
        default: return nil
        }
    }
}

/// The `:<last 3 MAC octets>,` prefix that addresses one Link when several share a network
/// (seed 004 "Example Interactions": `:205678,123,!R1D1F1`; PROTOCOLS.md §3).
///
/// The wire form is six hex digits; the decoder accepts either case and the encoder writes
/// upper case, as the Link prints its MAC. JSON: the six hex digits as a string, `"205678"`.
public struct LightwaveLinkSelector: Sendable, Hashable, JSONTextCodable, CustomStringConvertible {
    /// The last three MAC octets as one number, `0x000000`…`0xFFFFFF`.
    public let value: UInt32

    /// The selector for the last three octets `value` (only its low 24 bits are used).
    public init(_ value: UInt32) {
        self.value = value & 0xFF_FFFF
    }

    /// The selector for six hex digits (`"205678"`), or for a MAC address written with `:`/`-`
    /// (`74:0A:BC:20:56:78` or `20:56:78`); `nil` for anything else.
    public init?(_ text: String) {
        guard let octets = Self.octets(of: text), octets.count == 3 || octets.count == 6 else { return nil }
        let last = octets.suffix(3)
        self.init(last.reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
    }

    /// The three octets, first (the model octet) first.
    public var octets: [UInt8] { [UInt8(value >> 16), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)] }

    /// The six upper-case hex digits the wire carries.
    public var hexText: String { Hex.encode(octets).uppercased() }

    /// The Link model this selector addresses, when its first octet tells (§3).
    public var model: LightwaveLinkModel? { LightwaveLinkModel(fourthOctet: octets[0]) }

    public var description: String { hexText }

    /// Octets of a hex MAC text: pairs of hex digits, optionally separated by `:` or `-`.
    static func octets(of text: String) -> [UInt8]? {
        var octets: [UInt8] = []
        var high: UInt8? = nil
        for c in text.utf8 {
            if c == UInt8(ascii: ":") || c == UInt8(ascii: "-") {
                guard high == nil else { return nil }
                continue
            }
            guard let v = Hex.value(c) else { return nil }
            if let h = high {
                octets.append(h << 4 | v)
                high = nil
            } else {
                high = v
            }
            guard octets.count <= 6 else { return nil }
        }
        guard high == nil, !octets.isEmpty else { return nil }
        return octets
    }

    public init(jsonText text: String) throws(JSONDecodingError) {
        guard let selector = LightwaveLinkSelector(text) else {
            throw JSONDecodingError(path: "", reason: "'\(text)' is not six hex digits or a MAC address")
        }
        self = selector
    }

    /// JSON carries the six hex digits.
    public var jsonText: String { hexText }
}
