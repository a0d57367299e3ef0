/// CRC-32 as used by the master light-setting package (PROTOCOLS.md §5, assumption: the IEEE
/// 802.3 / zlib CRC): reflected polynomial `0xEDB88320`, initial value and final XOR
/// `0xFFFFFFFF`. Check value: `crc32("123456789") == 0xCBF43926`.
///
/// Table-driven, one table lookup per byte; no Foundation, no zlib.
public enum HeliospectraCRC32 {
    /// The reflected IEEE polynomial.
    public static let polynomial: UInt32 = 0xEDB8_8320

    /// The 256-entry lookup table, built once.
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? polynomial ^ (c >> 1) : c >> 1 }
        return c
    }

    /// The CRC-32 of `bytes`.
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        update(0xFFFF_FFFF, bytes) ^ 0xFFFF_FFFF
    }

    /// Continues a running (not yet final-XORed) register over `bytes`.
    static func update(_ register: UInt32, _ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc = register
        table.withUnsafeBufferPointer { t in
            for b in bytes { crc = t[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
        }
        return crc
    }
}
