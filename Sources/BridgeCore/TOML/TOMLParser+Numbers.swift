/// Integers (decimal, `0x`, `0o`, `0b`, `_` between digits) and floats (fraction, exponent,
/// `inf`, `nan`); dates and times are recognised only to be refused.
extension TOMLParser {
    mutating func parseNumber() throws(TOMLError) -> TOMLValue {
        let start = scanner.position
        if isDigits(0..<4) && scanner.peek(4) == "-" || isDigits(0..<2) && scanner.peek(2) == ":" {
            throw .unsupported("dates and times", at: start)
        }
        var token = String.UnicodeScalarView()
        while let scalar = scanner.peek(), scalar.isBareKeyCharacter || scalar == "+" || scalar == "." {
            token.append(scalar)
            scanner.advance()
        }
        guard let kind = Self.number(String(token)) else {
            throw .syntax("invalid number \(String(token))", at: start)
        }
        switch kind {
        case .integer(let value?): return TOMLValue(.integer(value), at: start)
        case .float(let value): return TOMLValue(.float(value), at: start)
        case .integer(nil): throw .syntax("integer \(String(token)) does not fit in 64 bits", at: start)
        }
    }

    private func isDigits(_ range: Range<Int>) -> Bool {
        range.allSatisfy { scanner.peek($0)?.isASCIIDigit == true }
    }

    enum Number: Equatable {
        /// nil: well-formed but out of range.
        case integer(Int64?)
        case float(Double)
    }

    /// The number a token spells, or nil if it is not a TOML number.
    static func number(_ token: String) -> Number? {
        var body = Substring(token)
        var sign = ""
        if let first = body.first, first == "+" || first == "-" {
            sign = String(first)
            body = body.dropFirst()
        }
        switch body {
        case "inf": return .float(sign == "-" ? -Double.infinity : Double.infinity)
        case "nan": return .float(sign == "-" ? -Double.nan : Double.nan)
        default: break
        }
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where body.hasPrefix(prefix) {
            guard sign.isEmpty, let digits = digits(body.dropFirst(2), radix: radix) else { return nil }
            return .integer(Int64(digits, radix: radix))
        }
        return decimal(sign, body)
    }

    /// `123`, `1_000`, `3.14`, `6e-2`, `1.5E+3` without the sign.
    private static func decimal(_ sign: String, _ body: Substring) -> Number? {
        let fractionStart = body.firstIndex(where: { $0 == "." || $0 == "e" || $0 == "E" }) ?? body.endIndex
        guard let integer = digits(body[..<fractionStart], radix: 10) else { return nil }
        if integer.count > 1 && integer.hasPrefix("0") { return nil }  // leading zeros
        var rest = body[fractionStart...]
        if rest.isEmpty { return .integer(Int64(sign + integer)) }
        var literal = sign + integer
        if rest.first == "." {
            rest = rest.dropFirst()
            let end = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) ?? rest.endIndex
            guard let fraction = digits(rest[..<end], radix: 10) else { return nil }
            literal += "." + fraction
            rest = rest[end...]
        }
        if let marker = rest.first {
            guard marker == "e" || marker == "E" else { return nil }
            rest = rest.dropFirst()
            var exponentSign = ""
            if let first = rest.first, first == "+" || first == "-" {
                exponentSign = String(first)
                rest = rest.dropFirst()
            }
            guard let exponent = digits(rest, radix: 10) else { return nil }
            literal += "e" + exponentSign + exponent
        }
        return Double(literal).map { .float($0) }
    }

    /// The digits without underscores, if `text` is one or more digits of `radix` with single
    /// underscores only between digits.
    private static func digits(_ text: Substring, radix: Int) -> String? {
        guard let first = text.first, let last = text.last, first != "_", last != "_" else { return nil }
        var result = ""
        var previousWasUnderscore = false
        for character in text {
            if character == "_" {
                if previousWasUnderscore { return nil }
                previousWasUnderscore = true
                continue
            }
            guard let value = character.hexDigitValue, value < radix else { return nil }
            previousWasUnderscore = false
            result.append(character)
        }
        return result
    }
}
