/// Work that a trigger path leaves until its light's packet is out and the input's thread is
/// idle (issue 5 item 7; BENCHMARKS.md item 9): waking a light's worker, which then waits for
/// the light's reply on the event loop, and scheduling the event's bookkeeping. A serial
/// reader thread owns one and runs it shortly after the read (``run()``); nothing in it may be
/// dropped, or a worker would never learn of the list it began.
///
/// Not thread-safe: one input thread fills and runs it. `@unchecked Sendable` so that the
/// input's consumer (itself confined to that thread) can hold it.
public final class FollowUps: @unchecked Sendable {
    /// Unchecked: one thread uses them (above), and no access overlaps another; the run-time
    /// exclusivity check would cost each access two runtime calls.
    @exclusivity(unchecked) private var work: [any FollowUp] = []
    /// The list being run; swapped with `work`, so that neither is ever reallocated once grown.
    @exclusivity(unchecked) private var running: [any FollowUp] = []

    /// An empty list.
    public init() {}

    /// Whether nothing waits.
    public var isEmpty: Bool { work.isEmpty }

    /// Adds `item`, to run at the next ``run()``: a retain, no closure context (the trigger
    /// path adds its items after its packet left and before its thread sleeps; BENCHMARKS.md
    /// item 11).
    public func add(_ item: any FollowUp) {
        work.append(item)
    }

    /// Adds `item`, to run at the next ``run()``.
    public func add(_ item: @escaping @Sendable () -> Void) {
        work.append(ClosureFollowUp(item))
    }

    /// Runs what waits, in the order it was added (items added meanwhile included), and
    /// empties the list.
    public func run() {
        while !work.isEmpty {
            swap(&work, &running)
            for item in running { item.runFollowUp() }
            running.removeAll(keepingCapacity: true)
        }
    }
}

/// One item of a ``FollowUps`` list.
public protocol FollowUp: AnyObject, Sendable {
    /// Does the work (on the input's thread, after its packet left).
    func runFollowUp()
}

private final class ClosureFollowUp: FollowUp {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    func runFollowUp() { body() }
}

/// A ``BridgeEventSink`` that may leave work in `followUps` for its caller to run soon after
/// (``FollowUps``); the serial inputs' reader threads deliver through one.
public typealias BridgeEventDeferringSink = @Sendable (BridgeEvent, FollowUps) -> Void
