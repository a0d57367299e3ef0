/// Everything that can be wrong with Smart Light bytes or values, RS232 or binary
/// (PROTOCOLS.md §1.2–§1.4). Each case prints as one clear log line.
public enum SmartLightError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Bytes outside any frame (no run of five delimiters before them) were skipped.
    case garbage(byteCount: Int)
    /// A frame body ran past the longest valid body without its terminator.
    case frameTooLong(byteCount: Int)
    /// A frame body was followed by one delimiter only.
    case unterminatedFrame(body: [UInt8])
    /// The frame's command letter is not in the code table.
    case unknownCommandLetter(UInt8)
    /// A frame's parameter count does not fit its command.
    case wrongParameterCount(command: String, expected: Int, actual: Int)
    /// A parameter character is not a valid code for its field.
    case invalidCode(field: String, byte: UInt8)
    /// A number is outside its field's range.
    case valueOutOfRange(field: String, value: Int, range: ClosedRange<Int>)
    /// A binary packet's length byte disagrees with its command (the server closes the link).
    case badPacketLength(command: UInt8, declared: Int, expected: String)
    /// A binary packet's command byte is unknown.
    case unknownPacketCommand(UInt8)
    /// A direct-set packet's subtype byte is unknown.
    case unknownDirectSetType(UInt8)
    /// An error reply carries an unknown refusal code.
    case unknownRefusalCode(UInt8)
    /// The frame format or code table is unusable (e.g. a delimiter that is also a code).
    case invalidFormat(String)

    /// Whether the seed says the server must close the TCP connection for this error:
    /// a malformed packet, as opposed to a well-formed one with a refused value (§1.4).
    public var closesConnection: Bool {
        switch self {
        case .badPacketLength, .unknownPacketCommand, .unknownDirectSetType, .garbage: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .garbage(let n): return "skipped \(n) byte(s) outside any frame"
        case .frameTooLong(let n): return "frame body longer than \(n) bytes without a terminator"
        case .unterminatedFrame(let body): return "frame '\(ASCII.escaped(body))' ends with one delimiter, not two"
        case .unknownCommandLetter(let b): return "unknown command letter '\(ASCII.escaped([b]))'"
        case .wrongParameterCount(let command, let expected, let actual):
            return "command \(command) takes \(expected) parameter byte(s), got \(actual)"
        case .invalidCode(let field, let b): return "'\(ASCII.escaped([b]))' is not a valid \(field) code"
        case .valueOutOfRange(let field, let value, let range):
            return "\(field) \(value) is outside \(range.lowerBound)...\(range.upperBound)"
        case .badPacketLength(let command, let declared, let expected):
            return "packet 0x\(Hex.encode([command])) declares length \(declared), expected \(expected)"
        case .unknownPacketCommand(let c): return "unknown packet command 0x\(Hex.encode([c]))"
        case .unknownDirectSetType(let t): return "unknown direct-set type 0x\(Hex.encode([t]))"
        case .unknownRefusalCode(let c): return "unknown refusal code \(c)"
        case .invalidFormat(let reason): return "invalid Smart Light format: \(reason)"
        }
    }
}
