import Logging

/// Applies actions to one light, one list at a time, through a coalescing queue (issue 5 item
/// 2; DESIGN.md: "the newest state for a light wins, and nothing unbounded grows"):
///
/// - at most ``depth`` lists wait; a new one pushes the oldest waiting list out (counted);
/// - a list that fails is retried with a short back-off until it lands or a newer list
///   replaces it;
/// - when the light comes back (its output reports up after down), the last list applied is
///   applied again, so a light that restarted with fresh state converges.
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
    }

    /// The counters.
    public private(set) var counters = Counters()
    /// The light's health as its output last reported it.
    public private(set) var health: OutputHealth = .connecting
    /// The last list that was applied successfully.
    public private(set) var lastApplied: [LightAction]?
    /// The last failure's text.
    public private(set) var lastError: String?

    private let output: any LightOutput
    private let depth: Int
    private let retryInitial: Duration
    private let retryMaximum: Duration
    private let logger: Logger
    private var pending: [[LightAction]] = []
    private var wake: CheckedContinuation<Void, Never>?
    private var loop: Task<Void, Never>?
    private var healthLoop: Task<Void, Never>?
    private var stopped = false
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    private var busy = false
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
        guard loop == nil, !stopped else { return }
        await output.start()
        let changes = await output.healthChanges()
        healthLoop = Task { [weak self] in
            for await change in changes { await self?.healthChanged(change) }
        }
        loop = Task { [weak self] in await self?.run() }
    }

    /// Queues `actions`; if ``depth`` lists already wait, the oldest is dropped.
    public func submit(_ actions: [LightAction]) {
        guard !stopped else { return }
        counters.submitted += 1
        pending.append(actions)
        while pending.count > depth {
            pending.removeFirst()
            counters.coalesced += 1
        }
        resume()
    }

    /// Waits until nothing is queued or being applied (for tests and the demo).
    public func waitUntilIdle() async {
        if pending.isEmpty && !busy { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    /// Stops the loop and the output; waiting lists are dropped.
    public func stop() async {
        stopped = true
        pending.removeAll()
        resume()
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
        if change.isUp && lostSinceApplied, pending.isEmpty, let last = lastApplied, !busy {
            lostSinceApplied = false
            counters.reapplied += 1
            logger.info("light \(name) is back: applying its state again")
            pending.append(last)
            resume()
        }
    }

    private func resume() {
        wake?.resume()
        wake = nil
    }

    private func notifyIdle() {
        let waiters = idleWaiters
        idleWaiters.removeAll()
        for waiter in waiters { waiter.resume() }
    }

    private func run() async {
        var delay = retryInitial
        while !stopped {
            guard let next = pending.first else {
                busy = false
                notifyIdle()
                await withCheckedContinuation { wake = $0 }
                continue
            }
            pending.removeFirst()
            busy = true
            do {
                try await output.apply(next)
                counters.applied += 1
                lastApplied = next
                lostSinceApplied = false
                lastError = nil
                delay = retryInitial
            } catch {
                counters.failures += 1
                let text = "\(error)"
                if lastError != text { logger.warning("light \(name): \(text); retrying") }
                lastError = text
                // Retry the same list unless a newer one arrived meanwhile.
                if pending.isEmpty && !stopped {
                    pending.append(next)
                    try? await Task.sleep(for: delay)
                    delay = min(delay * 2, retryMaximum)
                }
            }
        }
        busy = false
    }
}
