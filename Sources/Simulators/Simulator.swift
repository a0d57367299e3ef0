/// A running device simulator (issue 4): it listens on loopback (or any address given), plays
/// its device's side of the protocol, and stops when asked. Each protocol's simulator is a
/// library type (for tests and the demo) and a `lightbridge simulate` target.
public protocol Simulator: Sendable {
    /// What it listens on, e.g. `["tcp": 50000, "udp": 50001]` (the real ports after binding
    /// port 0).
    var ports: [String: Int] { get }
    /// Closes every socket it holds.
    func stop() async throws
}
