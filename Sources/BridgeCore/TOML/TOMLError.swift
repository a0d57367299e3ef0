/// Why a text is not a TOML document this parser accepts. Every case carries the position of
/// the offending character or key; ``message`` is one line without it.
public enum TOMLError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Not TOML at all here (a stray character, a bad escape, an unterminated string, a number
    /// with a leading zero …).
    case syntax(String, at: TOMLPosition)
    /// The key (a dotted path) is given a value twice.
    case duplicateKey(String, at: TOMLPosition)
    /// A table already defined (by a `[header]`, by dotted keys or inline) is defined again.
    case redefinedTable(String, at: TOMLPosition)
    /// A key is used as a table but holds a value or an array of tables.
    case notATable(String, at: TOMLPosition)
    /// Keys added to an inline table after its closing brace.
    case closedInlineTable(String, at: TOMLPosition)
    /// Valid TOML this parser does not support (local or offset dates and times).
    case unsupported(String, at: TOMLPosition)

    /// Where the problem is.
    public var position: TOMLPosition {
        switch self {
        case .syntax(_, let at), .duplicateKey(_, let at), .redefinedTable(_, let at), .notATable(_, let at),
            .closedInlineTable(_, let at), .unsupported(_, let at):
            return at
        }
    }

    /// The problem in one line, without the position.
    public var message: String {
        switch self {
        case .syntax(let text, _): return text
        case .duplicateKey(let key, _): return "duplicate key \(key)"
        case .redefinedTable(let key, _): return "table \(key) is defined more than once"
        case .notATable(let key, _): return "\(key) is not a table"
        case .closedInlineTable(let key, _): return "inline table \(key) cannot be extended after its closing brace"
        case .unsupported(let what, _): return "\(what) are not supported"
        }
    }

    /// `line:column: message`.
    public var description: String { "\(position): \(message)" }
}
