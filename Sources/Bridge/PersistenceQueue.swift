import BridgeCore
import Logging
import NIOConcurrencyHelpers
import NIOPosix

/// Saves the last mode off the event path (an fsync takes milliseconds): the newest mode
/// waiting wins, one save runs at a time. The blocking file work runs on NIO's blocking thread
/// pool, never on a Swift concurrency thread: `lightbridge run` makes the event loop Swift
/// concurrency's executor (BENCHMARKS.md), which a blocking fsync would stall.
///
/// A save starts ``settle`` after the mode that asked for it: a burst of modes (a PLC stepping
/// through a sequence) costs one write and two fsyncs instead of one per mode, and the disk
/// work no longer runs while the event's datagrams are still on their way (it took the second
/// core from their receivers, BENCHMARKS.md item 7). A mode equal to the one
/// on disk is not written again.
final class PersistenceQueue: Sendable {
    private struct State {
        var waiting: Int?
        var running: Task<Void, Never>?
        var saved: Int?
    }
    private let state = NIOLockedValueBox(State())
    private let store: StateStore
    private let logger: Logger
    /// How long a save waits for newer modes before it writes (20 ms).
    let settle: Duration

    init(store: StateStore, logger: Logger, settle: Duration = .milliseconds(20)) {
        self.store = store
        self.logger = logger
        self.settle = settle
    }

    /// Queues `mode` to be saved.
    func save(_ mode: Int) {
        state.withLockedValue { state in
            state.waiting = mode
            guard state.running == nil else { return }
            let settle = self.settle
            state.running = Task { [self] in
                try? await Task.sleep(for: settle)
                do {
                    try await NIOThreadPool.singleton.runIfActive { self.run() }
                } catch {
                    self.run()  // the pool is shut down (never, for the singleton): save here
                }
            }
        }
    }

    private enum Step {
        case save(Int)
        case alreadySaved
        case done
    }

    private func run() {
        while true {
            let step: Step = state.withLockedValue { state in
                guard let mode = state.waiting else {
                    state.running = nil
                    return .done
                }
                state.waiting = nil
                return mode == state.saved ? .alreadySaved : .save(mode)
            }
            switch step {
            case .done: return
            case .alreadySaved: continue
            case .save(let mode):
                do {
                    try store.save(mode: mode)
                    state.withLockedValue { $0.saved = mode }
                } catch {
                    logger.error("\(error)")
                }
            }
        }
    }

    /// Waits for pending saves (at stop).
    func drain() async {
        while let task = state.withLockedValue({ $0.running }) { await task.value }
    }
}
