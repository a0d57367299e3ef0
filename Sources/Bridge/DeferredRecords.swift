import BridgeCore
import NIOConcurrencyHelpers
import NIOCore

/// Hands the dispatcher's records to the bridge actor a short delay after the event, in the
/// order they came: records arriving meanwhile join one batch, and one scheduled flush yields
/// them all (scheduled tasks with equal deadlines would have no defined order).
final class DeferredRecords: FollowUp {
    private struct Batch {
        var records: [EventDispatcher.Dispatched] = []
        var scheduled = false
    }
    private let batch = NIOLockedValueBox(Batch())
    private let sink: AsyncStream<EventDispatcher.Dispatched>.Continuation
    private let loop: any EventLoop
    private let delay: TimeAmount

    init(sink: AsyncStream<EventDispatcher.Dispatched>.Continuation, loop: any EventLoop, delay: TimeAmount) {
        self.sink = sink
        self.loop = loop
        self.delay = delay
    }

    /// Queues `record` (any thread); the first of a batch schedules the flush, at once or, with
    /// `followUps`, when those run (the record keeps its place in the batch either way).
    func add(_ record: EventDispatcher.Dispatched, followUps: FollowUps? = nil) {
        let schedule = batch.withLockedValue { batch -> Bool in
            batch.records.append(record)
            defer { batch.scheduled = true }
            return !batch.scheduled
        }
        guard schedule else { return }
        if let followUps {
            followUps.add(self)
        } else {
            scheduleFlush()
        }
    }

    /// The follow-up ``add(_:followUps:)`` left: schedules the flush.
    func runFollowUp() {
        scheduleFlush()
    }

    private func scheduleFlush() {
        loop.scheduleTask(in: delay) { self.yieldAll() }
    }

    /// Yields what is queued now (at stop, so that no record is lost).
    func flush() {
        yieldAll()
    }

    /// Yields under the lock, so that a flush at stop and a scheduled one cannot interleave
    /// their batches (`yield` only enqueues; it runs none of the consumer's code).
    private func yieldAll() {
        batch.withLockedValue { batch in
            for record in batch.records { sink.yield(record) }
            // Emptied in place: the next frame's record then needs no new array storage.
            batch.records.removeAll(keepingCapacity: true)
            batch.scheduled = false
        }
    }
}
