/// One component of a dotted key, unquoted, with where it is written.
struct TOMLKeyPart {
    var name: String
    var position: TOMLPosition
}

extension TOMLParser {
    /// A bare, quoted or dotted key (whitespace around the dots allowed).
    mutating func parseKey() throws(TOMLError) -> [TOMLKeyPart] {
        var parts: [TOMLKeyPart] = []
        while true {
            scanner.skipWhitespace()
            let position = scanner.position
            let name: String
            switch scanner.peek() {
            case "\"": name = try parseBasicString()
            case "'": name = try parseLiteralString()
            case let scalar? where scalar.isBareKeyCharacter:
                var text = String.UnicodeScalarView()
                while let scalar = scanner.peek(), scalar.isBareKeyCharacter {
                    text.append(scalar)
                    scanner.advance()
                }
                name = String(text)
            default:
                throw .syntax("expected a key, found \(scanner.describeNext())", at: position)
            }
            parts.append(TOMLKeyPart(name: name, position: position))
            scanner.skipWhitespace()
            guard scanner.peek() == "." else { return parts }
            scanner.advance()
        }
    }

    /// A dotted key for messages, components quoted where a bare key could not say them.
    static func render(_ path: [String]) -> String {
        path.map { name in
            if !name.isEmpty && name.unicodeScalars.allSatisfy(\.isBareKeyCharacter) { return name }
            var quoted = "\""
            for scalar in name.unicodeScalars {
                switch scalar {
                case "\"": quoted += "\\\""
                case "\\": quoted += "\\\\"
                case _ where scalar.isTOMLControl || scalar == "\t": quoted += "\\u" + scalar.codeText.dropFirst(2)
                default: quoted.unicodeScalars.append(scalar)
                }
            }
            return quoted + "\""
        }.joined(separator: ".")
    }
}
