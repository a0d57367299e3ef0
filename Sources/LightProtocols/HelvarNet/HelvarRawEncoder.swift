/// Writes HelvarNet raw messages: ten big-endian 32-bit words (PROTOCOLS.md §2; seed
/// `003_689faa0b1f08db2f.txt`, raw format). The seed's example (recall group 1234, block 5,
/// scene 6, fade 32 s) is `0x0001000B 0x000004D2 0 0x00050006 0 0 0 0x00000C80 0 0`.
public struct HelvarRawEncoder: Sendable {
    /// Creates an encoder.
    public init() {}

    /// The 40 wire bytes of `message`; throws when a value is out of range, a required field
    /// is zero, or a word the command does not use is set.
    public func encode(_ message: HelvarRawMessage) throws(HelvarError) -> [UInt8] {
        if let a = message.address, a.subdevice != nil {
            throw .notRepresentableInRaw("sub-device address \(a)")
        }
        guard message.version <= 0x7F else {
            throw .valueOutOfRange(field: "version", value: Int64(message.version), range: 1...2)
        }
        let words = message.words
        let checked = try HelvarRawMessage(words: words)
        guard checked == message else {
            throw .notRepresentableInRaw("\(message.command.name) fields do not survive the raw layout")
        }
        var out: [UInt8] = []
        out.reserveCapacity(HelvarRawMessage.byteCount)
        for w in words {
            out.append(UInt8(w >> 24))
            out.append(UInt8(truncatingIfNeeded: w >> 16))
            out.append(UInt8(truncatingIfNeeded: w >> 8))
            out.append(UInt8(truncatingIfNeeded: w))
        }
        return out
    }
}
