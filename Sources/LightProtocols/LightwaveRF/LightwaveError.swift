/// Everything that can be wrong with a LightwaveRF Link message or value, in either direction
/// (seed `004_ba308fd4a8628ac7.txt`; PROTOCOLS.md §3). Each case prints as one clear log line.
public enum LightwaveError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A datagram (or a line of a capture) held nothing.
    case emptyMessage
    /// A line ran past ``LightwaveUDP/maxLineLength`` bytes; it was skipped to its newline.
    case lineTooLong(limit: Int)
    /// A byte that may not appear in this part of a message (control bytes, non-ASCII outside
    /// a JSON event, a line break inside a datagram).
    case invalidCharacter(byte: UInt8, offset: Int)
    /// The text is not a command, a reply or a JSON event.
    case unknownMessage(String)
    /// A number is not plain decimal digits (no sign, no leading zero, not too many digits).
    case invalidNumber(field: String, text: String)
    /// A number is outside its field's range.
    case valueOutOfRange(field: String, value: Int, range: ClosedRange<Int>)
    /// The `:<MAC>,` Link selector is not six hex digits followed by a comma.
    case invalidLinkSelector(String)
    /// A Link selector in front of something that is not a command (a reply or an event).
    case selectorOnReply
    /// The function after `F` (or the `@` command) is not one this codec knows.
    case unknownFunction(String)
    /// The function's room/device addressing is wrong, e.g. a dim without a device.
    case wrongTarget(function: String, expected: String)
    /// The function needs a `P` parameter and has none.
    case missingParameter(function: String)
    /// The function takes no `P` parameter but has one.
    case unexpectedParameter(function: String)
    /// A command's structure is broken (e.g. `!R1D` with no function).
    case malformedCommand(String)
    /// More than two `|` screen lines.
    case tooManyScreenLines(count: Int)
    /// A screen line is longer than ``LightwaveCommand/maxScreenLineLength`` characters.
    case screenLineTooLong(line: String, length: Int)
    /// A screen line holds a character the Link cannot show (non-printable or `|`).
    case invalidScreenLine(String)
    /// An `ERR,<n>,"<text>"` or `?V="<version>"` reply is malformed.
    case malformedReply(String)
    /// The text after `*!` is not valid JSON (`offset` counts from the start of the line).
    case invalidJSON(offset: Int, reason: String)
    /// The JSON after `*!` is valid but not an object.
    case eventNotAnObject

    public var description: String {
        switch self {
        case .emptyMessage: return "empty Lightwave message"
        case .lineTooLong(let limit): return "Lightwave line longer than \(limit) bytes skipped"
        case .invalidCharacter(let byte, let offset):
            return "invalid byte 0x\(Hex.encode([byte])) at offset \(offset) in a Lightwave message"
        case .unknownMessage(let text): return "not a Lightwave command, reply or event: '\(text)'"
        case .invalidNumber(let field, let text): return "\(field) '\(text)' is not a plain decimal number"
        case .valueOutOfRange(let field, let value, let range):
            return "\(field) \(value) is outside \(range.lowerBound)...\(range.upperBound)"
        case .invalidLinkSelector(let text): return "Link selector '\(text)' is not ':' + 6 hex digits + ','"
        case .selectorOnReply: return "a Link selector may only prefix a command"
        case .unknownFunction(let f): return "unknown Lightwave function '\(f)'"
        case .wrongTarget(let function, let expected): return "function \(function) takes \(expected)"
        case .missingParameter(let function): return "function \(function) needs a P parameter"
        case .unexpectedParameter(let function): return "function \(function) takes no P parameter"
        case .malformedCommand(let text): return "malformed Lightwave command '\(text)'"
        case .tooManyScreenLines(let count): return "\(count) screen lines given, at most 2 allowed"
        case .screenLineTooLong(let line, let length):
            return "screen line '\(line)' has \(length) characters, at most \(LightwaveCommand.maxScreenLineLength) allowed"
        case .invalidScreenLine(let line):
            return "screen line '\(ASCII.escaped(line.utf8))' holds a character other than printable ASCII without '|'"
        case .malformedReply(let text): return "malformed Lightwave reply '\(text)'"
        case .invalidJSON(let offset, let reason): return "invalid JSON event at byte \(offset) of the line: \(reason)"
        case .eventNotAnObject: return "the JSON after '*!' is not an object"
        }
    }
}
