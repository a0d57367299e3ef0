/// One thing wrong with a configuration file, with where it is (issue 5 item 1:
/// `lightbridge check-config` prints every one of these).
public struct ConfigurationProblem: Hashable, Sendable, CustomStringConvertible {
    /// Where the offending key or value is written (line 0 when the whole file is at fault).
    public var position: TOMLPosition
    /// The dotted key path, e.g. `lights.bench.port` (empty for file-level problems).
    public var key: String
    /// What is wrong, in words.
    public var message: String

    /// Creates a problem.
    public init(at position: TOMLPosition, key: String, _ message: String) {
        self.position = position
        self.key = key
        self.message = message
    }

    /// `line L, column C: key: message`.
    public var description: String {
        let place = "line \(position.line), column \(position.column)"
        return key.isEmpty ? "\(place): \(message)" : "\(place): \(key): \(message)"
    }
}

/// Why a configuration could not be loaded: the file is unreadable, or it has problems (all of
/// them, sorted by position).
public enum ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, errno: Int32)
    /// The text has these problems (never empty).
    case invalid(source: String, problems: [ConfigurationProblem])

    /// Every problem (one for an unreadable file).
    public var problems: [ConfigurationProblem] {
        switch self {
        case .unreadable(let path, let e):
            return [ConfigurationProblem(at: TOMLPosition(line: 0, column: 0), key: "", "cannot read \(path) (errno \(e))")]
        case .invalid(_, let problems): return problems
        }
    }

    /// One line per problem, each prefixed by the source.
    public var description: String {
        switch self {
        case .unreadable(let path, let e): return "\(path): cannot read configuration (errno \(e))"
        case .invalid(let source, let problems): return problems.map { "\(source): \($0)" }.joined(separator: "\n")
        }
    }
}
