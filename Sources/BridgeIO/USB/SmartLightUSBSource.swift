import BridgeCore
import LightProtocols
import Logging
import NIOConcurrencyHelpers

/// A Smart Light device on USB as a bridge input (DESIGN.md data flow: "USB (libusb) ─ packet
/// decoder"; PROTOCOLS.md §1.4). It watches for the selected device (hotplug, else a periodic
/// scan), opens a ``SmartLightUSBTransport`` when it arrives, turns request packets into
/// `.command` events (`.sourceUp` first), and on removal reports `.sourceGone` and waits for
/// the device to come back. A device that cannot be opened (no permission, busy, wrong
/// endpoints) is logged with the typed error and the source keeps waiting: no crash, no retry
/// loop (the next attempt is the device's next arrival).
public final class SmartLightUSBSource: @unchecked Sendable {
    /// Where the source stands.
    public enum Status: Sendable, Hashable, CustomStringConvertible {
        /// Not started, or stopped.
        case stopped
        /// Started; no device open. The text says why (no device yet, or the last error).
        case waiting(String)
        /// Reading from this device.
        case open(USBDeviceInfo)

        public var description: String {
            switch self {
            case .stopped: return "stopped"
            case .waiting(let why): return "waiting: \(why)"
            case .open(let device): return "open: \(device)"
            }
        }
    }

    /// The source's name in events and logs.
    public let id: SourceID
    /// The settings.
    public let settings: SmartLightUSBSettings
    private let context: USBContext
    private let logger: Logger
    private let sink: BridgeEventSink
    private let countersBox = NIOLockedValueBox(SourceCounters())
    private let state = NIOLockedValueBox(State())

    private struct State {
        var status = Status.stopped
        var watch: USBWatch?
        var transport: SmartLightUSBTransport?
    }

    /// Creates a source on `context`; nothing happens until ``start()``.
    public init(
        id: SourceID? = nil, settings: SmartLightUSBSettings, context: USBContext,
        logger: Logger = Logger(label: "lightbridge.usb"), sink: @escaping BridgeEventSink
    ) {
        self.id = id ?? SourceID("usb:\(settings.device)")
        self.settings = settings
        self.context = context
        self.logger = logger
        self.sink = sink
    }

    /// What the source has read so far.
    public var counters: SourceCounters { countersBox.withLockedValue { $0 } }

    /// Where the source stands.
    public var status: Status { state.withLockedValue { $0.status } }

    /// Starts the context's event thread (if needed) and the watch. When no matching device is
    /// present now, says so in the log and in ``status``.
    public func start() throws(USBError) {
        try settings.validate()
        try context.start()
        let watch = try context.watch(
            settings.device, preferHotplug: settings.arrival == .automatic,
            scanIntervalMilliseconds: settings.scanIntervalMilliseconds
        ) { [weak self] event in self?.handle(event) }
        let present = (try? context.devices())?.contains { settings.device.matches($0.info) } ?? false
        let waiting = "\(USBError.noDevice(settings.device)); waiting for it (\(watch.mode))"
        state.withLockedValue {
            $0.watch = watch
            if case .stopped = $0.status { $0.status = .waiting(present ? "opening \(settings.device)" : waiting) }
        }
        if !present { logger.notice("\(id): \(waiting)") }
    }

    /// Stops watching and closes the device (`.sourceGone` follows if it was open).
    public func stop() {
        let (watch, transport) = state.withLockedValue { s in
            defer {
                s.watch = nil
                s.status = .stopped
            }
            return (s.watch, s.transport)
        }
        watch?.cancel()
        transport?.close(reason: "stopped")
    }

    /// Sends raw packet bytes to the open device (for replies and for the output driver).
    public func write(_ bytes: [UInt8]) async throws(USBError) {
        guard let transport = state.withLockedValue({ $0.transport }) else { throw .notOpen }
        try await transport.write(bytes)
    }

    private func handle(_ event: USBPresenceEvent) {
        switch event {
        case .arrived(let device): open(device)
        case .left(let info):
            let transport = state.withLockedValue { $0.transport }
            if let transport, transport.device.info.key == info.key { transport.close(reason: "unplugged") }
        }
    }

    private func open(_ device: USBDevice) {
        let busy = state.withLockedValue { s -> Bool in
            if case .stopped = s.status { return true }
            return s.transport != nil
        }
        if busy {
            logger.notice("\(id): \(device.info) ignored: a device is already open (or the source is stopped)")
            return
        }
        let handler = SmartLightUSBPacketHandler(
            source: id, format: settings.packetFormat, acknowledge: settings.acknowledgeRequests, counters: countersBox,
            logger: logger, sink: sink
        ) { [weak self] bytes in self?.reply(bytes) }
        do {
            let transport = try SmartLightUSBTransport.open(
                device, settings: settings, logger: logger, onData: { handler.received($0) },
                onClose: { [weak self] reason in self?.closed(reason) })
            state.withLockedValue {
                $0.transport = transport
                $0.status = .open(device.info)
            }
            logger.info("\(id): opened \(device.info)")
            sink(.sourceUp(id))
        } catch {
            // Another device with the same VID:PID is normal on a site with several; the rest
            // (permission, busy, endpoints) is a configuration fault to fix.
            if case .serialMismatch = error { logger.notice("\(id): \(error)") } else { logger.error("\(id): \(error)") }
            state.withLockedValue { if case .waiting = $0.status { $0.status = .waiting("\(error)") } }
        }
    }

    private func reply(_ bytes: [UInt8]) {
        guard let transport = state.withLockedValue({ $0.transport }) else { return }
        transport.write(bytes) { [id, logger] result in
            if case .failure(let error) = result { logger.warning("\(id): reply not sent: \(error)") }
        }
    }

    private func closed(_ reason: String) {
        state.withLockedValue {
            $0.transport = nil
            if case .open = $0.status { $0.status = .waiting("\(reason); waiting for the device to return") }
        }
        logger.notice("\(id): device gone (\(reason))")
        sink(.sourceGone(id, reason: reason))
    }
}
