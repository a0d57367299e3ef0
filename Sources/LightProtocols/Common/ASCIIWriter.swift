/// Writes ASCII text straight into a new array's storage: the encoders' hot path (a LightwaveRF
/// command is written for every PLC frame; BENCHMARKS.md item 9), where `Array.append` paid a
/// uniqueness and capacity check per byte and a temporary array per piece of text. The caller
/// checks every value first, so writing cannot fail; bytes past the capacity are dropped and
/// ``overflowed`` says so.
struct ASCIIWriter {
    private let base: UnsafeMutablePointer<UInt8>?
    private let capacity: Int
    /// Bytes written so far.
    private(set) var count = 0
    /// Whether a write did not fit.
    private(set) var overflowed = false

    private init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        base = buffer.baseAddress
        capacity = buffer.count
    }

    /// An array of what `body` writes, at most `capacity` bytes.
    static func bytes(capacity: Int, _ body: (inout ASCIIWriter) -> Void) -> (bytes: [UInt8], overflowed: Bool) {
        var overflowed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            var writer = ASCIIWriter(buffer)
            body(&writer)
            initialized = writer.count
            overflowed = writer.overflowed
        }
        return (bytes, overflowed)
    }

    /// Writes one byte.
    mutating func byte(_ value: UInt8) {
        guard let base, count < capacity else {
            overflowed = true
            return
        }
        base[count] = value
        count += 1
    }

    /// Writes an ASCII literal.
    mutating func text(_ literal: StaticString) {
        literal.withUTF8Buffer { for value in $0 { byte(value) } }
    }

    /// Writes a string's UTF-8 bytes.
    mutating func text(_ string: String) {
        for value in string.utf8 { byte(value) }
    }

    /// Writes the decimal digits of `value`.
    mutating func decimal(_ value: UInt64) {
        var divisor: UInt64 = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while true {
            byte(0x30 &+ UInt8(rest / divisor))
            rest %= divisor
            if divisor == 1 { return }
            divisor /= 10
        }
    }
}
