/// Small ASCII helpers shared by the text protocols (no Foundation).
public enum ASCII {
    /// Whether `byte` is a decimal digit.
    @inlinable public static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Whether `byte` is printable ASCII (space to `~`).
    @inlinable public static func isPrintable(_ byte: UInt8) -> Bool { byte >= 0x20 && byte <= 0x7E }

    /// Parses an unsigned decimal number of at most `maxDigits` digits with no sign or space.
    /// Returns `nil` for anything else, including an empty slice.
    public static func parseUnsigned(_ bytes: some Collection<UInt8>, maxDigits: Int = 18) -> UInt64? {
        guard !bytes.isEmpty, bytes.count <= maxDigits else { return nil }
        var value: UInt64 = 0
        for b in bytes {
            guard isDigit(b) else { return nil }
            value = value * 10 + UInt64(b - 0x30)
        }
        return value
    }

    /// Parses a signed decimal number (optional leading `-` or `+`) of at most 18 digits.
    public static func parseSigned(_ text: Substring) -> Int64? {
        var bytes = text.utf8[...]
        var negative = false
        if let first = bytes.first, first == 0x2D || first == 0x2B {
            negative = first == 0x2D
            bytes = bytes.dropFirst()
        }
        guard let magnitude = parseUnsigned(bytes) else { return nil }
        return negative ? -Int64(magnitude) : Int64(magnitude)
    }

    /// A string for logs: printable ASCII kept, everything else shown as `\xNN`.
    public static func escaped(_ bytes: some Sequence<UInt8>) -> String {
        var out = ""
        for b in bytes {
            if isPrintable(b) && b != 0x5C {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else if b == 0x5C {
                out += "\\\\"
            } else {
                out += "\\x" + Hex.encode([b]).uppercased()
            }
        }
        return out
    }
}
