import LightProtocols

/// Why a Heliospectra driver operation failed (issue 4 item 4; PROTOCOLS.md §5): the control
/// client, the master and discovery share it.
public enum HeliospectraDriverError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No control connection came up in time (the reason is the last failure).
    case notConnected(String)
    /// No reply (or no prompt after it) within the reply timeout.
    case timeout(command: String)
    /// The connection closed before the reply came (after the retries allowed).
    case connectionClosed(command: String)
    /// The lamp answered with an error line instead of `OK`.
    case lampError(command: String, text: String)
    /// The lamp's reply was not what the command expects.
    case unexpectedReply(command: String, reply: String)
    /// The lamp's reply could not be read (e.g. `OK` with a payload of the wrong shape).
    case badReply(HeliospectraError)
    /// A command or package could not be encoded (value out of range …).
    case encoding(HeliospectraError)
    /// A setting is unusable (the reason says which).
    case invalidSettings(String)
    /// A socket could not be opened or written.
    case socket(String)
    /// ``HeliospectraMaster/start()`` was not called (or the master was stopped).
    case notStarted
    /// The driver was stopped.
    case stopped

    public var description: String {
        switch self {
        case .notConnected(let reason): return "not connected to the Heliospectra control socket: \(reason)"
        case .timeout(let c): return "no reply to \(c) in time"
        case .connectionClosed(let c): return "connection closed before the reply to \(c)"
        case .lampError(let c, let t): return "the lamp answered \(c) with '\(t)'"
        case .unexpectedReply(let c, let r): return "unexpected reply to \(c): \(r)"
        case .badReply(let e): return "unreadable reply: \(e)"
        case .encoding(let e): return "cannot encode: \(e)"
        case .invalidSettings(let reason): return "invalid Heliospectra settings: \(reason)"
        case .socket(let reason): return "socket error: \(reason)"
        case .notStarted: return "the Heliospectra master is not started"
        case .stopped: return "the Heliospectra driver was stopped"
        }
    }
}
