import BridgeIO
import LightDrivers
import LightProtocols
import Testing

/// The Smart Light driver's USB transport without hardware (issue 4 item 5): there is no Smart
/// Light USB device here, so this proves the failure path only — a typed error, retries with
/// back-off, no crash and no busy loop. Real transfers are tested in QEMU (issue 6).
@Suite struct SmartLightDriverUSBTests {
    @Test func anAbsentDeviceIsADownLinkThatKeepsBeingRetried() async throws {
        // USB-IF never assigns vendor ID 0xffff, so no machine has this device.
        let usb = SmartLightUSBSettings(device: USBDeviceSelector(vendorID: 0xFFFF, productID: 0xFFFE))
        let driver = SmartLightDriver(
            settings: SmartLightDriverSettings(
                transport: .usb(usb), replyTimeout: .milliseconds(200),
                reconnect: Backoff(initial: .milliseconds(50), maximum: .milliseconds(100))))
        await driver.start()
        #expect(
            await eventually {
                if case .down(let reason) = await driver.health {
                    reason.contains("ffff:fffe") || reason.contains("libusb")
                } else {
                    false
                }
            })
        #expect(await eventually { await driver.openAttempts >= 3 })
        let error = await outcome(driver, .modeSet(mode: 1))
        #expect(error == .notConnected)
        // Retries follow the back-off (at least 50 ms apart), not a spin: a second of waiting
        // cannot hold hundreds of attempts.
        let before = await driver.openAttempts
        try await Task.sleep(for: .seconds(1))
        #expect(await driver.openAttempts - before < 40)
        await driver.stop()
        #expect(await outcome(driver, .clear) == .stopped)
    }

    @Test func aBadUSBSettingIsATypedOpenFailure() async throws {
        var usb = SmartLightUSBSettings(device: USBDeviceSelector(vendorID: 0xFFFF, productID: 0xFFFE))
        usb.inEndpoint = 0x01  // direction bit clear: not an IN endpoint
        let driver = SmartLightDriver(
            settings: SmartLightDriverSettings(
                transport: .usb(usb), reconnect: Backoff(initial: .milliseconds(50), maximum: .milliseconds(100))))
        await driver.start()
        #expect(
            await eventually {
                if case .down(let reason) = await driver.health { reason.contains("IN endpoint 0x01") } else { false }
            })
        await driver.stop()
    }
}
