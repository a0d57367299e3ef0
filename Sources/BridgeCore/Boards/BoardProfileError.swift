/// One thing wrong in a board profile. `key` is the dotted TOML path, e.g. `gpio.inputs`.
public enum BoardProfileProblem: Hashable, Sendable, CustomStringConvertible {
    /// A required key is missing.
    case missingKey(String)
    /// A key the format does not know (a typo, or a setting in the wrong table).
    case unknownKey(String)
    /// A value of the wrong TOML type.
    case wrongType(key: String, expected: String, found: String)
    /// An array with the wrong number of entries.
    case wrongCount(key: String, expected: Int, found: Int)
    /// A line offset that is negative or too large.
    case offsetOutOfRange(key: String, value: Int)
    /// The same offset twice among the inputs.
    case duplicateOffset(UInt32)
    /// The strobe offset is also an input.
    case strobeAmongInputs(UInt32)
    /// A string that must not be empty is.
    case emptyValue(String)
    /// The name is not lower-case letters, digits and '-'.
    case invalidName(String)
    /// `gpio.bias` is not one of the known values.
    case unknownBias(String)
    /// A serial device is not an absolute `/dev/…` path.
    case invalidSerialDevice(String)
    /// The profile's `name` differs from the name it was loaded by (its file name).
    case nameMismatch(name: String, expected: String)

    public var description: String {
        switch self {
        case .missingKey(let key): return "missing key \(key)"
        case .unknownKey(let key): return "unknown key \(key)"
        case .wrongType(let key, let expected, let found): return "\(key) must be \(expected), not \(found)"
        case .wrongCount(let key, let expected, let found): return "\(key) needs exactly \(expected) entries, has \(found)"
        case .offsetOutOfRange(let key, let value): return "\(key): line offset \(value) is out of range"
        case .duplicateOffset(let offset): return "gpio.inputs: offset \(offset) is used more than once"
        case .strobeAmongInputs(let offset): return "gpio.strobe: offset \(offset) is also an input"
        case .emptyValue(let key): return "\(key) is empty"
        case .invalidName(let name): return "name \"\(name)\" must be lower-case letters, digits and '-'"
        case .unknownBias(let value):
            return "gpio.bias \"\(value)\" is not one of "
                + GPIOBias.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        case .invalidSerialDevice(let path): return "serial.devices: \"\(path)\" is not an absolute /dev path"
        case .nameMismatch(let name, let expected): return "name \"\(name)\" does not match the file name \"\(expected)\""
        }
    }
}

/// Why a board profile could not be loaded.
public enum BoardProfileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, errno: Int32)
    /// The text is not valid TOML (the parser's one-line message and its position).
    case syntax(source: String, message: String, line: Int, column: Int)
    /// Valid TOML that is not a valid profile: every problem found.
    case invalid(source: String, problems: [BoardProfileProblem])

    public var description: String {
        switch self {
        case .unreadable(let path, let e): return "\(path): cannot read board profile (errno \(e))"
        case .syntax(let source, let message, let line, let column): return "\(source):\(line):\(column): \(message)"
        case .invalid(let source, let problems):
            return "\(source): invalid board profile: " + problems.map(\.description).joined(separator: "; ")
        }
    }
}
