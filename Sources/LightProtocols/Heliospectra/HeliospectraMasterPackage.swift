/// One wavelength of a light setting: a wavelength in nanometres and its relative power
/// 0–1000 (PROTOCOLS.md §5; seed 000: "pairs of wavelength and set value (in relative power
/// 0-1000)"). JSON: `{"wavelength":450,"relativePower":100}`.
public struct HeliospectraChannel: Codable, Sendable, Hashable {
    /// Valid relative powers.
    public static let relativePowerRange: ClosedRange<UInt16> = 0...1000
    /// The wavelength in nm.
    public var wavelength: UInt16
    /// Relative power, 0–1000 (checked when encoding and decoding).
    public var relativePower: UInt16

    /// Creates a channel setting.
    public init(wavelength: UInt16, relativePower: UInt16) {
        self.wavelength = wavelength
        self.relativePower = relativePower
    }
}

/// The master light-setting package a master light multicasts on UDP 50632 (seed
/// `000_f8b5ddd0b5e923dc.txt`; PROTOCOLS.md §5).
///
/// Wire layout, big-endian, 24-byte header then the pairs:
/// ```
/// 0  timestamp      u64  rolling counter
/// 8  crc            u32  CRC-32 (see HeliospectraMasterFormat.crcScope)
/// 12 data length    u16  (see HeliospectraMasterFormat.dataLength)
/// 14 command        u16  (HeliospectraMasterFormat.command, default 9)
/// 16 command data   u32  number of wavelengths
/// 20 multicast      4 bytes, the master's multicast group
/// 24 [wavelength u16, relative power u16] × number of wavelengths
/// ```
/// The CRC, data length, command and count fields are derived, not stored: the encoder
/// writes them and the decoder checks them.
///
/// JSON: `{"timestamp":1,"multicast":"239.1.2.3","channels":[{"wavelength":400,"relativePower":100}]}`.
public struct HeliospectraMasterPackage: Codable, Sendable, Hashable {
    /// The rolling counter that orders a master's packages (see ``HeliospectraMasterFilter``).
    public var timestamp: UInt64
    /// The master's multicast group; slaves use it to pick their master's settings.
    public var multicast: IPv4Address
    /// The light setting, one entry per wavelength, in wire order.
    public var channels: [HeliospectraChannel]

    /// Creates a package.
    public init(timestamp: UInt64, multicast: IPv4Address, channels: [HeliospectraChannel]) {
        self.timestamp = timestamp
        self.multicast = multicast
        self.channels = channels
    }
}

/// The settings of the master package's unpublished details (PROTOCOLS.md §5: each is an
/// assumption, *configurable*, with the defaults below).
public struct HeliospectraMasterFormat: Codable, Sendable, Hashable {
    /// What the data length field counts.
    public enum DataLength: String, Codable, Sendable, Hashable {
        /// The bytes of the wavelength pairs only, `4 × count` (default, §5).
        case wavelengthPairs
        /// Every byte after the length field: command, command data, multicast and pairs,
        /// `10 + 4 × count`.
        case bytesAfterLengthField
    }

    /// Which bytes the CRC-32 covers.
    public enum CRCScope: String, Codable, Sendable, Hashable {
        /// Every byte after the CRC field, offset 12 to the end (default, §5).
        case afterCRCField
        /// The whole package with the CRC field taken as four zero bytes.
        case wholePackageWithZeroedCRC
        /// No CRC: the encoder writes zero, the decoder does not check it.
        case unchecked
    }

    /// The UDP port the packages are sent to.
    public static let udpPort = 50632
    /// Bytes before the wavelength pairs.
    public static let headerLength = 24
    /// Default ``maxWavelengthCount``; the LX/RX lights have at most about ten channels.
    public static let defaultMaxWavelengthCount = 64
    /// The largest ``maxWavelengthCount`` a format accepts (the package must fit one datagram).
    public static let maxWavelengthCountLimit = 1024

    /// The light-setting command value (default 9).
    public var command: UInt16
    /// What the data length counts (default ``DataLength/wavelengthPairs``).
    public var dataLength: DataLength
    /// What the CRC covers (default ``CRCScope/afterCRCField``).
    public var crcScope: CRCScope
    /// The most wavelengths a package may carry; bounds the stream decoder's buffer.
    public var maxWavelengthCount: Int

    /// Creates a format; the defaults are the §5 assumptions.
    public init(
        command: UInt16 = 9, dataLength: DataLength = .wavelengthPairs, crcScope: CRCScope = .afterCRCField,
        maxWavelengthCount: Int = defaultMaxWavelengthCount
    ) {
        self.command = command
        self.dataLength = dataLength
        self.crcScope = crcScope
        self.maxWavelengthCount = maxWavelengthCount
    }

    /// The §5 defaults.
    public static let standard = HeliospectraMasterFormat()

    /// The data length field's value for `count` wavelengths.
    public func dataLengthValue(wavelengthCount count: Int) -> Int {
        switch dataLength {
        case .wavelengthPairs: return 4 * count
        case .bytesAfterLengthField: return 10 + 4 * count
        }
    }

    /// The longest package this format allows.
    public var maxPackageLength: Int { Self.headerLength + 4 * validMaxWavelengthCount }

    /// ``maxWavelengthCount`` clamped to 0...``maxWavelengthCountLimit``.
    var validMaxWavelengthCount: Int { min(max(maxWavelengthCount, 0), Self.maxWavelengthCountLimit) }

    /// The CRC of a complete package under ``crcScope`` (bytes 8–11 are ignored).
    func crc(of package: UnsafeBufferPointer<UInt8>) -> UInt32 {
        switch crcScope {
        case .afterCRCField:
            return HeliospectraCRC32.checksum(UnsafeBufferPointer(rebasing: package[12...]))
        case .wholePackageWithZeroedCRC:
            var r = HeliospectraCRC32.update(0xFFFF_FFFF, UnsafeBufferPointer(rebasing: package[0..<8]))
            r = HeliospectraCRC32.update(r, [0, 0, 0, 0] as [UInt8])
            return HeliospectraCRC32.update(r, UnsafeBufferPointer(rebasing: package[12...])) ^ 0xFFFF_FFFF
        case .unchecked:
            return 0
        }
    }
}
