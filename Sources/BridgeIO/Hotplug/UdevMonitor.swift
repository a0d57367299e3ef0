import BridgeCore
import CUDev
import Logging
import NIOConcurrencyHelpers
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A libudev netlink monitor for device events (issue 3, item 5): by default udevd's processed
/// events (`"udev"`, with `ID_*` properties and links, sent after the rules ran, so permissions
/// and symlinks are in place) for the `tty` and `usb` subsystems.
///
/// Events are read on a thread of its own that sleeps in `poll()` on the monitor's socket and a
/// wake-up pipe; ``stop()`` wakes it and waits for it to end. The handler runs on that thread:
/// it must be quick, must not block, and must not call ``stop()``.
///
/// Where udevd is not running (a container without `/run/udev`) the monitor still starts but
/// receives nothing: enumerate at start-up and expect no events.
public final class UdevMonitor: @unchecked Sendable {
    /// Which netlink group to listen to.
    public enum EventSource: String, Sendable {
        /// udevd's events, after its rules ran (the normal case).
        case udev
        /// The kernel's raw uevents: no udev properties, and they may arrive before udevd has
        /// set permissions. For diagnostics and tests.
        case kernel
    }

    /// The subsystems it reports.
    public let subsystems: [String]
    /// The netlink group it listens to.
    public let source: EventSource
    private let udev: OpaquePointer
    private let monitor: OpaquePointer
    private let wakeReader: Int32
    private let wakeWriter: Int32
    private let logger: Logger
    private let state = NIOLockedValueBox<State>(.created)
    /// How often `poll()` returned: the test that the thread sleeps when nothing happens.
    let wakeups = NIOLockedValueBox(0)

    private enum State {
        case created
        case running(NIOThreadPool)
        case stopped
    }

    /// Creates the monitor: the netlink socket is bound and filtered, and buffers events from
    /// now on, so a device that appears between an enumeration and ``start(_:)`` is not missed.
    public init(
        subsystems: [String] = ["tty", "usb"], source: EventSource = .udev,
        logger: Logger = Logger(label: "lightbridge.udev")
    ) throws(UdevError) {
        guard let udev = udev_new() else { throw .contextUnavailable(errno: errno) }
        guard let monitor = udev_monitor_new_from_netlink(udev, source.rawValue) else {
            let e = errno
            udev_unref(udev)
            throw .monitorUnavailable(source: source.rawValue, errno: e)
        }
        func fail(_ call: String, _ result: Int32) -> UdevError {
            udev_monitor_unref(monitor)
            udev_unref(udev)
            return .call(call, errno: result < 0 ? -result : errno)
        }
        for subsystem in subsystems {
            let result = udev_monitor_filter_add_match_subsystem_devtype(monitor, subsystem, nil)
            if result < 0 { throw fail("udev_monitor_filter_add_match_subsystem_devtype(\(subsystem))", result) }
        }
        let result = udev_monitor_enable_receiving(monitor)
        if result < 0 { throw fail("udev_monitor_enable_receiving", result) }
        var wake: [Int32] = [-1, -1]
        if pipe(&wake) != 0 { throw fail("pipe", -1) }
        for descriptor in wake {
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            _ = fcntl(descriptor, F_SETFL, O_NONBLOCK)
        }
        self.subsystems = subsystems
        self.source = source
        self.udev = udev
        self.monitor = monitor
        self.wakeReader = wake[0]
        self.wakeWriter = wake[1]
        self.logger = logger
    }

    deinit {
        stop()
        close(wakeReader)
        close(wakeWriter)
        udev_monitor_unref(monitor)
        udev_unref(udev)
    }

    /// Whether the reading thread runs.
    public var isRunning: Bool {
        state.withLockedValue { if case .running = $0 { return true } else { return false } }
    }

    /// Starts delivering events to `handler` on the monitor's thread. A monitor starts once.
    public func start(_ handler: @escaping @Sendable (DeviceInfo) -> Void) throws(UdevError) {
        let pool: NIOThreadPool? = state.withLockedValue { state in
            guard case .created = state else { return nil }
            let pool = NIOThreadPool(numberOfThreads: 1)
            state = .running(pool)
            return pool
        }
        guard let pool else { throw .alreadyStarted }
        pool.start()
        // The thread holds what it reads, not the monitor, so dropping the monitor stops it.
        let loop = ReadLoop(monitor: monitor, wakeReader: wakeReader, logger: logger, wakeups: wakeups)
        pool.submit { work in
            guard case .active = work else { return }
            loop.run(handler)
        }
        logger.debug("udev monitor started", metadata: ["source": "\(source.rawValue)", "subsystems": "\(subsystems)"])
    }

    /// Stops the reading thread and waits for it to end. Idempotent.
    public func stop() {
        let pool: NIOThreadPool? = state.withLockedValue { state in
            defer { state = .stopped }
            if case .running(let pool) = state { return pool }
            return nil
        }
        guard let pool else { return }
        var byte: UInt8 = 1
        _ = write(wakeWriter, &byte, 1)
        try? pool.syncShutdownGracefully()
        logger.debug("udev monitor stopped")
    }
}

/// The monitor's reading loop. The monitor outlives it: its `stop()` (also from `deinit`) waits
/// for the loop to end before libudev's objects are released.
private struct ReadLoop: @unchecked Sendable {
    let monitor: OpaquePointer
    let wakeReader: Int32
    let logger: Logger
    let wakeups: NIOLockedValueBox<Int>

    /// Sleeps in `poll()` until an event or the wake-up.
    func run(_ handler: @Sendable (DeviceInfo) -> Void) {
        let socket = udev_monitor_get_fd(monitor)
        var descriptors = [
            pollfd(fd: socket, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeReader, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            let ready = poll(&descriptors, 2, -1)
            wakeups.withLockedValue { $0 += 1 }
            if ready < 0 {
                if errno == EINTR { continue }
                logger.error("udev monitor: poll failed: \(errnoText(errno)); no more hotplug events")
                return
            }
            if descriptors[1].revents != 0 { return }
            let events = descriptors[0].revents
            if events & Int16(POLLIN | POLLERR) != 0 {
                // The socket is non-blocking: read until libudev has nothing more. Each read
                // consumes a message (or a pending error such as ENOBUFS), so this cannot spin.
                while let device = udev_monitor_receive_device(monitor) {
                    handler(UdevDevice.info(device))
                    udev_device_unref(device)
                }
                let e = errno
                if e == ENOBUFS { logger.warning("udev monitor: events were lost (receive buffer overflow)") }
            }
            if events & Int16(POLLHUP | POLLNVAL) != 0 {
                logger.error("udev monitor: netlink socket closed; no more hotplug events")
                return
            }
        }
    }
}
