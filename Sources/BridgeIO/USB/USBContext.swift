import CLibUSB
import Logging
import NIOConcurrencyHelpers

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A libusb-1.0 context with its own event-handling thread (issue 3, item 6).
///
/// The thread runs `libusb_handle_events_timeout_completed`, which completes asynchronous
/// transfers and delivers hotplug events; between rounds it runs work queued with
/// ``execute(_:)`` and the periodic scans of ``watch(_:mode:handler:)``. ``shutdown()`` stops
/// it cleanly (`libusb_interrupt_event_handler` wakes it, then it is joined) and `libusb_exit`
/// runs when the context is released.
public final class USBContext: @unchecked Sendable {
    let pointer: OpaquePointer
    let logger: Logger
    /// The longest the event thread sleeps in libusb when no scan is due.
    let idleWait: Duration
    private let state = NIOLockedValueBox(State())
    private var thread: pthread_t?
    private let threadLock = NIOLock()

    private struct State {
        var work: [@Sendable () -> Void] = []
        var stopping = false
        var running = false
        var watches: [ObjectIdentifier: USBWatch] = [:]
    }

    /// Initialises libusb (`libusb_init`); throws when it cannot. `idleWait` bounds how long
    /// the event thread sleeps in libusb between checks (``shutdown()`` wakes it sooner).
    public init(logger: Logger = Logger(label: "lightbridge.usb"), idleWait: Duration = .milliseconds(500)) throws(USBError) {
        var context: OpaquePointer?
        let r = libusb_init(&context)
        guard r == 0, let context else { throw .libusb(call: "libusb_init", code: r) }
        pointer = context
        self.logger = logger
        self.idleWait = idleWait
    }

    deinit {
        libusb_exit(pointer)
    }

    /// True when libusb reports device arrival and removal itself (`LIBUSB_CAP_HAS_HOTPLUG`).
    public static var hasHotplug: Bool {
        libusb_has_capability(UInt32(LIBUSB_CAP_HAS_HOTPLUG.rawValue)) != 0
    }

    /// The libusb version, e.g. `1.0.26`.
    public static var libraryVersion: String {
        guard let v = libusb_get_version()?.pointee else { return "unknown" }
        return "\(v.major).\(v.minor).\(v.micro)"
    }

    /// Every device on every bus now (`libusb_get_device_list`).
    public func devices() throws(USBError) -> [USBDevice] {
        var list: UnsafeMutablePointer<OpaquePointer?>?
        let count = libusb_get_device_list(pointer, &list)
        guard count >= 0, let list else { throw .libusb(call: "libusb_get_device_list", code: Int32(truncatingIfNeeded: count)) }
        defer { libusb_free_device_list(list, 1) }
        return (0..<count).compactMap { i in list[i].flatMap { USBDevice($0, context: self) } }
    }

    /// The first connected device `selector` matches (by IDs and location; the serial number is
    /// read where one is selected). Throws ``USBError/noDevice(_:)`` when there is none.
    public func findDevice(_ selector: USBDeviceSelector) throws(USBError) -> USBDevice {
        for device in try devices() where selector.matches(device.info) {
            guard let serial = selector.serial else { return device }
            if (try? device.serialNumber()) == serial { return device }
        }
        throw .noDevice(selector)
    }

    // MARK: Event thread

    /// Starts the event-handling thread (once; later calls do nothing).
    public func start() throws(USBError) {
        let started = state.withLockedValue { s -> Bool in
            if s.running { return false }
            s.running = true
            s.stopping = false
            return true
        }
        guard started else { return }
        var tid = pthread_t()
        let box = Unmanaged.passRetained(self).toOpaque()
        let r = pthread_create(
            &tid, nil,
            { arg in
                guard let arg else { return nil }
                let context = Unmanaged<USBContext>.fromOpaque(arg).takeRetainedValue()
                context.runEventLoop()
                return nil
            }, box)
        guard r == 0 else {
            Unmanaged<USBContext>.fromOpaque(box).release()
            state.withLockedValue { $0.running = false }
            throw .libusb(call: "pthread_create (\(errnoText(r)))", code: LIBUSB_ERROR_OTHER.rawValue)
        }
        threadLock.withLock { thread = tid }
    }

    /// True while the event thread runs.
    public var isRunning: Bool { state.withLockedValue { $0.running } }

    /// Stops the event thread after it has run the work already queued, and waits for it.
    /// Watches are cancelled. Called on the event thread itself it only asks it to stop.
    public func shutdown() {
        state.withLockedValue { $0.stopping = true }
        libusb_interrupt_event_handler(pointer)
        let tid: pthread_t? = threadLock.withLock {
            defer { thread = nil }
            return thread
        }
        guard let tid else {
            // No thread: release the watches here (they would otherwise keep the context alive).
            let watches = state.withLockedValue { s in
                defer { s.watches = [:] }
                return Array(s.watches.values)
            }
            for watch in watches { watch.deregister() }
            return
        }
        if pthread_equal(tid, pthread_self()) != 0 {
            pthread_detach(tid)
            return
        }
        pthread_join(tid, nil)
    }

    /// Runs `work` on the event thread, after the current round of event handling.
    public func execute(_ work: @escaping @Sendable () -> Void) {
        enqueue(work)
        libusb_interrupt_event_handler(pointer)
    }

    /// Queues `work` without waking the thread: safe inside libusb callbacks.
    func enqueue(_ work: @escaping @Sendable () -> Void) {
        state.withLockedValue { $0.work.append(work) }
    }

    /// True on the event thread.
    var onEventThread: Bool {
        threadLock.withLock { thread.map { pthread_equal($0, pthread_self()) != 0 } ?? false }
    }

    private func runEventLoop() {
        let clock = ContinuousClock()
        while true {
            let (work, stopping) = state.withLockedValue { s in
                defer { s.work = [] }
                return (s.work, s.stopping)
            }
            for item in work { item() }
            if stopping { break }
            let now = clock.now
            var wait = idleWait
            for watch in state.withLockedValue({ Array($0.watches.values) }) {
                wait = min(wait, watch.scanIfDue(now: now, clock: clock))
            }
            let (seconds, attoseconds) = max(wait, .milliseconds(1)).components
            var timeout = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
            let r = libusb_handle_events_timeout_completed(pointer, &timeout, nil)
            if r < 0 && r != LIBUSB_ERROR_INTERRUPTED.rawValue {
                logger.error("libusb event handling: \(libusbErrorText(r))")
                usleep(100_000)  // never spin on a persistent error
            }
        }
        let watches = state.withLockedValue { s in
            defer {
                s.watches = [:]
                s.running = false
            }
            return Array(s.watches.values)
        }
        for watch in watches { watch.deregister() }
    }

    func add(_ watch: USBWatch) {
        state.withLockedValue { $0.watches[ObjectIdentifier(watch)] = watch }
    }

    func remove(_ watch: USBWatch) {
        state.withLockedValue { _ = $0.watches.removeValue(forKey: ObjectIdentifier(watch)) }
    }
}
