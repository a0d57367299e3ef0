import BridgeCore
import Logging

/// Opens and closes Smart Light serial sources as their USB-serial adapters come and go (issue 3,
/// item 5): enumeration at start-up finds adapters already plugged in, a ``UdevMonitor`` reports
/// the rest, a ``HotplugTracker`` decides, and each decision opens a ``SmartLightSerialSource`` or
/// closes its reader. Add → open, remove → close, replug → reopen; a source whose device hangs
/// up before its remove event arrives is closed and waits for the device to be added again.
///
/// Events are handled one at a time, in order, by one task, which runs until ``stop()``: call it
/// to end the manager (the task holds it until then).
public actor HotplugSerialManager {
    private enum Input: Sendable {
        case device(DeviceInfo)
        case closedBySelf(SourceID, generation: Int)
    }

    private struct Open {
        var reader: SerialReader
        var generation: Int
    }

    private let configs: [SourceID: HotplugSerialSourceConfig]
    private let logger: Logger
    private let sink: BridgeEventDeferringSink
    private var tracker: HotplugTracker
    private var open: [SourceID: Open] = [:]
    private var generation = 0
    private let inputs: AsyncStream<Input>
    private let inputContinuation: AsyncStream<Input>.Continuation
    private var consumer: Task<Void, Never>?
    private var monitor: UdevMonitor?

    /// Creates a manager for `sources` (earlier sources win when one device matches several);
    /// nothing happens until ``start(watching:)``.
    public init(
        sources: [HotplugSerialSourceConfig], logger: Logger = Logger(label: "lightbridge.hotplug"),
        sink: @escaping BridgeEventSink
    ) {
        self.init(sources: sources, logger: logger, deferringSink: { event, _ in sink(event) })
    }

    /// Creates a manager whose sources deliver through a sink that may leave follow-up work
    /// (``SmartLightSerialSource/init(id:path:settings:format:logger:deferringSink:)``).
    public init(
        sources: [HotplugSerialSourceConfig], logger: Logger = Logger(label: "lightbridge.hotplug"),
        deferringSink: @escaping BridgeEventDeferringSink
    ) {
        self.configs = Dictionary(sources.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.tracker = HotplugTracker(rules: sources.map { HotplugRule(source: $0.id, match: $0.match) })
        self.logger = logger
        self.sink = deferringSink
        (inputs, inputContinuation) = AsyncStream.makeStream(of: Input.self)
    }

    /// The sources open now and the device node each reads.
    public var openSources: [SourceID: String] { tracker.openSources }

    /// Starts handling events. With `watching` (the default) it creates the udev monitor first
    /// (so nothing is missed in between), then enumerates the `tty` devices present and opens
    /// those that match, then follows the monitor's events. Throws when libudev is unusable.
    public func start(watching: Bool = true) throws(UdevError) {
        guard consumer == nil else { return }
        consumer = Task { [inputs] in
            for await input in inputs { await self.process(input) }
        }
        guard watching else { return }
        let monitor = try UdevMonitor(subsystems: ["tty", "usb"], logger: logger)
        let present = try UdevEnumerator.devices(subsystems: [tracker.subsystem])
        for device in present { submit(device) }
        let continuation = inputContinuation
        try monitor.start { continuation.yield(.device($0)) }
        self.monitor = monitor
        logger.info("hotplug: watching udev, \(present.count) \(tracker.subsystem) devices present")
    }

    /// Queues a device event (from the monitor, or synthesized).
    public nonisolated func submit(_ device: DeviceInfo) {
        inputContinuation.yield(.device(device))
    }

    /// Stops watching, waits for queued events to be handled, and closes every open source.
    public func stop() async {
        monitor?.stop()
        monitor = nil
        inputContinuation.finish()
        await consumer?.value
        for (source, entry) in open {
            logger.info("hotplug: closing \(source)")
            await entry.reader.close()
        }
        open = [:]
    }

    private func process(_ input: Input) async {
        switch input {
        case .device(let device):
            let decisions = tracker.handle(device)
            if !decisions.isEmpty { logger.debug("hotplug: \(device.action) \(device.devnode ?? device.syspath)") }
            await apply(decisions)
        case .closedBySelf(let source, let generation):
            guard open[source]?.generation == generation else { return }
            open[source] = nil
            logger.warning("hotplug: \(source) closed by itself; waiting for its device to be added again")
            await apply(tracker.closedBySelf(source))
        }
    }

    private func apply(_ decisions: [HotplugDecision]) async {
        for decision in decisions {
            switch decision {
            case .close(let source, let devnode):
                logger.info("hotplug: \(devnode) removed, closing \(source)")
                if let entry = open.removeValue(forKey: source) { await entry.reader.close() }
            case .open(let source, let device):
                await openSource(source, on: device)
            }
        }
    }

    private func openSource(_ id: SourceID, on device: DeviceIdentity) async {
        guard let config = configs[id] else { return }
        let source = SmartLightSerialSource(
            id: id, path: device.devnode, settings: config.settings, format: config.format, logger: logger,
            deferringSink: sink)
        do {
            let reader = try source.open()
            generation += 1
            let generation = self.generation
            open[id] = Open(reader: reader, generation: generation)
            let continuation = inputContinuation
            Task {
                await reader.waitUntilEnded()
                continuation.yield(.closedBySelf(id, generation: generation))
            }
            logger.info("hotplug: opened \(id) on \(device)")
        } catch {
            logger.error("hotplug: cannot open \(id) on \(device): \(error)")
            await apply(tracker.openFailed(id))
        }
    }
}
