import BridgeCore
import Logging
import NIOConcurrencyHelpers
import NIOPosix

/// Saves the last mode off the event path (an fsync takes milliseconds): the newest mode
/// waiting wins, one save runs at a time. The blocking file work runs on NIO's blocking thread
/// pool, never on a Swift concurrency thread: `lightbridge run` makes the event loop Swift
/// concurrency's executor (BENCHMARKS.md), which a blocking fsync would stall.
final class PersistenceQueue: Sendable {
    private struct State {
        var waiting: Int?
        var running: Task<Void, Never>?
    }
    private let state = NIOLockedValueBox(State())
    private let store: StateStore
    private let logger: Logger

    init(store: StateStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// Queues `mode` to be saved.
    func save(_ mode: Int) {
        state.withLockedValue { state in
            state.waiting = mode
            guard state.running == nil else { return }
            state.running = Task { [self] in
                do {
                    try await NIOThreadPool.singleton.runIfActive { self.run() }
                } catch {
                    self.run()  // the pool is shut down (never, for the singleton): save here
                }
            }
        }
    }

    private func run() {
        while true {
            let next: Int? = state.withLockedValue { state in
                let mode = state.waiting
                state.waiting = nil
                if mode == nil { state.running = nil }
                return mode
            }
            guard let mode = next else { return }
            do {
                try store.save(mode: mode)
            } catch {
                logger.error("\(error)")
            }
        }
    }

    /// Waits for pending saves (at stop).
    func drain() async {
        while let task = state.withLockedValue({ $0.running }) { await task.value }
    }
}
