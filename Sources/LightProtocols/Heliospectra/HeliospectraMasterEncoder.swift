/// Writes master light-setting packages (seed `000_f8b5ddd0b5e923dc.txt`; PROTOCOLS.md §5):
/// the 24-byte big-endian header with the derived data length, command, wavelength count and
/// CRC-32, then the wavelength pairs.
public struct HeliospectraMasterEncoder: Sendable {
    /// The settings for the unpublished details.
    public let format: HeliospectraMasterFormat

    /// Creates an encoder.
    public init(format: HeliospectraMasterFormat = .standard) {
        self.format = format
    }

    /// The datagram for `package`; throws when it has more wavelengths than the format allows
    /// or a relative power above 1000.
    public func encode(_ package: HeliospectraMasterPackage) throws(HeliospectraError) -> [UInt8] {
        let count = package.channels.count
        guard count <= format.validMaxWavelengthCount else {
            throw .tooManyWavelengths(count: UInt32(truncatingIfNeeded: count), max: format.validMaxWavelengthCount)
        }
        for channel in package.channels where channel.relativePower > HeliospectraChannel.relativePowerRange.upperBound {
            throw .relativePowerOutOfRange(wavelength: channel.wavelength, value: channel.relativePower)
        }
        var out: [UInt8] = []
        out.reserveCapacity(HeliospectraMasterFormat.headerLength + 4 * count)
        for shift in stride(from: 56, through: 0, by: -8) {
            out.append(UInt8(truncatingIfNeeded: package.timestamp >> UInt64(shift)))
        }
        out += [0, 0, 0, 0]
        HeliospectraBytes.appendU16(UInt16(format.dataLengthValue(wavelengthCount: count)), to: &out)
        HeliospectraBytes.appendU16(format.command, to: &out)
        out += HeliospectraBytes.bigEndian(UInt32(count))
        out += HeliospectraBytes.bigEndian(package.multicast.value)
        for channel in package.channels {
            HeliospectraBytes.appendU16(channel.wavelength, to: &out)
            HeliospectraBytes.appendU16(channel.relativePower, to: &out)
        }
        let crc = out.withUnsafeBufferPointer { format.crc(of: $0) }
        out.replaceSubrange(8..<12, with: HeliospectraBytes.bigEndian(crc))
        return out
    }
}
