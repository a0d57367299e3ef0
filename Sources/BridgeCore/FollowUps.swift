/// Work that a trigger path leaves until its light's packet is out and the input's thread is
/// idle (issue 5 item 7; BENCHMARKS.md item 9): waking a light's worker, which then waits for
/// the light's reply on the event loop, and scheduling the event's bookkeeping. A serial
/// reader thread owns one and runs it shortly after the read (``run()``); nothing in it may be
/// dropped, or a worker would never learn of the list it began.
///
/// Not thread-safe: one input thread fills and runs it. `@unchecked Sendable` so that the
/// input's consumer (itself confined to that thread) can hold it.
public final class FollowUps: @unchecked Sendable {
    /// Unchecked: one thread uses it (above), and no access overlaps another (``run()`` iterates
    /// a copy); the run-time exclusivity check would cost each access two runtime calls.
    @exclusivity(unchecked) private var work: [() -> Void] = []

    /// An empty list.
    public init() {}

    /// Whether nothing waits.
    public var isEmpty: Bool { work.isEmpty }

    /// Adds `item`, to run at the next ``run()``.
    public func add(_ item: @escaping () -> Void) {
        work.append(item)
    }

    /// Runs what waits, in the order it was added, and empties the list.
    public func run() {
        while !work.isEmpty {
            let items = work
            work.removeAll(keepingCapacity: true)
            for item in items { item() }
        }
    }
}

/// A ``BridgeEventSink`` that may leave work in `followUps` for its caller to run soon after
/// (``FollowUps``); the serial inputs' reader threads deliver through one.
public typealias BridgeEventDeferringSink = @Sendable (BridgeEvent, FollowUps) -> Void
