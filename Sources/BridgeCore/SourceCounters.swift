/// Counts of what an input source has read, for logs, `lightbridge monitor` and tests.
public struct SourceCounters: Sendable, Hashable {
    /// Good frames delivered as events.
    public var frames = 0
    /// Bad frames (typed decode errors), garbage stretches included.
    public var errors = 0
    /// Bytes read in all.
    public var bytes = 0

    /// All zero.
    public init() {}
}
