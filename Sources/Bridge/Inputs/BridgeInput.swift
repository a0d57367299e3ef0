import BridgeCore

/// One running input of the bridge (issue 5 item 1): a source of ``BridgeEvent``s built from an
/// `[inputs.NAME]` table. Started once, stopped once; a failure to open is logged by the input
/// and retried by it, never fatal to the bridge.
protocol BridgeInput: Sendable {
    /// The input's name (`[inputs.NAME]`).
    var name: String { get }
    /// Opens what it reads (or starts waiting for it to appear).
    func start() async
    /// Closes everything.
    func stop() async
    /// What it has read so far (frames, errors, bytes), where it counts them.
    var counters: SourceCounters? { get }
}

extension BridgeInput {
    var counters: SourceCounters? { nil }
}
