/// Everything that can be wrong with HelvarNet bytes or values, ASCII or raw (PROTOCOLS.md §2;
/// seed `003_689faa0b1f08db2f.txt`). Each case prints as one clear log line.
public enum HelvarError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Bytes before a start character (`>`, `<`, `?`, `!`) were skipped.
    case garbage(byteCount: Int)
    /// No terminator within the maximum message length; the decoder resynchronises at the next
    /// start character.
    case messageTooLong(limit: Int)
    /// A new start character appeared before the message's terminator (the bytes are dropped).
    case unterminatedMessage(bytes: [UInt8])
    /// The parameter list breaks the `ID:value,…` grammar.
    case malformed(reason: String)
    /// A parameter identifier this codec does not know (e.g. the colour IDs `CX`, `M`).
    case unknownParameter(String)
    /// The same parameter appears twice.
    case duplicateParameter(String)
    /// A parameter's value is not a number of the expected form.
    case invalidNumber(parameter: String, text: String)
    /// A value is outside its range.
    case valueOutOfRange(field: String, value: Int64, range: ClosedRange<Int64>)
    /// The message has no `C:` parameter.
    case missingCommandNumber
    /// The command number is not one PROTOCOLS.md §2 lists.
    case unknownCommand(Int64)
    /// A parameter the command needs is absent.
    case missingParameter(command: HelvarCommandNumber, parameter: String)
    /// The address has the wrong number of parts for the command (e.g. a device command given
    /// a subnet address).
    case wrongAddressDepth(command: HelvarCommandNumber, depth: Int, expected: ClosedRange<Int>)
    /// The address text is not `cluster.router.subnet.device[.subdevice]` or a prefix of it.
    case invalidAddress(String)
    /// A command (`>`/`<`) carries an answer (`=`).
    case unexpectedAnswer
    /// A reply or error message has no `=` answer.
    case missingAnswer
    /// A command or error message ends with the partial-reply terminator `$`.
    case partialTerminatorOnNonReply
    /// An error message's code is not 0–18.
    case unknownErrorCode(String)
    /// Answer text cannot be sent: it holds a terminator (`#` or `$`).
    case invalidAnswerText(String)
    /// A partial reply was followed by a different reply before its last part.
    case partialReplyAbandoned(command: HelvarCommandNumber)
    /// The parts of one reply add up to more than the reassembly limit.
    case replyTooLong(limit: Int)
    /// A raw frame's message type byte is not 0 (command) or 1 (reply).
    case badRawMessageType(UInt8)
    /// A raw frame's reserved word (5, 6, 9 or 10) is not zero.
    case nonZeroReservedWord(word: Int, value: UInt32)
    /// A raw frame sets a word its command does not use.
    case unusedWordNotZero(command: HelvarCommandNumber, word: Int, value: UInt32)
    /// A raw frame cannot carry this value (e.g. a sub-device address).
    case notRepresentableInRaw(String)
    /// The settings are unusable.
    case invalidFormat(String)

    public var description: String {
        switch self {
        case .garbage(let n): return "skipped \(n) byte(s) outside any HelvarNet message"
        case .messageTooLong(let limit): return "no terminator within \(limit) bytes; message dropped"
        case .unterminatedMessage(let bytes):
            return "message '\(ASCII.escaped(bytes.prefix(80)))' cut off by a new start character before its terminator"
        case .malformed(let reason): return "malformed parameters: \(reason)"
        case .unknownParameter(let id): return "unknown parameter identifier '\(id)'"
        case .duplicateParameter(let id): return "parameter '\(id)' given twice"
        case .invalidNumber(let parameter, let text): return "parameter \(parameter) value '\(text)' is not a valid number"
        case .valueOutOfRange(let field, let value, let range):
            return "\(field) \(value) is outside \(range.lowerBound)...\(range.upperBound)"
        case .missingCommandNumber: return "message has no C: command number"
        case .unknownCommand(let n): return "unknown HelvarNet command number \(n)"
        case .missingParameter(let command, let parameter):
            return "command \(command.rawValue) (\(command.name)) needs parameter \(parameter)"
        case .wrongAddressDepth(let command, let depth, let expected):
            let want =
                expected.lowerBound == expected.upperBound
                ? "\(expected.lowerBound)" : "\(expected.lowerBound)-\(expected.upperBound)"
            return "command \(command.rawValue) (\(command.name)) needs a \(want)-part address, got \(depth) part(s)"
        case .invalidAddress(let text): return "invalid address '\(text)'"
        case .unexpectedAnswer: return "a command message must not carry an '=' answer"
        case .missingAnswer: return "a reply or error message needs an '=' answer"
        case .partialTerminatorOnNonReply: return "only replies may end with the partial terminator '$'"
        case .unknownErrorCode(let text): return "unknown HelvarNet error code '\(text)'"
        case .invalidAnswerText(let reason): return "answer text cannot be sent: \(reason)"
        case .partialReplyAbandoned(let command):
            return "partial reply to command \(command.rawValue) (\(command.name)) was never completed"
        case .replyTooLong(let limit): return "reassembled reply longer than \(limit) bytes; dropped"
        case .badRawMessageType(let t): return "raw message type \(t) is neither 0 (command) nor 1 (reply)"
        case .nonZeroReservedWord(let word, let value):
            return "raw reserved word \(word) is 0x\(hex32(value)), must be zero"
        case .unusedWordNotZero(let command, let word, let value):
            return "raw word \(word) is 0x\(hex32(value)) but command \(command.rawValue) (\(command.name)) does not use it"
        case .notRepresentableInRaw(let what): return "cannot be sent in raw form: \(what)"
        case .invalidFormat(let reason): return "invalid HelvarNet settings: \(reason)"
        }
    }
}

/// Eight upper-case hex digits.
func hex32(_ value: UInt32) -> String {
    Hex.encode([
        UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8),
        UInt8(truncatingIfNeeded: value),
    ])
    .uppercased()
}
