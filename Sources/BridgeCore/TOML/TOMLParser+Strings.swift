/// The four kinds of string: basic `"…"` (escapes), literal `'…'`, and their multi-line forms
/// `"""…"""` and `'''…'''` (a newline right after the opening is dropped).
extension TOMLParser {
    /// `"…"` on one line, with escapes.
    mutating func parseBasicString() throws(TOMLError) -> String {
        let start = scanner.position
        scanner.advance()
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = scanner.peek(), scalar != "\n", !(scalar == "\r" && scanner.peek(1) == "\n") else {
                throw .syntax("unterminated string", at: start)
            }
            switch scalar {
            case "\"":
                scanner.advance()
                return String(text)
            case "\\": text.append(try parseEscape())
            default:
                try checkStringCharacter(scalar)
                text.append(scalar)
                scanner.advance()
            }
        }
    }

    /// `'…'` on one line, taken as written.
    mutating func parseLiteralString() throws(TOMLError) -> String {
        let start = scanner.position
        scanner.advance()
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = scanner.peek(), scalar != "\n", !(scalar == "\r" && scanner.peek(1) == "\n") else {
                throw .syntax("unterminated string", at: start)
            }
            scanner.advance()
            if scalar == "'" { return String(text) }
            try checkStringCharacter(scalar, at: scanner.position.movedBack)
            text.append(scalar)
        }
    }

    /// `"""…"""`: escapes, newlines, and a backslash at a line's end that swallows the line
    /// break and the whitespace after it.
    mutating func parseMultilineBasicString() throws(TOMLError) -> String {
        try parseMultiline(quote: "\"", escapes: true)
    }

    /// `'''…'''`: newlines, no escapes.
    mutating func parseMultilineLiteralString() throws(TOMLError) -> String {
        try parseMultiline(quote: "'", escapes: false)
    }

    /// The body of a multi-line string, up to and including the closing quotes (of which up to
    /// two more may belong to the text).
    private mutating func parseMultiline(quote: Unicode.Scalar, escapes: Bool) throws(TOMLError) -> String {
        let start = scanner.position
        scanner.advance(3)
        _ = scanner.skipNewline()
        var text = String.UnicodeScalarView()
        while let scalar = scanner.peek() {
            if scalar == quote {
                var run = 0
                while scanner.peek() == quote {
                    run += 1
                    scanner.advance()
                }
                guard run >= 3 else {
                    text.append(contentsOf: repeatElement(quote, count: run))
                    continue
                }
                guard run <= 5 else {
                    throw .syntax("too many quotes at the end of a multi-line string", at: scanner.position.movedBack)
                }
                text.append(contentsOf: repeatElement(quote, count: run - 3))
                return String(text)
            }
            if scalar == "\\" && escapes {
                if !skipLineEndingBackslash() { text.append(try parseEscape()) }
            } else if scanner.skipNewline() {
                text.append("\n")
            } else {
                try checkStringCharacter(scalar)
                text.append(scalar)
                scanner.advance()
            }
        }
        throw .syntax("unterminated multi-line string", at: start)
    }

    /// `\` + optional spaces + a newline: skips it and all whitespace and newlines after it.
    private mutating func skipLineEndingBackslash() -> Bool {
        var offset = 1
        while scanner.peek(offset) == " " || scanner.peek(offset) == "\t" { offset += 1 }
        guard scanner.peek(offset) == "\n" || (scanner.peek(offset) == "\r" && scanner.peek(offset + 1) == "\n") else {
            return false
        }
        scanner.advance(offset)
        while true {
            if scanner.peek() == " " || scanner.peek() == "\t" {
                scanner.advance()
            } else if !scanner.skipNewline() {
                return true
            }
        }
    }

    /// One escape sequence at the cursor (on the backslash).
    private mutating func parseEscape() throws(TOMLError) -> Unicode.Scalar {
        let start = scanner.position
        scanner.advance()
        guard let letter = scanner.peek() else { throw .syntax("unterminated string", at: start) }
        scanner.advance()
        switch letter {
        case "b": return "\u{08}"
        case "t": return "\t"
        case "n": return "\n"
        case "f": return "\u{0C}"
        case "r": return "\r"
        case "\"": return "\""
        case "\\": return "\\"
        case "u", "U":
            let count = letter == "u" ? 4 : 8
            var value: UInt32 = 0
            for _ in 0..<count {
                guard let digit = scanner.peek().flatMap(\.hexDigitValue) else {
                    throw .syntax("\\\(letter) needs \(count) hexadecimal digits", at: start)
                }
                value = value << 4 | UInt32(digit)
                scanner.advance()
            }
            guard let scalar = Unicode.Scalar(value) else {
                throw .syntax("\\\(letter) escape \(Unicode.Scalar.hexText(value)) is not a Unicode scalar value", at: start)
            }
            return scalar
        default:
            if letter.isTOMLControl { throw .syntax("invalid escape: backslash before \(letter.codeText)", at: start) }
            throw .syntax("invalid escape \\\(letter)", at: start)
        }
    }

    /// Rejects the control characters TOML forbids in strings.
    private func checkStringCharacter(_ scalar: Unicode.Scalar, at position: TOMLPosition? = nil) throws(TOMLError) {
        if scalar.isTOMLControl {
            throw .syntax("control character \(scalar.codeText) in a string", at: position ?? scanner.position)
        }
    }
}

extension TOMLPosition {
    /// One column to the left (the character just consumed, on the same line).
    var movedBack: TOMLPosition { TOMLPosition(line: line, column: column - 1) }
}

extension Unicode.Scalar {
    /// 0–15 for `0-9 A-F a-f`.
    var hexDigitValue: UInt32? {
        switch value {
        case 0x30...0x39: return value - 0x30
        case 0x41...0x46: return value - 0x41 + 10
        case 0x61...0x66: return value - 0x61 + 10
        default: return nil
        }
    }

    /// `U+D800` for any 32-bit value.
    static func hexText(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `U+000D`.
    var codeText: String { Self.hexText(value) }
}
