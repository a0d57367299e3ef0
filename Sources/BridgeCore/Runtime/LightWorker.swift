import Logging
import Synchronization

/// Applies actions to one light, one list at a time, through a coalescing queue (issue 5 item
/// 2; DESIGN.md: "the newest state for a light wins, and nothing unbounded grows"):
///
/// - at most ``depth`` lists wait; a new one pushes the oldest waiting list out (counted);
/// - a list that fails is retried with a short back-off until it lands or a newer list
///   replaces it;
/// - when the light comes back (its output reports up after down), the last list applied is
///   applied again, so a light that restarted with fresh state converges;
/// - ``offer(_:)`` is synchronous: when nothing is queued or in flight it lets the output put
///   the list on the wire at once (``LightOutput/begin(_:)``), in the caller's event-loop turn,
///   and the worker's task only waits for the answer (BENCHMARKS.md, trigger-to-wire latency).
public actor LightWorker {
    /// The light's name.
    public nonisolated let name: String
    /// What the worker has done, for status and tests.
    public struct Counters: Sendable, Hashable {
        /// Lists submitted.
        public var submitted = 0
        /// Lists applied successfully (re-applications included).
        public var applied = 0
        /// Lists pushed out of the queue by newer ones.
        public var coalesced = 0
        /// Failed attempts.
        public var failures = 0
        /// Re-applications after the light came back.
        public var reapplied = 0
        /// Lists the output began in the offering input's own turn (the fast path).
        public var begunAtOnce = 0
    }

    /// The counters.
    public var counters: Counters {
        var merged = finished
        front.withLock { front in
            merged.submitted = front.submitted
            merged.coalesced = front.coalesced
            merged.begunAtOnce = front.begunAtOnce
        }
        return merged
    }
    /// The light's health as its output last reported it.
    public private(set) var health: OutputHealth = .connecting
    /// The last list that was applied successfully.
    public private(set) var lastApplied: [LightAction]?
    /// The last failure's text.
    public private(set) var lastError: String?

    /// The queue, shared by the synchronous ``offer(_:)`` and the worker's task.
    private struct Front: ~Copyable {
        var pending: [[LightAction]] = []
        /// A list the output began synchronously; the task finishes it before anything else.
        var begun: (application: any LightApplication, actions: [LightAction])?
        /// An ``offer(_:)`` is calling ``LightOutput/begin(_:)`` right now.
        var starting = false
        /// The task is applying a list.
        var busy = false
        /// The task waits for work here.
        var wake: Waker?
        var stopped = false
        var submitted = 0
        var coalesced = 0
        var begunAtOnce = 0

        var hasWork: Bool { stopped || begun != nil || (!pending.isEmpty && !starting) }

        mutating func takeWake() -> Waker? {
            guard !starting, hasWork else { return nil }
            defer { wake = nil }
            return wake
        }
    }

    /// The parked task's continuation, boxed: the queue checks and moves it under its lock on
    /// every offer, and a class reference costs a retain there, where the optional generic
    /// continuation cost a generic copy through its metadata (callgrind of the trigger path).
    private final class Waker: FollowUp {
        private let continuation: CheckedContinuation<Void, Never>
        init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = continuation }
        func resume() { continuation.resume() }
        func runFollowUp() { resume() }
    }

    private enum Next {
        case stop
        case idle
        case begun(any LightApplication, [LightAction])
        case list([LightAction])
    }

    private nonisolated let front = Mutex(Front())
    private nonisolated let output: any LightOutput
    private nonisolated let depth: Int
    private let retryInitial: Duration
    private let retryMaximum: Duration
    private let logger: Logger
    private var finished = Counters()
    private var loop: Task<Void, Never>?
    private var healthLoop: Task<Void, Never>?
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    /// The light went down after the last successful apply (so it may have lost its state).
    private var lostSinceApplied = false

    /// Creates a worker; call ``start()``.
    public init(
        name: String, output: any LightOutput, depth: Int = 1, retryInitial: Duration = .milliseconds(100),
        retryMaximum: Duration = .seconds(1), logger: Logger
    ) {
        self.name = name
        self.output = output
        self.depth = max(1, depth)
        self.retryInitial = retryInitial
        self.retryMaximum = retryMaximum
        self.logger = logger
    }

    /// Starts the output and the apply loop.
    public func start() async {
        guard loop == nil, !front.withLock({ $0.stopped }) else { return }
        await output.start()
        let changes = await output.healthChanges()
        healthLoop = Task { [weak self] in
            for await change in changes { await self?.healthChanged(change) }
        }
        loop = Task { [weak self] in await self?.run() }
    }

    /// Queues `actions` (see ``offer(_:)``).
    public func submit(_ actions: [LightAction]) {
        offer(actions)
    }

    /// Queues `actions`, from any thread, without waiting: when the worker is idle the output
    /// begins them right here; otherwise they wait, and if ``depth`` lists already wait, the
    /// oldest is dropped.
    public nonisolated func offer(_ actions: [LightAction]) {
        offer(actions, followUps: nil)
    }

    /// Queues `actions` like ``offer(_:)``; when the output began them at once, the worker's
    /// wake-up (it then waits for the light's answer) is left in `followUps` instead of done
    /// here, so that nothing but the packet happens in the caller's turn.
    public nonisolated func offer(_ actions: [LightAction], followUps: FollowUps?) {
        offer(actions, prepared: nil, followUps: followUps)
    }

    /// What the output prepared of `actions` for its fast path (``LightOutput/prepare(_:)``),
    /// for ``offer(_:prepared:followUps:)``.
    public nonisolated func prepare(_ actions: [LightAction]) -> (any PreparedLightStart)? {
        output.prepare(actions)
    }

    /// Queues `actions` like ``offer(_:followUps:)``; when they begin at once, `prepared` (this
    /// worker's ``prepare(_:)`` of the same list) begins them.
    public nonisolated func offer(_ actions: [LightAction], prepared: (any PreparedLightStart)?, followUps: FollowUps?) {
        let beginNow = front.withLock { front -> Bool in
            guard !front.stopped else { return false }
            front.submitted += 1
            if front.wake != nil, !front.starting, !front.busy, front.begun == nil, front.pending.isEmpty {
                front.starting = true
                return true
            }
            front.pending.append(actions)
            while front.pending.count > depth {
                front.pending.removeFirst()
                front.coalesced += 1
            }
            front.takeWake()?.resume()
            return false
        }
        guard beginNow else { return }
        let application = if let prepared { prepared.begin() } else { output.begin(actions) }
        let wake = front.withLock { front -> Waker? in
            front.starting = false
            if let application {
                front.begun = (application, actions)
                front.begunAtOnce += 1
            } else {
                // Offered first, so the oldest: the first to go if newer lists overflow the queue.
                front.pending.insert(actions, at: 0)
                while front.pending.count > depth {
                    front.pending.removeFirst()
                    front.coalesced += 1
                }
            }
            return front.takeWake()
        }
        guard let wake else { return }
        if let followUps {
            followUps.add(wake)
        } else {
            wake.resume()
        }
    }

    /// Whether an ``offer(_:)`` now would go to ``LightOutput/begin(_:)`` at once: the worker
    /// waits for work, with nothing queued or in flight.
    public nonisolated var isWaitingForWork: Bool {
        front.withLock { $0.wake != nil && !$0.starting && !$0.busy && $0.begun == nil && $0.pending.isEmpty }
    }

    /// Waits until nothing is queued or being applied (for tests and the demo).
    public func waitUntilIdle() async {
        let idle = front.withLock { !$0.busy && !$0.starting && $0.begun == nil && $0.pending.isEmpty }
        if idle { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    /// Stops the loop and the output; waiting lists are dropped.
    public func stop() async {
        front.withLock { front in
            front.stopped = true
            front.pending.removeAll()
            let wake = front.wake
            front.wake = nil
            return wake
        }?.resume()
        loop?.cancel()
        healthLoop?.cancel()
        await loop?.value
        await output.stop()
        await healthLoop?.value
        notifyIdle()
    }

    private func healthChanged(_ change: OutputHealth) {
        health = change
        logger.info("light \(name): \(change)")
        if !change.isUp { lostSinceApplied = true }
        guard change.isUp && lostSinceApplied, let last = lastApplied else { return }
        let queued = front.withLock { front -> Bool in
            guard front.pending.isEmpty, front.begun == nil, !front.busy, !front.starting, !front.stopped else {
                return false
            }
            front.pending.append(last)
            front.takeWake()?.resume()
            return true
        }
        if queued {
            lostSinceApplied = false
            finished.reapplied += 1
            logger.info("light \(name) is back: applying its state again")
        }
    }

    private func notifyIdle() {
        let waiters = idleWaiters
        idleWaiters.removeAll()
        for waiter in waiters { waiter.resume() }
    }

    private func take() -> Next {
        front.withLock { front -> Next in
            if front.stopped { return .stop }
            if let begun = front.begun {
                front.begun = nil
                front.busy = true
                return .begun(begun.application, begun.actions)
            }
            if !front.pending.isEmpty && !front.starting {
                front.busy = true
                return .list(front.pending.removeFirst())
            }
            front.busy = false
            return .idle
        }
    }

    private func parkUntilWork() async {
        await withCheckedContinuation { continuation in
            let ready = front.withLock { front -> Bool in
                if front.hasWork && !front.starting { return true }
                front.wake = Waker(continuation)
                return false
            }
            if ready { continuation.resume() }
        }
    }

    private func run() async {
        var delay = retryInitial
        while true {
            let list: [LightAction]
            let outcome: Result<Void, any Error>
            switch take() {
            case .stop:
                front.withLock { $0.busy = false }
                return
            case .idle:
                notifyIdle()
                await parkUntilWork()
                continue
            case .begun(let application, let actions):
                list = actions
                do { outcome = .success(try await application.finish()) } catch { outcome = .failure(error) }
            case .list(let actions):
                list = actions
                do { outcome = .success(try await output.apply(actions)) } catch { outcome = .failure(error) }
            }
            switch outcome {
            case .success:
                finished.applied += 1
                lastApplied = list
                lostSinceApplied = false
                lastError = nil
                delay = retryInitial
            case .failure(let error):
                finished.failures += 1
                let text = "\(error)"
                if lastError != text { logger.warning("light \(name): \(text); retrying") }
                lastError = text
                // Retry the same list unless a newer one arrived meanwhile.
                let retry = front.withLock { front -> Bool in
                    guard front.pending.isEmpty, front.begun == nil, !front.starting, !front.stopped else { return false }
                    front.pending.append(list)
                    return true
                }
                if retry {
                    try? await Task.sleep(for: delay)
                    delay = min(delay * 2, retryMaximum)
                }
            }
        }
    }
}
