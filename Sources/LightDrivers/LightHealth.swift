/// How a light's link is doing, as a driver reports it (issue 4; the bridge shows it in
/// issue 5).
public enum LightHealth: Sendable, Hashable, CustomStringConvertible {
    /// Not connected yet, or reconnecting.
    case connecting
    /// Connected and answering.
    case healthy
    /// Answering, but with errors (the reason is the last one).
    case degraded(String)
    /// Unreachable (the reason is the last failure); the driver keeps trying.
    case down(String)

    public var description: String {
        switch self {
        case .connecting: return "connecting"
        case .healthy: return "healthy"
        case .degraded(let reason): return "degraded: \(reason)"
        case .down(let reason): return "down: \(reason)"
        }
    }
}
