import BridgeCore
import NIOConcurrencyHelpers
import Testing

@testable import BridgeIO

#if canImport(Glibc)
    import Glibc
#endif

/// The libudev netlink monitor, for real (issue 3, item 5). udevd does not run on the build
/// machine, so udevd's events are exercised in QEMU (issue 6); here the monitor is created,
/// started and stopped for real, and the kernel's own uevents prove the receive path.
@Suite(.serialized) struct UdevMonitorTests {
    @Test func udevMonitorStartsAndStopsCleanly() throws {
        let monitor = try UdevMonitor()
        #expect(monitor.subsystems == ["tty", "usb"])
        #expect(!monitor.isRunning)
        try monitor.start { _ in }
        #expect(monitor.isRunning)
        #expect(throws: UdevError.alreadyStarted) { try monitor.start { _ in } }
        let clock = ContinuousClock()
        let took = clock.measure { monitor.stop() }
        #expect(!monitor.isRunning)
        // The poll has no timeout: without the wake-up pipe stop() would never return.
        #expect(took < .seconds(20), "the wake-up pipe ends the poll")
        monitor.stop()
        #expect(throws: UdevError.alreadyStarted) { try monitor.start { _ in } }
    }

    @Test func aStartedMonitorSleepsInsteadOfSpinning() async throws {
        let monitor = try UdevMonitor()
        try monitor.start { _ in }
        try await Task.sleep(for: .milliseconds(300))
        // No udevd here: nothing arrives, so the thread has not woken once in 300 ms.
        #expect(monitor.wakeups.withLockedValue { $0 } == 0)
        monitor.stop()
        #expect(monitor.wakeups.withLockedValue { $0 } == 1, "the stop wake-up, then the thread ended")
    }

    @Test func droppingAStartedMonitorEndsItsThreadAndClosesItsSockets() throws {
        let fds = Sysfs.list("/proc/self/fd").count
        let threads = Sysfs.list("/proc/self/task").count
        for _ in 0..<100 {
            let monitor = try UdevMonitor(subsystems: ["tty"])
            try monitor.start { _ in }
            #expect(monitor.isRunning)
        }
        // Leaked monitors would keep 100 threads and 300 descriptors; the suites running
        // meanwhile hold a few dozen of their own at most.
        #expect(Sysfs.list("/proc/self/task").count - threads < 50)
        #expect(Sysfs.list("/proc/self/fd").count - fds < 100)
    }

    /// A synthetic uevent written into sysfs reaches a kernel-source monitor as a `DeviceInfo`,
    /// filtered by subsystem. `/dev/tty` (virtual, on every Linux system) is the device; with
    /// no udevd running the "change" has no other effect.
    @Test func kernelUeventIsReceivedAndFiltered() async throws {
        let received = NIOLockedValueBox<[DeviceInfo]>([])
        let monitor = try UdevMonitor(subsystems: ["tty"], source: .kernel)
        try monitor.start { device in received.withLockedValue { $0.append(device) } }
        defer { monitor.stop() }
        #expect(Sysfs.write("/sys/devices/virtual/mem/null/uevent", "change"), "needs root: the build machines run as root")
        #expect(Sysfs.write("/sys/devices/virtual/tty/tty/uevent", "change"))
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(5)
        while clock.now < deadline, received.withLockedValue({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(10)) }
        try await Task.sleep(for: .milliseconds(100))
        let devices = received.withLockedValue { $0 }
        let tty = try #require(devices.first)
        #expect(tty.action == .change)
        #expect(tty.subsystem == "tty")
        #expect(tty.devnode == "/dev/tty")
        #expect(tty.syspath == "/sys/devices/virtual/tty/tty")
        #expect(tty.properties["MAJOR"] == "5")
        #expect(devices.allSatisfy { $0.subsystem == "tty" }, "the mem event is filtered out")
    }
}
