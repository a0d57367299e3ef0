import LightProtocols

/// Why a ``LumencorDriver`` command failed (issue 4 item 3; PROTOCOLS.md §4).
public enum LumencorDriverError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The link was not up, or the engine not read, within the ready timeout.
    case notConnected
    /// No answer within the answer timeout (seed: 100 ms means the command failed).
    case timeout(command: LumencorCommandName)
    /// The link closed before the answer came.
    case connectionClosed(command: LumencorCommandName)
    /// The engine answered `E <NAME> [text]`.
    case engine(command: LumencorCommandName, text: String?)
    /// The engine answered `A <NAME> …` in a shape this request does not expect.
    case unexpectedAnswer(command: LumencorCommandName, answer: LumencorAnswer)
    /// No such channel: a colour not in `CHMAP`, or an index at or past `NUMCH`.
    case unknownChannel(String)
    /// The command could not be encoded (value out of range, bad percentage…).
    case encoding(LumencorError)
    /// The driver was stopped.
    case stopped

    public var description: String {
        switch self {
        case .notConnected: return "not connected to the Lumencor engine"
        case .timeout(let c): return "no answer to \(c.rawValue) in time"
        case .connectionClosed(let c): return "link closed before the answer to \(c.rawValue)"
        case .engine(let c, let text): return "engine answered E \(c.rawValue)" + (text.map { " \($0)" } ?? "")
        case .unexpectedAnswer(let c, let a): return "unexpected answer to \(c.rawValue): \(a.typeName)"
        case .unknownChannel(let channel): return "no channel \(channel) on the engine"
        case .encoding(let e): return "cannot encode the command: \(e)"
        case .stopped: return "the Lumencor driver was stopped"
        }
    }
}

/// What a ``LumencorDriver`` reports besides answers (issue 4 item 3).
public enum LumencorDriverEvent: Sendable, Hashable {
    /// The engine was read at connect (`MAXINT`, `NUMCH`, `CHMAP`).
    case engineRead(LumencorEngineInfo)
    /// A `GET STAT` answer (at connect and each poll).
    case status(LumencorEngineStatus)
    /// A `GET TEMP` answer (at connect and each poll), °C.
    case temperature(Int)
    /// An answer nobody waited for (late after a timeout, or another command's name).
    case unmatched(LumencorAnswer)
    /// Bad bytes from the engine (logged; decoding goes on).
    case protocolError(LumencorError)
    /// The link's health changed.
    case health(LightHealth)
}
