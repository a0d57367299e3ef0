/// Everything that can be wrong with a Lumencor line or value (PROTOCOLS.md §4; seed 001).
/// Each case prints as one clear log line; `command` names the command as it appeared on the
/// line, e.g. `SET CHINT` or `A STAT`.
public enum LumencorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A line ran past the longest line without a newline; it was skipped up to the next newline.
    case lineTooLong(maxLength: Int)
    /// A line holds a byte other than printable ASCII, space or tab (a CR is allowed only
    /// right before the newline).
    case invalidByte(UInt8)
    /// The first token is none of `GET`, `SET`, `A`, `E`, `REBOOT`, `SHUTDOWN`.
    case unknownKeyword(String)
    /// `GET`, `SET`, `A` or `E` with no command name after it.
    case missingCommandName(keyword: String)
    /// The command name is not a known one.
    case unknownCommand(keyword: String, name: String)
    /// The command exists but not in this form (e.g. `SET VER`, `GET REBOOT`).
    case unsupportedForm(command: String)
    /// The number of arguments or values does not fit the command.
    case wrongArgumentCount(command: String, expected: String, actual: Int)
    /// A token that must be a decimal number is not one.
    case invalidNumber(command: String, field: String, token: String)
    /// A number is outside its field's range.
    case valueOutOfRange(command: String, field: String, value: Int, range: ClosedRange<Int>)
    /// A token that must be an IPv4 address (or `DHCP`) is not one.
    case invalidIPAddress(command: String, token: String)
    /// A text value cannot be written on one line (empty, white space where a single token is
    /// needed, or a byte other than printable ASCII).
    case invalidText(command: String, field: String, text: String)
    /// A percentage for ``LumencorIntensity`` is not a number in 0…100.
    case invalidPercentage(Double)

    public var description: String {
        switch self {
        case .lineTooLong(let max): return "line longer than \(max) bytes without a newline; skipped to the next newline"
        case .invalidByte(let b):
            return "byte 0x\(Hex.encode([b])) is not allowed in a line (printable ASCII, space and tab only)"
        case .unknownKeyword(let token):
            return "line starts with '\(ASCII.escaped(token.utf8))', not GET, SET, A, E, REBOOT or SHUTDOWN"
        case .missingCommandName(let keyword): return "'\(keyword)' without a command name"
        case .unknownCommand(let keyword, let name): return "\(keyword) \(ASCII.escaped(name.utf8)): unknown command"
        case .unsupportedForm(let command): return "\(command): no such command form"
        case .wrongArgumentCount(let command, let expected, let actual):
            return "\(command) takes \(expected) argument(s), got \(actual)"
        case .invalidNumber(let command, let field, let token):
            return "\(command): \(field) '\(ASCII.escaped(token.utf8))' is not a decimal number"
        case .valueOutOfRange(let command, let field, let value, let range):
            return "\(command): \(field) \(value) is outside \(range.lowerBound)...\(range.upperBound)"
        case .invalidIPAddress(let command, let token):
            return "\(command): '\(ASCII.escaped(token.utf8))' is not an IPv4 address"
        case .invalidText(let command, let field, let text):
            return "\(command): \(field) '\(ASCII.escaped(text.utf8))' cannot be written on the line"
        case .invalidPercentage(let p): return "intensity percentage \(p) is outside 0...100"
        }
    }
}
