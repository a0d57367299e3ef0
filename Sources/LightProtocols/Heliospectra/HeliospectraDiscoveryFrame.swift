/// A discovery/configuration frame on UDP 50632 (PROTOCOLS.md §5; seed
/// `000_f8b5ddd0b5e923dc.txt`, "UDP discovery protocol").
///
/// Wire layout, 16-byte header then data:
/// ```
/// 0  "ABC321"  6 ASCII bytes
/// 6  MAC       6 bytes (FF FF FF FF FF FF = every light)
/// 12 command   1 byte
/// 13 0x00      1 byte (the decoder rejects anything else)
/// 14 length    u16 LITTLE-endian, bytes of data
/// 16 data
/// ```
/// JSON: a flat object with the `mac` and a `type` discriminator, e.g.
/// `{"mac":"ff:ff:ff:ff:ff:ff","type":"query"}`.
public struct HeliospectraDiscoveryFrame: Sendable, Hashable {
    /// The addressed light (a query) or the sending light (a reply).
    public var mac: HeliospectraMAC
    /// The command and its data.
    public var message: HeliospectraDiscoveryMessage

    /// Creates a frame.
    public init(mac: HeliospectraMAC, message: HeliospectraDiscoveryMessage) {
        self.mac = mac
        self.message = message
    }
}

/// The command of a discovery frame and its data (PROTOCOLS.md §5).
///
/// The layouts of commands 8 and 9 are not public, so their data is kept as raw bytes.
/// Command numbers other than 0, 6, 8 and 9 are **kept**, not rejected, as
/// ``other(command:data:)``: the port is shared with the master packages and with firmware
/// versions that may add commands, and a listener should log them rather than fail.
public enum HeliospectraDiscoveryMessage: Sendable, Hashable {
    /// Command 0: who is there? (no data; data on a query is rejected).
    case query
    /// Command 6: a light's description, XML from offset 16.
    case info(HeliospectraDeviceInfo)
    /// Command 8: master announce (raw data).
    case masterAnnounce(data: [UInt8])
    /// Command 9: master relative power (raw data).
    case masterRelativePower(data: [UInt8])
    /// Any other command number, data kept raw.
    case other(command: UInt8, data: [UInt8])

    /// The command byte.
    public var command: UInt8 {
        switch self {
        case .query: return HeliospectraDiscoveryFormat.queryCommand
        case .info: return HeliospectraDiscoveryFormat.infoCommand
        case .masterAnnounce: return HeliospectraDiscoveryFormat.masterAnnounceCommand
        case .masterRelativePower: return HeliospectraDiscoveryFormat.masterRelativePowerCommand
        case .other(let command, _): return command
        }
    }
}

/// Constants and limits of the discovery frames (PROTOCOLS.md §5).
public struct HeliospectraDiscoveryFormat: Codable, Sendable, Hashable {
    /// `ABC321`.
    public static let magic: [UInt8] = Array("ABC321".utf8)
    /// Bytes before the data.
    public static let headerLength = 16
    /// The UDP port.
    public static let udpPort = 50632
    /// Command numbers.
    public static let queryCommand: UInt8 = 0, infoCommand: UInt8 = 6, masterAnnounceCommand: UInt8 = 8,
        masterRelativePowerCommand: UInt8 = 9
    /// Default ``maxDataLength``: a UDP payload in one Ethernet frame (1472) less the header.
    public static let defaultMaxDataLength = 1456

    /// The longest data accepted; bounds the stream decoder's buffer.
    public var maxDataLength: Int

    /// Creates a format.
    public init(maxDataLength: Int = defaultMaxDataLength) {
        self.maxDataLength = maxDataLength
    }

    /// The defaults.
    public static let standard = HeliospectraDiscoveryFormat()

    /// ``maxDataLength`` clamped to what the u16 length field can hold.
    var validMaxDataLength: Int { min(max(maxDataLength, 0), Int(UInt16.max)) }
}

extension HeliospectraDiscoveryFrame: Codable {
    private enum Keys: String, CodingKey { case mac, elements, data, command }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        mac = try c.decode(HeliospectraMAC.self, forKey: .mac)
        let tag = try decoder.container(keyedBy: TypeKey.self).decode(String.self, forKey: .type)
        func data() throws -> [UInt8] {
            let text = try c.decode(String.self, forKey: .data)
            guard let bytes = Hex.decode(text) else { throw JSONDecodingError(path: "data", reason: "'\(text)' is not hex") }
            return bytes
        }
        switch tag {
        case "query": message = .query
        case "info":
            message = .info(HeliospectraDeviceInfo(elements: try c.decode([HeliospectraXMLElement].self, forKey: .elements)))
        case "masterAnnounce": message = .masterAnnounce(data: try data())
        case "masterRelativePower": message = .masterRelativePower(data: try data())
        case "other": message = .other(command: try c.decode(UInt8.self, forKey: .command), data: try data())
        default:
            throw JSONDecodingError(
                path: "type", reason: "unknown discovery frame '\(tag)' (query, info, masterAnnounce, masterRelativePower, other)"
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(mac, forKey: .mac)
        var tag = encoder.container(keyedBy: TypeKey.self)
        switch message {
        case .query:
            try tag.encode("query", forKey: .type)
        case .info(let info):
            try tag.encode("info", forKey: .type)
            try c.encode(info.elements, forKey: .elements)
        case .masterAnnounce(let data):
            try tag.encode("masterAnnounce", forKey: .type)
            try c.encode(Hex.encode(data), forKey: .data)
        case .masterRelativePower(let data):
            try tag.encode("masterRelativePower", forKey: .type)
            try c.encode(Hex.encode(data), forKey: .data)
        case .other(let command, let data):
            try tag.encode("other", forKey: .type)
            try c.encode(command, forKey: .command)
            try c.encode(Hex.encode(data), forKey: .data)
        }
    }
}
