/// Hexadecimal text helpers for logs, the codec CLI and tests.
public enum Hex {
    /// Lower-case hex digits of `bytes`, separated by `separator`.
    public static func encode(_ bytes: some Sequence<UInt8>, separator: String = "") -> String {
        var out = ""
        var first = true
        for byte in bytes {
            if !first { out += separator }
            first = false
            out.unicodeScalars.append(Unicode.Scalar(digit(byte >> 4)))
            out.unicodeScalars.append(Unicode.Scalar(digit(byte & 0x0F)))
        }
        return out
    }

    /// Parses hex digits; white space, `:` and `-` between byte pairs and a `0x` prefix on any
    /// pair are ignored. Returns `nil` on any other character or an odd digit count.
    public static func decode(_ text: String) -> [UInt8]? {
        var digits: [UInt8] = []
        let scalars = Array(text.utf8)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == 0x30, i + 1 < scalars.count, scalars[i + 1] | 0x20 == 0x78 {  // "0x"
                i += 2
                continue
            }
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x3A || c == 0x2D || c == 0x2C {
                i += 1
                continue
            }
            guard let v = value(c) else { return nil }
            digits.append(v)
            i += 1
        }
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var j = 0
        while j < digits.count {
            bytes.append(digits[j] << 4 | digits[j + 1])
            j += 2
        }
        return bytes
    }

    /// The value of one ASCII hex digit (either case), or `nil`.
    @inlinable public static func value(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    /// The upper-case ASCII hex digit for a nibble 0–15.
    @inlinable public static func upperDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x41 + nibble - 10
    }

    private static func digit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x61 + nibble - 10
    }
}
