/// Parses a TOML 1.0 document (without dates and times) into a ``TOMLTable``. The document
/// level lives here: expressions, one per line, and the current table section.
struct TOMLParser {
    var scanner: TOMLScanner
    let root = TOMLTableNode(.header, at: TOMLPosition(line: 1, column: 1), depth: 0)
    /// The table key/value lines go into: the root, then the last header's table.
    var current: TOMLTableNode
    /// The last header's key, for messages.
    var currentPath: [String] = []
    /// Counts sections (the root, each header, each inline table): dotted keys may only add
    /// to tables made by dotted keys in the same section.
    var section = 0
    private var sectionCount = 0

    init(_ text: String) {
        scanner = TOMLScanner(text)
        current = root
    }

    mutating func parseDocument() throws(TOMLError) -> TOMLTable {
        while true {
            try scanner.skipBlank()
            guard let next = scanner.peek() else { break }
            if next == "[" {
                try parseHeader()
                try scanner.expectEndOfLine(after: "a table header")
            } else {
                try parseKeyValue(into: current, section: section, path: currentPath)
                try scanner.expectEndOfLine(after: "a value")
            }
        }
        return root.table()
    }

    /// `[a.b]` or `[[a.b]]`: makes its table the current one.
    private mutating func parseHeader() throws(TOMLError) {
        let start = scanner.position
        scanner.advance()
        let isArray = scanner.peek() == "["
        if isArray { scanner.advance() }
        let key = try parseKey()
        scanner.skipWhitespace()
        for _ in 0..<(isArray ? 2 : 1) {
            guard scanner.peek() == "]" else {
                throw .syntax(
                    "expected '\(isArray ? "]]" : "]")' to close the table header, found \(scanner.describeNext())",
                    at: scanner.position)
            }
            scanner.advance()
        }
        section = newSection()
        current = try defineTable(key, isArray: isArray, at: start)
        currentPath = key.map(\.name)
    }

    /// A section number no other section has.
    mutating func newSection() -> Int {
        sectionCount += 1
        return sectionCount
    }

    /// `key = value`, inserted into `table`.
    mutating func parseKeyValue(into table: TOMLTableNode, section: Int, path: [String]) throws(TOMLError) {
        let key = try parseKey()
        scanner.skipWhitespace()
        guard scanner.peek() == "=" else {
            throw .syntax("expected '=' after the key, found \(scanner.describeNext())", at: scanner.position)
        }
        scanner.advance()
        scanner.skipWhitespace()
        let value = try parseValue(depth: table.depth + key.count, path: path + key.map(\.name))
        try insert(value, at: key, into: table, section: section, path: path)
    }
}
