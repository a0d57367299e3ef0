/// Writes `ABC321` discovery frames (PROTOCOLS.md §5): header, little-endian data length, data.
public struct HeliospectraDiscoveryEncoder: Sendable {
    /// Limits.
    public let format: HeliospectraDiscoveryFormat

    /// Creates an encoder.
    public init(format: HeliospectraDiscoveryFormat = .standard) {
        self.format = format
    }

    /// The datagram for `frame`; throws when the data is too long, an XML tag or value cannot
    /// be written, or ``HeliospectraDiscoveryMessage/other(command:data:)`` names a known command.
    public func encode(_ frame: HeliospectraDiscoveryFrame) throws(HeliospectraError) -> [UInt8] {
        let data: [UInt8]
        switch frame.message {
        case .query: data = []
        case .info(let info): data = try HeliospectraXML.write(info)
        case .masterAnnounce(let d), .masterRelativePower(let d): data = d
        case .other(let command, let d):
            let known = [
                HeliospectraDiscoveryFormat.queryCommand, HeliospectraDiscoveryFormat.infoCommand,
                HeliospectraDiscoveryFormat.masterAnnounceCommand, HeliospectraDiscoveryFormat.masterRelativePowerCommand,
            ]
            guard !known.contains(command) else { throw .commandHasOwnCase(command) }
            data = d
        }
        guard data.count <= format.validMaxDataLength else {
            throw .frameDataTooLong(length: data.count, max: format.validMaxDataLength)
        }
        var out = HeliospectraDiscoveryFormat.magic
        out.reserveCapacity(HeliospectraDiscoveryFormat.headerLength + data.count)
        out += frame.mac.bytes
        out += [frame.message.command, 0, UInt8(truncatingIfNeeded: data.count), UInt8(truncatingIfNeeded: data.count >> 8)]
        out += data
        return out
    }
}
