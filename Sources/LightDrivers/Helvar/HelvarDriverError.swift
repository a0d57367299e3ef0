import LightProtocols

/// Why a ``HelvarDriver`` command failed (issue 4 item 1).
public enum HelvarDriverError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No connection came up within the reply timeout.
    case notConnected
    /// No reply (or acknowledgement) within the reply timeout.
    case timeout(command: HelvarCommandNumber)
    /// The connection closed before the reply came.
    case connectionClosed(command: HelvarCommandNumber)
    /// The router answered `!…=code#` (PROTOCOLS.md §2 error codes).
    case router(code: HelvarErrorCode, command: HelvarCommandNumber, address: HelvarAddress?)
    /// The command could not be encoded (value out of range, missing parameter…).
    case encoding(HelvarError)
    /// Raw encoding cannot carry this command's reply (queries need ASCII).
    case notSupportedInRaw(command: HelvarCommandNumber)
    /// The driver was stopped.
    case stopped

    public var description: String {
        switch self {
        case .notConnected: return "not connected to the HelvarNet router"
        case .timeout(let c): return "no reply to command \(c.rawValue) (\(c.name)) in time"
        case .connectionClosed(let c): return "connection closed before the reply to command \(c.rawValue) (\(c.name))"
        case .router(let code, let c, let a):
            return "router error \(code.rawValue) (\(code.name)) for command \(c.rawValue) (\(c.name))"
                + (a.map { " at @\($0)" } ?? "")
        case .encoding(let e): return "cannot encode the command: \(e)"
        case .notSupportedInRaw(let c): return "command \(c.rawValue) (\(c.name)) needs ASCII: a raw reply has no answer"
        case .stopped: return "the HelvarNet driver was stopped"
        }
    }
}

/// What a ``HelvarDriver`` reports besides replies (issue 4 item 1).
public enum HelvarDriverEvent: Sendable, Hashable {
    /// The router pushed a group scene recall (`>V:2,C:11,G:…,B:…,S:…,F:…#`).
    case sceneRecalled(group: UInt16, block: UInt8, scene: UInt8, fade: UInt32)
    /// The router pushed another command.
    case pushed(HelvarCommand)
    /// A reply or error nobody waited for (late after a timeout, or unsolicited).
    case unmatched(HelvarMessage)
    /// Bad bytes from the router (logged; decoding goes on).
    case protocolError(HelvarError)
    /// The link's health changed.
    case health(LightHealth)
}
