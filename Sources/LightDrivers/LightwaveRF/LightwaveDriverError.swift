import LightProtocols

/// Why a LightwaveRF command failed (issue 4, item 2; PROTOCOLS.md §3). Each prints as one line.
public enum LightwaveDriverError: Error, Sendable, Hashable, CustomStringConvertible {
    /// ``LightwaveDriver/start()`` has not run, or the driver was stopped.
    case notStarted
    /// The socket could not be opened or written.
    case socket(String)
    /// The command cannot be encoded (a value out of range, a bad screen line).
    case invalidCommand(LightwaveError)
    /// No `OK`/`ERR` came back, after every retry.
    case noReply(attempts: Int, timeout: Duration)
    /// `ERR,1`/`ERR,2` "Not yet registered": run `lightbridge lightwave register`.
    case notRegistered(LightwaveErrorReply)
    /// `ERR,6` every time until the back-off gave up; the delays waited are listed.
    case transmitFailed(attempts: Int, retryDelays: [Duration])
    /// `OK`, but the JSON line proving the radio packet went out never came.
    case notConfirmed(timeout: Duration)
    /// Any other `ERR` (slot empty, unknown codes).
    case linkError(LightwaveErrorReply)
    /// Nobody pressed the Link's button in time.
    case registrationTimedOut(Duration)
    /// The Link already holds 12 clients.
    case pairingMemoryFull

    public var description: String {
        switch self {
        case .notStarted: return "LightwaveRF driver not started"
        case .socket(let reason): return "LightwaveRF socket error: \(reason)"
        case .invalidCommand(let error): return "LightwaveRF command invalid: \(error)"
        case .noReply(let attempts, let timeout):
            return "no reply from the LightwaveRF Link after \(attempts) attempt(s) of \(timeout) each"
        case .notRegistered(let reply):
            return
                "not registered with the LightwaveRF Link (ERR,\(reply.code),\"\(reply.text)\"); run 'lightbridge lightwave register'"
        case .transmitFailed(let attempts, _):
            return "LightwaveRF Link transmit failed (ERR,6) \(attempts) time(s); gave up"
        case .notConfirmed(let timeout): return "LightwaveRF Link said OK but sent no JSON confirmation within \(timeout)"
        case .linkError(let reply): return "LightwaveRF Link error ERR,\(reply.code),\"\(reply.text)\""
        case .registrationTimedOut(let timeout): return "the LightwaveRF Link's button was not pressed within \(timeout)"
        case .pairingMemoryFull: return "the LightwaveRF Link's pairing memory is full (12 clients)"
        }
    }
}
