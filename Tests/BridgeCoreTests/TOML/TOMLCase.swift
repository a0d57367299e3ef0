import BridgeCore
import Testing

/// One golden case: a document and either its value, written compactly (see ``render``), or
/// the exact error.
struct TOMLCase: Sendable, CustomTestStringConvertible {
    enum Expected: Sendable {
        case value(String)
        case error(TOMLError)
    }

    var toml: String
    var expected: Expected
    var testDescription: String { toml.debugDescription }

    /// Parses and compares.
    func check(sourceLocation: SourceLocation = #_sourceLocation) {
        let outcome = Result { () throws(TOMLError) in try TOMLTable(parsing: toml) }
        switch (expected, outcome) {
        case (.value(let text), .success(let table)):
            #expect(render(table) == text, sourceLocation: sourceLocation)
        case (.error(let error), .failure(let thrown)):
            #expect(thrown == error, sourceLocation: sourceLocation)
        case (.value, .failure(let thrown)):
            Issue.record("rejected: \(thrown)", sourceLocation: sourceLocation)
        case (.error(let error), .success(let table)):
            Issue.record("accepted as \(render(table)), expected \(error)", sourceLocation: sourceLocation)
        }
    }
}

/// An accepted document and its value.
func ok(_ toml: String, _ value: String) -> TOMLCase { TOMLCase(toml: toml, expected: .value(value)) }
/// A rejected document and its exact error.
func bad(_ toml: String, _ error: TOMLError) -> TOMLCase { TOMLCase(toml: toml, expected: .error(error)) }
/// A position.
func at(_ line: Int, _ column: Int) -> TOMLPosition { TOMLPosition(line: line, column: column) }

/// A compact text for a value: `{a: 1, b: [true, "x\n"], c: 1.5}`. Keys in document order,
/// strings as Swift literals, floats as Swift prints them (always with `.`, `e`, `inf` or
/// `nan`, so they cannot be mistaken for integers; a NaN's sign shown).
func render(_ table: TOMLTable) -> String {
    "{"
        + table.entries.map { entry in
            let bare =
                !entry.key.isEmpty
                && entry.key.unicodeScalars.allSatisfy {
                    $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-")
                }
            return (bare ? entry.key : entry.key.debugDescription) + ": " + render(entry.value)
        }.joined(separator: ", ") + "}"
}

func render(_ value: TOMLValue) -> String {
    switch value.kind {
    case .string(let text): return text.debugDescription
    case .integer(let number): return String(number)
    case .float(let number) where number.isNaN: return number.sign == .minus ? "-nan" : "nan"
    case .float(let number): return number.description
    case .bool(let flag): return flag ? "true" : "false"
    case .array(let elements): return "[" + elements.map(render).joined(separator: ", ") + "]"
    case .table(let table): return render(table)
    }
}
