/// A cursor over a document's Unicode scalars that keeps track of line and column, and skips
/// the things TOML allows between tokens.
struct TOMLScanner {
    private let scalars: [Unicode.Scalar]
    private(set) var index = 0
    private var line = 1
    private var lineStart = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" {  // a byte-order mark is not part of the document
            index = 1
            lineStart = 1
        }
    }

    var position: TOMLPosition { TOMLPosition(line: line, column: index - lineStart + 1) }
    var atEnd: Bool { index >= scalars.count }

    /// The scalar `offset` places ahead, or nil past the end.
    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    /// Whether the text at the cursor starts with `text` (ASCII).
    func looksAt(_ text: String) -> Bool {
        var offset = 0
        for scalar in text.unicodeScalars {
            guard peek(offset) == scalar else { return false }
            offset += 1
        }
        return true
    }

    mutating func advance(_ count: Int = 1) {
        for _ in 0..<count where index < scalars.count {
            if scalars[index] == "\n" {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
    }

    /// Skips spaces and tabs.
    mutating func skipWhitespace() {
        while let scalar = peek(), scalar == " " || scalar == "\t" { advance() }
    }

    /// Whether a newline (LF or CRLF) is at the cursor; consumes it if so.
    mutating func skipNewline() -> Bool {
        if peek() == "\n" {
            advance()
            return true
        }
        if peek() == "\r" && peek(1) == "\n" {
            advance(2)
            return true
        }
        return false
    }

    /// Skips a `#` comment up to (not including) the end of its line.
    mutating func skipComment() throws(TOMLError) {
        guard peek() == "#" else { return }
        advance()
        while let scalar = peek(), scalar != "\n" {
            if scalar == "\r" && peek(1) == "\n" { return }
            if scalar.isTOMLControl { throw .syntax("control character \(scalar.codeText) in a comment", at: position) }
            advance()
        }
    }

    /// Skips whitespace, comments and newlines (inside arrays, between expressions).
    mutating func skipBlank() throws(TOMLError) {
        while true {
            skipWhitespace()
            try skipComment()
            if !skipNewline() { return }
        }
    }

    /// Ends an expression: optional whitespace and comment, then a newline or the end.
    mutating func expectEndOfLine(after what: String) throws(TOMLError) {
        skipWhitespace()
        try skipComment()
        guard atEnd || skipNewline() else {
            throw .syntax("expected a newline after \(what), found \(describeNext())", at: position)
        }
    }

    /// The next scalar for a message: `'x'`, `U+000D` (for what cannot be seen), `end of line`
    /// or `end of file`.
    func describeNext() -> String {
        guard let scalar = peek() else { return "end of file" }
        if scalar == "\n" || (scalar == "\r" && peek(1) == "\n") { return "end of line" }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .spaceSeparator, .lineSeparator,
            .paragraphSeparator:
            return scalar.codeText
        default: return "'\(scalar)'"
        }
    }
}

extension Unicode.Scalar {
    /// Control characters TOML forbids in strings and comments: all C0 controls but tab,
    /// and DEL (newlines are handled by the callers).
    var isTOMLControl: Bool { (value < 0x20 && value != 0x09) || value == 0x7F }

    /// A character allowed in a bare key: `A-Z a-z 0-9 _ -`.
    var isBareKeyCharacter: Bool {
        switch value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F, 0x2D: return true
        default: return false
        }
    }
}
