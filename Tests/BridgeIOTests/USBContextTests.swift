import BridgeCore
import NIOConcurrencyHelpers
import Testing

@testable import BridgeIO

#if canImport(Glibc)
    import Glibc
#endif

/// A real libusb-1.0 context on this machine (issue 3, item 6). The build machines have no USB
/// bus, so every scan here is empty: these tests prove initialisation, the event thread, the
/// hotplug registration, the scan fallback and the "no device" path; opening and transferring
/// need a device (the QEMU issue).
@Suite(.serialized) struct USBContextTests {
    /// A VID:PID that no real device has: USB-IF never assigns vendor ID 0xffff.
    let absent = USBDeviceSelector(vendorID: 0xFFFF, productID: 0xFFFE)

    @Test func contextInitialisesAndReportsItsCapabilities() throws {
        let context = try USBContext()
        #expect(USBContext.libraryVersion.hasPrefix("1.0."))
        // Linux libusb always has hotplug (udev or netlink backend).
        #expect(USBContext.hasHotplug)
        _ = try context.devices()
        #expect(USBDeviceListing.summary.contains("hotplug"))
    }

    @Test func scanFindsNoDeviceAndSaysSo() throws {
        let context = try USBContext()
        #expect(throws: USBError.noDevice(absent)) { try context.findDevice(absent) }
        #expect(USBError.noDevice(absent).description == "no USB device ffff:fffe found")
        #expect(try USBDeviceListing.lines(context, matching: absent).isEmpty)
    }

    @Test func eventThreadRunsWorkAndStopsCleanly() async throws {
        // The thread would sleep in libusb for 60 s; shutdown must wake it instead of waiting.
        let context = try USBContext(idleWait: .seconds(60))
        try context.start()
        try context.start()  // a second start is a no-op
        #expect(context.isRunning)
        let ran = NIOLockedValueBox<(Bool, Bool)?>(nil)
        let caller = pthread_self()
        context.execute { ran.withLockedValue { $0 = (pthread_equal(pthread_self(), caller) == 0, context.onEventThread) } }
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(2)
        while ran.withLockedValue({ $0 }) == nil && clock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        let result = ran.withLockedValue { $0 }
        #expect(result?.0 == true, "work runs on another thread")
        #expect(result?.1 == true, "and that thread is the event thread")
        let start = clock.now
        context.shutdown()
        #expect(clock.now - start < .seconds(20), "woken, not left to sleep out its 60 s")
        #expect(!context.isRunning)
        context.shutdown()  // idempotent
    }

    @Test func periodicScanRunsAtItsIntervalAndReportsNothing() async throws {
        let context = try USBContext()
        try context.start()
        defer { context.shutdown() }
        let events = NIOLockedValueBox(0)
        let watch = try context.watch(absent, preferHotplug: false, scanIntervalMilliseconds: 50) { _ in
            events.withLockedValue { $0 += 1 }
        }
        #expect(watch.mode == .scan(intervalMilliseconds: 50))
        // It keeps scanning (however slowly a loaded machine runs it), never faster than its
        // interval, and finds nothing.
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + .seconds(20)
        while watch.scanCount < 3 && clock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        let elapsed = clock.now - start
        let scans = watch.scanCount
        #expect(scans >= 3, "a scan watch scans repeatedly")
        #expect(scans <= Int(elapsed / .milliseconds(50)) + 2, "no faster than every 50 ms: \(scans) in \(elapsed)")
        #expect(events.withLockedValue { $0 } == 0)
        watch.cancel()
        try await Task.sleep(for: .milliseconds(150))
        let after = watch.scanCount
        try await Task.sleep(for: .milliseconds(200))
        #expect(watch.scanCount == after, "a cancelled watch scans no more")
    }

    @Test func hotplugWatchRegistersAndCancels() async throws {
        let context = try USBContext()
        try context.start()
        defer { context.shutdown() }
        let events = NIOLockedValueBox(0)
        let watch = try context.watch(absent) { _ in events.withLockedValue { $0 += 1 } }
        #expect(watch.mode == .hotplug)
        try await Task.sleep(for: .milliseconds(100))
        #expect(events.withLockedValue { $0 } == 0)
        #expect(watch.scanCount == 0, "hotplug needs no scanning")
        watch.cancel()
        watch.cancel()
        #expect(watch.isCancelled)
    }

    @Test(arguments: [SmartLightUSBSettings.Arrival.automatic, .scan])
    func sourceWithoutItsDeviceWaitsAndSaysWhy(_ arrival: SmartLightUSBSettings.Arrival) async throws {
        let context = try USBContext()
        defer { context.shutdown() }
        let recorder = EventRecorder()
        let settings = SmartLightUSBSettings(device: absent, arrival: arrival, scanIntervalMilliseconds: 20)
        let source = SmartLightUSBSource(settings: settings, context: context, sink: recorder.sink)
        #expect(source.status == .stopped)
        try source.start()
        let mode = arrival == .scan ? "a scan every 20 ms" : "hotplug"
        #expect(source.status == .waiting("no USB device ffff:fffe found; waiting for it (\(mode))"))
        #expect(source.id == SourceID("usb:ffff:fffe"))
        try await Task.sleep(for: .milliseconds(150))
        #expect(recorder.events.isEmpty)
        await #expect(throws: USBError.notOpen) { try await source.write([1, 5, 0x51, 0, 1]) }
        source.stop()
        #expect(source.status == .stopped)
        #expect(recorder.events.isEmpty, "nothing was open, so nothing is gone")
    }

    @Test func badSettingsAreRefusedBeforeAnythingStarts() throws {
        let context = try USBContext()
        let source = SmartLightUSBSource(
            settings: SmartLightUSBSettings(device: absent, inEndpoint: 0x01), context: context, sink: { _ in })
        #expect(throws: USBError.self) { try source.start() }
        #expect(!context.isRunning)
    }
}
