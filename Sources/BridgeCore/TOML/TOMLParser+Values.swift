/// Values: the dispatch on the first character, booleans, arrays and inline tables.
extension TOMLParser {
    /// The value at the cursor. `depth` is how deep it nests (tables and arrays above it);
    /// `path` names it in messages.
    mutating func parseValue(depth: Int, path: [String]) throws(TOMLError) -> TOMLValue {
        let start = scanner.position
        switch scanner.peek() {
        case "\"":
            let text = scanner.looksAt("\"\"\"") ? try parseMultilineBasicString() : try parseBasicString()
            return TOMLValue(.string(text), at: start)
        case "'":
            let text = scanner.looksAt("'''") ? try parseMultilineLiteralString() : try parseLiteralString()
            return TOMLValue(.string(text), at: start)
        case "t" where scanner.looksAt("true"):
            scanner.advance(4)
            return TOMLValue(.bool(true), at: start)
        case "f" where scanner.looksAt("false"):
            scanner.advance(5)
            return TOMLValue(.bool(false), at: start)
        case "[": return try parseArray(depth: depth, path: path)
        case "{": return try parseInlineTable(depth: depth, path: path)
        case let scalar? where scalar == "+" || scalar == "-" || scalar == "i" || scalar == "n" || scalar.isASCIIDigit:
            return try parseNumber()
        default:
            throw .syntax("expected a value, found \(scanner.describeNext())", at: start)
        }
    }

    /// `[ value, value, ]` over any number of lines, with comments.
    private mutating func parseArray(depth: Int, path: [String]) throws(TOMLError) -> TOMLValue {
        let start = scanner.position
        try checkDepth(depth, at: start)
        scanner.advance()
        var elements: [TOMLValue] = []
        while true {
            try scanner.skipBlank()
            if scanner.peek() == "]" { break }
            elements.append(try parseValue(depth: depth + 1, path: path))
            try scanner.skipBlank()
            if scanner.peek() == "," {
                scanner.advance()
            } else if scanner.peek() != "]" {
                throw .syntax("expected ',' or ']' in the array, found \(scanner.describeNext())", at: scanner.position)
            }
        }
        scanner.advance()
        return TOMLValue(.array(elements), at: start)
    }

    /// `{ key = value, a.b = value }` on one line (values may span lines), no trailing comma.
    private mutating func parseInlineTable(depth: Int, path: [String]) throws(TOMLError) -> TOMLValue {
        let start = scanner.position
        try checkDepth(depth, at: start)
        scanner.advance()
        let node = TOMLTableNode(.header, at: start, depth: depth)
        let section = newSection()
        scanner.skipWhitespace()
        if scanner.peek() == "}" {
            scanner.advance()
            return TOMLValue(.table(node.table()), at: start)
        }
        while true {
            try parseKeyValue(into: node, section: section, path: path)
            scanner.skipWhitespace()
            if scanner.peek() == "}" { break }
            guard scanner.peek() == "," else {
                throw .syntax("expected ',' or '}' in the inline table, found \(scanner.describeNext())", at: scanner.position)
            }
            scanner.advance()
            scanner.skipWhitespace()
            if scanner.peek() == "}" {
                throw .syntax("trailing comma in an inline table", at: scanner.position)
            }
        }
        scanner.advance()
        return TOMLValue(.table(node.table()), at: start)
    }

    private func checkDepth(_ depth: Int, at position: TOMLPosition) throws(TOMLError) {
        guard depth < TOMLTableNode.maximumDepth else {
            throw .syntax("values nest deeper than \(TOMLTableNode.maximumDepth) levels", at: position)
        }
    }
}

extension Unicode.Scalar {
    var isASCIIDigit: Bool { value >= 0x30 && value <= 0x39 }
}
