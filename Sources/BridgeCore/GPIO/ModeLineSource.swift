/// Where the mode lines' levels and edges come from: the libgpiod lines in `BridgeIO`, or a
/// scripted source in tests. ``ModeLinePump`` drives either the same way.
///
/// Levels and edges are **physical** (`true` = high); active-low is the settler's business.
public protocol ModeLineSource {
    /// Why reading failed (the device went away, a system call failed …).
    associatedtype Failure: Error

    /// The source's monotonic clock now; edge timestamps are on the same clock.
    func now() -> MonotonicInstant

    /// The current physical levels of the inputs (and the strobe, if one is used).
    mutating func readLevels() throws(Failure) -> ModeLineLevels

    /// Blocks until at least one edge arrives (returns them, any order), until `deadline`
    /// passes (`nil`: no deadline), or until the source is told to stop.
    mutating func waitForEdges(until deadline: MonotonicInstant?) throws(Failure) -> ModeLineWait
}

/// What ``ModeLineSource/waitForEdges(until:)`` saw.
public enum ModeLineWait: Hashable, Sendable {
    /// One or more edges.
    case edges([ModeLineEdge])
    /// The deadline passed with no edge.
    case deadlinePassed
    /// The source was asked to stop (or a script ran out).
    case stopped
}
