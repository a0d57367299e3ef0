import BridgeCore
import BridgeIO
import LightProtocols
import Logging
import NIOCore
import NIOPosix

/// The running bridge (issue 5 item 2; DESIGN.md "Data flow"): inputs deliver events, the
/// ``ModeRouter`` turns each into actions per light, and one ``LightWorker`` per light applies
/// them through its output with a coalescing queue. Routing and the offer to the workers
/// happen synchronously in the input's own turn (``EventDispatcher``), so an idle light's
/// first datagram leaves before anything else is done; the actor then does the bookkeeping of
/// each event, one at a time in arrival order. The last mode is persisted (atomically, off the event path) and re-applied
/// at start-up; ``reload(_:)`` swaps the configuration and keeps every light and input whose
/// settings did not change.
public actor Bridge {
    /// What it has done, for STATUS= and the demo.
    public struct Status: Sendable, Hashable {
        /// Events handled.
        public var events = 0
        /// The last mode selected.
        public var lastMode: Int?
        /// Modes asked for that the table does not have.
        public var unknownModes = 0
    }

    /// The configuration in force.
    public private(set) var configuration: BridgeConfiguration
    /// Counters.
    public private(set) var status = Status()

    let group: any EventLoopGroup
    let logger: Logger
    let notifier: SystemdNotifier
    let store: StateStore
    private let dispatcher: EventDispatcher
    private(set) var outputs: [String: any LightOutput] = [:]
    private var workers: [String: LightWorker] = [:]
    private var inputs: [String: any BridgeInput] = [:]
    private let events: AsyncStream<EventDispatcher.Dispatched>
    private let deferred: DeferredRecords
    /// How long the bookkeeping of an input's event waits (500 µs): the event loop goes back to
    /// sleep as soon as the lights' datagrams are out, and their receivers get the CPU first
    /// (on a 2-core box this took 30–40 µs off the trigger-to-wire median, BENCHMARKS.md item 7).
    static let bookkeepingDelay = TimeAmount.microseconds(500)
    private let eventSink: AsyncStream<EventDispatcher.Dispatched>.Continuation
    private var consumer: Task<Void, Never>?
    private var statusTask: Task<Void, Never>?
    /// The shortest time between two STATUS= lines (200 ms).
    let statusInterval = Duration.milliseconds(200)
    private let persistence: PersistenceQueue
    let factory: BridgeFactory

    /// Creates a bridge for `configuration`; nothing runs until ``start()``.
    public init(
        configuration: BridgeConfiguration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        notifier: SystemdNotifier = SystemdNotifier(socketPath: nil), logger: Logger = Logger(label: "lightbridge")
    ) {
        self.configuration = configuration
        self.group = group
        self.logger = logger
        self.notifier = notifier
        self.store = StateStore(directory: configuration.bridge.stateDirectory)
        self.dispatcher = EventDispatcher(router: ModeRouter(configuration: configuration))
        (events, eventSink) = AsyncStream.makeStream(of: EventDispatcher.Dispatched.self)
        deferred = DeferredRecords(sink: eventSink, loop: group.next(), delay: Self.bookkeepingDelay)
        persistence = PersistenceQueue(store: store, logger: logger)
        factory = BridgeFactory(group: group, logger: logger)
    }

    /// Where inputs deliver events (any thread): the event is routed and offered to the lights
    /// right away; the bookkeeping follows on the actor, ``bookkeepingDelay`` later.
    public nonisolated var sink: BridgeEventSink {
        let (dispatcher, deferred) = (dispatcher, deferred)
        return { event in dispatcher.dispatch(event) { deferred.add($0) } }
    }

    /// ``sink`` for the serial inputs' reader threads: what can wait (workers' wake-ups, the
    /// bookkeeping's schedule) is left in the reader's ``FollowUps``.
    public nonisolated var deferringSink: BridgeEventDeferringSink {
        let (dispatcher, deferred) = (dispatcher, deferred)
        return { event, followUps in
            dispatcher.dispatch(event, followUps: followUps) { deferred.add($0, followUps: followUps) }
        }
    }

    /// Starts every light, re-applies the persisted mode, starts every input, and handles
    /// events until ``stop()``.
    public func start() async {
        guard consumer == nil else { return }
        let events = self.events
        consumer = Task { [weak self] in
            for await event in events { await self?.record(event) }
        }
        for light in configuration.lights { await startLight(light) }
        if configuration.bridge.restoreLastMode, let mode = store.load() {
            logger.notice("re-applying the last mode, \(mode), from \(store.path)")
            let routing = dispatcher.route(mode: mode)
            dispatcher.offer(routing)
            await record(routing, persist: false)
        }
        for input in configuration.inputs { await startInput(input) }
    }

    /// A short status line (sd_notify STATUS=).
    public var statusLine: String {
        let mode = status.lastMode.map { "mode \($0)" } ?? "no mode yet"
        return "\(mode); \(outputs.count) lights, \(inputs.count) inputs; \(status.events) events"
    }

    /// The worker of light `name` (for status and tests).
    public func worker(_ name: String) -> LightWorker? { workers[name] }

    /// What input `name` has read (for inputs that count).
    public func inputCounters(_ name: String) -> SourceCounters? { inputs[name]?.counters }

    /// The names of the running inputs.
    public var inputNames: [String] { inputs.keys.sorted() }

    /// Waits until every light's queue is empty and idle.
    public func waitUntilIdle() async {
        for worker in workers.values { await worker.waitUntilIdle() }
    }

    /// Handles one event as if an input delivered it, bookkeeping included (inputs call
    /// ``sink``; tests may call this directly).
    public func handle(_ event: BridgeEvent) async {
        var dispatched: EventDispatcher.Dispatched?
        dispatcher.dispatch(event) { dispatched = $0 }
        if let dispatched { await record(dispatched) }
    }

    /// The bookkeeping of one event already dispatched.
    private func record(_ dispatched: EventDispatcher.Dispatched) async {
        status.events += 1
        switch dispatched {
        case .routed(let command, let source, let routing):
            await record(routing, persist: true)
            if let note = routing.note {
                logger.notice("\(source): \(command.summary): \(note)")
                if routing.mode != nil { status.unknownModes += 1 }
            } else {
                logger.info("\(source): \(command.summary)")
            }
        case .event(.actions(let list, let source)):
            logger.info("\(source): actions for \(list.map(\.light).joined(separator: ", "))")
        case .event(.sourceUp(let source)):
            logger.notice("\(source): open")
        case .event(.sourceGone(let source, let reason)):
            logger.warning("\(source): gone (\(reason)); waiting for it to come back")
        case .event(.command):
            break  // the dispatcher routes every command
        }
    }

    private func record(_ routing: ModeRouter.Routing, persist: Bool) async {
        if let mode = routing.mode {
            status.lastMode = mode
            if persist { persistence.save(mode) }
            scheduleStatus()
        }
    }

    /// STATUS= goes out at most once per ``statusInterval``, with the line as it is then: at a
    /// PLC's full rate a datagram per mode only woke the service manager (and took a core from
    /// the datagrams that matter, BENCHMARKS.md item 7).
    private func scheduleStatus() {
        guard statusTask == nil else { return }
        let interval = statusInterval
        statusTask = Task { [weak self] in
            try? await Task.sleep(for: interval)
            await self?.sendStatus()
        }
    }

    private func sendStatus() {
        statusTask = nil
        notifier.status(statusLine)
    }

    /// Replaces the configuration: lights and inputs whose settings are unchanged keep running
    /// (and keep their connections and open ports); the rest are stopped, started or restarted.
    public func reload(_ new: BridgeConfiguration) async {
        let old = configuration
        configuration = new
        dispatcher.setRouter(ModeRouter(configuration: new))
        let changedLights = Set(
            old.lights.filter { light in new.light(named: light.name) != light }.map(\.name))
        // An input that hangs off a changed light (helvar-recalls) restarts with it.
        let changedInputs = Set(
            old.inputs.filter { input in
                new.inputs.first(where: { $0.name == input.name }) != input
                    || (input.options.text("light").map(changedLights.contains) ?? false)
            }.map(\.name))
        for name in changedInputs { await stopInput(name) }
        for name in changedLights { await stopLight(name) }
        for light in new.lights where outputs[light.name] == nil { await startLight(light) }
        for input in new.inputs where inputs[input.name] == nil { await startInput(input) }
        let summary =
            "configuration reloaded: \(changedLights.count) lights and \(changedInputs.count) inputs changed or removed, "
            + "\(new.lights.count) lights and \(new.inputs.count) inputs now"
        logger.notice("\(summary)")
    }

    /// Stops every input, then every light.
    public func stop() async {
        for name in Array(inputs.keys) { await stopInput(name) }
        deferred.flush()
        eventSink.finish()
        await consumer?.value
        for name in Array(workers.keys) { await stopLight(name) }
        statusTask?.cancel()
        statusTask = nil
        await persistence.drain()
    }

    private func startLight(_ light: LightConfiguration) async {
        let output: any LightOutput
        do {
            output = try factory.output(for: light)
        } catch {
            logger.error("light \(light.name): \(error); it is left out")
            return
        }
        let worker = LightWorker(
            name: light.name, output: output, depth: configuration.bridge.queueDepth,
            logger: Logger(label: "lightbridge.light.\(light.name)"))
        outputs[light.name] = output
        workers[light.name] = worker
        dispatcher.setWorker(worker, for: light.name)
        await worker.start()
    }

    private func stopLight(_ name: String) async {
        let worker = workers.removeValue(forKey: name)
        outputs.removeValue(forKey: name)
        dispatcher.setWorker(nil, for: name)
        await worker?.stop()
    }

    private func startInput(_ input: InputConfiguration) async {
        do {
            let running = try factory.input(
                for: input, configuration: configuration, outputs: outputs, sink: sink, deferringSink: deferringSink)
            inputs[input.name] = running
            await running.start()
        } catch {
            logger.error("input \(input.name): \(error); it is left out")
        }
    }

    private func stopInput(_ name: String) async {
        await inputs.removeValue(forKey: name)?.stop()
    }
}
