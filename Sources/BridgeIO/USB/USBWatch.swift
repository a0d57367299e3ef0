import CLibUSB
import NIOConcurrencyHelpers

/// A device matching a watch's selector arrived or left.
public enum USBPresenceEvent: Sendable {
    /// It is connected (or was already connected when the watch started).
    case arrived(USBDevice)
    /// It was disconnected.
    case left(USBDeviceInfo)
}

/// Watches the bus for devices a selector matches (issue 3, item 6): by libusb hotplug
/// (`libusb_hotplug_register_callback`, arrival and departure, filtered on VID:PID, devices
/// already present enumerated at once) when the platform has it, else by a periodic scan
/// (`libusb_get_device_list`). Events are delivered on the context's event thread.
public final class USBWatch: @unchecked Sendable {
    /// How arrivals are noticed.
    public enum Mode: Sendable, Hashable, CustomStringConvertible {
        /// libusb hotplug callbacks.
        case hotplug
        /// A scan every so many milliseconds.
        case scan(intervalMilliseconds: Int)

        public var description: String {
            switch self {
            case .hotplug: return "hotplug"
            case .scan(let ms): return "a scan every \(ms) ms"
            }
        }
    }

    /// What is watched for.
    public let selector: USBDeviceSelector
    /// How, as chosen when the watch started.
    public let mode: Mode
    private let context: USBContext
    private let handler: @Sendable (USBPresenceEvent) -> Void
    private let box = NIOLockedValueBox(Registration())
    // Scan state: used on the event thread only.
    private var tracker = USBPresenceTracker()
    private var nextScan: ContinuousClock.Instant?

    private struct Registration {
        var handle: libusb_hotplug_callback_handle?
        var userData: UnsafeMutableRawPointer?
        var cancelled = false
        var scans = 0
    }

    init(
        selector: USBDeviceSelector, mode: Mode, context: USBContext, handler: @escaping @Sendable (USBPresenceEvent) -> Void
    ) {
        self.selector = selector
        self.mode = mode
        self.context = context
        self.handler = handler
    }

    /// Scans done so far (scan mode).
    public var scanCount: Int { box.withLockedValue { $0.scans } }

    /// True once cancelled; no events are delivered after that.
    public var isCancelled: Bool { box.withLockedValue { $0.cancelled } }

    /// Stops watching. Safe from any thread, more than once.
    public func cancel() {
        let first = box.withLockedValue { r -> Bool in
            defer { r.cancelled = true }
            return !r.cancelled
        }
        guard first else { return }
        if context.isRunning && !context.onEventThread {
            context.execute { [self] in
                deregister()
                context.remove(self)
            }
        } else {
            deregister()
            context.remove(self)
        }
    }

    /// Registers the hotplug callback (`LIBUSB_HOTPLUG_ENUMERATE`: devices present now arrive too).
    func registerHotplug() throws(USBError) {
        let userData = Unmanaged.passRetained(self).toOpaque()
        var handle = libusb_hotplug_callback_handle()
        let events = Int32(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED.rawValue | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT.rawValue)
        let r = libusb_hotplug_register_callback(
            context.pointer, events, Int32(LIBUSB_HOTPLUG_ENUMERATE.rawValue), Int32(selector.vendorID),
            Int32(selector.productID), LIBUSB_HOTPLUG_MATCH_ANY, hotplugCallback, userData, &handle)
        guard r == 0 else {
            Unmanaged<USBWatch>.fromOpaque(userData).release()
            throw .libusb(call: "libusb_hotplug_register_callback", code: r)
        }
        box.withLockedValue {
            $0.handle = handle
            $0.userData = userData
        }
        // Enumerated arrivals were queued during registration: let the event thread run them.
        libusb_interrupt_event_handler(context.pointer)
    }

    /// A hotplug callback for this watch: queues the event (no other libusb calls here).
    fileprivate func hotplug(_ pointer: OpaquePointer, arrived: Bool) {
        guard !isCancelled, let device = USBDevice(pointer, context: context), selector.matches(device.info) else { return }
        let event: USBPresenceEvent = arrived ? .arrived(device) : .left(device.info)
        context.enqueue { [self] in deliver(event) }
    }

    private func deliver(_ event: USBPresenceEvent) {
        if !isCancelled { handler(event) }
    }

    /// Undoes ``registerHotplug()``: called on the event thread or with none running.
    func deregister() {
        let (handle, userData) = box.withLockedValue { r in
            defer {
                r.handle = nil
                r.userData = nil
            }
            return (r.handle, r.userData)
        }
        if let handle { libusb_hotplug_deregister_callback(context.pointer, handle) }
        if let userData { Unmanaged<USBWatch>.fromOpaque(userData).release() }
    }

    /// On the event thread: scans when one is due; returns the time until the next one.
    func scanIfDue(now: ContinuousClock.Instant, clock: ContinuousClock) -> Duration {
        guard case .scan(let ms) = mode, !isCancelled else { return .seconds(3600) }
        let interval = Duration.milliseconds(ms)
        if let next = nextScan, next > now { return next - now }
        scan()
        nextScan = now + interval
        return interval
    }

    private func scan() {
        box.withLockedValue { $0.scans += 1 }
        let devices: [USBDevice]
        do {
            devices = try context.devices().filter { selector.matches($0.info) }
        } catch {
            context.logger.error("USB scan: \(error)")
            return
        }
        let (arrived, left) = tracker.update(devices.map(\.info))
        for info in left { deliver(.left(info)) }
        for info in arrived {
            if let device = devices.first(where: { $0.info == info }) { deliver(.arrived(device)) }
        }
    }
}

/// The C hotplug callback: forwards to the ``USBWatch`` in `user_data`. Returning 0 keeps it
/// registered.
private let hotplugCallback: libusb_hotplug_callback_fn = { _, device, event, userData in
    guard let device, let userData else { return 0 }
    let watch = Unmanaged<USBWatch>.fromOpaque(userData).takeUnretainedValue()
    watch.hotplug(device, arrived: event == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED)
    return 0
}

extension USBContext {
    /// Starts watching for devices `selector` matches; `handler` runs on the event thread (start
    /// it with ``start()``). `preferHotplug` uses libusb hotplug when ``hasHotplug``; otherwise,
    /// or when false, the bus is scanned every `scanIntervalMilliseconds`.
    public func watch(
        _ selector: USBDeviceSelector, preferHotplug: Bool = true, scanIntervalMilliseconds: Int = 2000,
        handler: @escaping @Sendable (USBPresenceEvent) -> Void
    ) throws(USBError) -> USBWatch {
        let mode: USBWatch.Mode =
            preferHotplug && USBContext.hasHotplug ? .hotplug : .scan(intervalMilliseconds: max(10, scanIntervalMilliseconds))
        let watch = USBWatch(selector: selector, mode: mode, context: self, handler: handler)
        if mode == .hotplug { try watch.registerHotplug() }
        add(watch)
        libusb_interrupt_event_handler(pointer)
        return watch
    }
}
