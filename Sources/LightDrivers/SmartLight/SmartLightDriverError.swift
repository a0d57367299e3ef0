import BridgeIO
import LightProtocols

/// Why a ``SmartLightDriver`` command failed (issue 4 item 5; PROTOCOLS.md §1.4). Each case prints
/// as one clear log line.
public enum SmartLightDriverError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No link came up within the reply timeout.
    case notConnected
    /// No reply to packet `id` within the reply timeout.
    case timeout(id: UInt8, command: UInt8)
    /// The link closed before the reply to packet `id` came.
    case connectionClosed(id: UInt8, command: UInt8)
    /// The light refused a well-formed packet: `[id, 5, 0x7F, command, code]` (§1.4 assumption).
    case refused(id: UInt8, command: UInt8, reason: SmartLightRefusal)
    /// The reply's command byte is not the request's (the seed: success means they are equal).
    case replyMismatch(id: UInt8, sent: UInt8, received: UInt8)
    /// All 256 packet ids are waiting for replies.
    case tooManyInFlight
    /// The command cannot be encoded (a value out of range).
    case encoding(SmartLightError)
    /// The link could not be opened (the text is the transport's typed error).
    case openFailed(String)
    /// Bytes could not be written to the link.
    case writeFailed(String)
    /// The driver was stopped (or not started).
    case stopped

    public var description: String {
        switch self {
        case .notConnected: return "not connected to the Smart Light"
        case .timeout(let id, let c): return "no reply to Smart Light packet \(id) (command \(hexByte(c))) in time"
        case .connectionClosed(let id, let c):
            return "Smart Light link closed before the reply to packet \(id) (command \(hexByte(c)))"
        case .refused(let id, let c, let reason):
            return "Smart Light refused packet \(id) (command \(hexByte(c))): code \(reason.rawValue), \(reason.text)"
        case .replyMismatch(let id, let sent, let received):
            return "Smart Light reply to packet \(id) names command \(hexByte(received)), not \(hexByte(sent))"
        case .tooManyInFlight: return "all 256 Smart Light packet ids are waiting for replies"
        case .encoding(let e): return "cannot encode the Smart Light command: \(e)"
        case .openFailed(let reason): return "cannot open the Smart Light link: \(reason)"
        case .writeFailed(let reason): return "cannot write to the Smart Light link: \(reason)"
        case .stopped: return "the Smart Light driver is stopped"
        }
    }
}

/// What a ``SmartLightDriver`` reports besides command outcomes (issue 4 item 5).
public enum SmartLightDriverEvent: Sendable, Hashable {
    /// The link's health changed.
    case health(LightHealth)
    /// A reply nobody waited for (late after a timeout, or unsolicited).
    case unmatched(SmartLightPacket)
    /// Bad bytes from the light (logged; decoding goes on).
    case protocolError(SmartLightError)
}

extension SmartLightRefusal {
    /// The refusal in words.
    var text: String {
        switch self {
        case .valueOutOfRange: return "value out of range"
        case .modeNotConfigured: return "mode not configured"
        }
    }
}

/// `0x51` style text of a byte.
func hexByte(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16)
    return "0x" + (digits.count < 2 ? "0" + digits : digits)
}
