/// Big-endian field helpers shared by the Heliospectra codecs (PROTOCOLS.md §5).
enum HeliospectraBytes {
    /// The big-endian `u16` at `at`.
    @inline(__always)
    static func u16(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt16 {
        UInt16(b[at]) << 8 | UInt16(b[at + 1])
    }

    /// The big-endian `u32` at `at`.
    @inline(__always)
    static func u32(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32 {
        UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }

    /// Appends `value` big-endian.
    @inline(__always)
    static func appendU16(_ value: UInt16, to out: inout [UInt8]) {
        out.append(UInt8(value >> 8))
        out.append(UInt8(truncatingIfNeeded: value))
    }

    /// The four big-endian bytes of `value`.
    @inline(__always)
    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [
            UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8),
            UInt8(truncatingIfNeeded: value),
        ]
    }
}
