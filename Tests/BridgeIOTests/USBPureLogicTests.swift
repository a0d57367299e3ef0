import CLibUSB
import Testing

@testable import BridgeIO

/// The USB logic that needs no device: settings, endpoint checks, the scan diff and what an IN
/// completion status leads to (issue 3, item 6).
@Suite struct USBPureLogicTests {
    let selector = USBDeviceSelector(vendorID: 0x1A86, productID: 0x7523)

    @Test func defaultSettingsAreValidAndBadOnesAreNamed() throws {
        try SmartLightUSBSettings(device: selector).validate()
        let bad: [(SmartLightUSBSettings, String)] = [
            (SmartLightUSBSettings(device: selector, outEndpoint: 0x81), "OUT endpoint 0x81"),
            (SmartLightUSBSettings(device: selector, outEndpoint: 0x00), "OUT endpoint 0x00"),
            (SmartLightUSBSettings(device: selector, inEndpoint: 0x02), "IN endpoint 0x02"),
            (SmartLightUSBSettings(device: selector, inEndpoint: 0xC1), "bits 4-6"),
            (SmartLightUSBSettings(device: selector, interface: 256), "interface 256"),
            (SmartLightUSBSettings(device: selector, readSize: 0), "read size 0"),
            (SmartLightUSBSettings(device: selector, readTransfers: 0), "read transfers 0"),
            (SmartLightUSBSettings(device: selector, scanIntervalMilliseconds: 1), "scan interval 1 ms"),
        ]
        for (settings, text) in bad {
            #expect {
                try settings.validate()
            } throws: { error in
                guard case .invalidSetting(let reason) = error as? USBError else { return false }
                return reason.contains(text)
            }
        }
    }

    @Test func endpointCheckNamesWhatTheInterfaceHas() throws {
        let layout = USBInterfaceLayout(endpoints: [
            .init(address: 0x02, type: .bulk), .init(address: 0x82, type: .bulk), .init(address: 0x83, type: .isochronous),
        ])
        try layout.check(outEndpoint: 0x02, inEndpoint: 0x82, device: "d")
        #expect(throws: USBError.noSuchEndpoint(device: "d", endpoint: 0x01, reason: "the interface has 0x02, 0x82, 0x83")) {
            try layout.check(outEndpoint: 0x01, inEndpoint: 0x82, device: "d")
        }
        #expect(throws: USBError.noSuchEndpoint(device: "d", endpoint: 0x83, reason: "it is a isochronous endpoint, not bulk")) {
            try layout.check(outEndpoint: 0x02, inEndpoint: 0x83, device: "d")
        }
        #expect(throws: USBError.noSuchEndpoint(device: "d", endpoint: 0x02, reason: "the interface has no endpoints")) {
            try USBInterfaceLayout(endpoints: []).check(outEndpoint: 0x02, inEndpoint: 0x82, device: "d")
        }
        // Interrupt endpoints work through the bulk API on Linux (usbfs converts the URB).
        try USBInterfaceLayout(endpoints: [.init(address: 0x01, type: .interrupt), .init(address: 0x81, type: .interrupt)])
            .check(outEndpoint: 0x01, inEndpoint: 0x81, device: "d")
    }

    @Test func scansBecomeArrivalsAndDepartures() {
        func device(_ address: UInt8) -> USBDeviceInfo {
            USBDeviceInfo(vendorID: 0x1A86, productID: 0x7523, bus: 1, address: address, portPath: [2])
        }
        var tracker = USBPresenceTracker()
        var step = tracker.update([device(5)])
        #expect(step.arrived == [device(5)] && step.left.isEmpty)
        step = tracker.update([device(5)])
        #expect(step.arrived.isEmpty && step.left.isEmpty, "a device still present is not reported again")
        step = tracker.update([])
        #expect(step.arrived.isEmpty && step.left == [device(5)])
        // Replugged between two scans: a new address, so the old one left and the new one arrived.
        _ = tracker.update([device(6)])
        step = tracker.update([device(7)])
        #expect(step.arrived == [device(7)] && step.left == [device(6)])
    }

    @Test func inCompletionStatusesLeadToTheRightAction() {
        func decide(_ status: libusb_transfer_status, _ errors: Int = 0) -> USBReadCompletion {
            USBReadCompletion.decide(status: status, consecutiveErrors: errors, maxConsecutiveErrors: 5)
        }
        #expect(decide(LIBUSB_TRANSFER_COMPLETED) == .deliver)
        #expect(decide(LIBUSB_TRANSFER_CANCELLED) == .cancelled)
        #expect(decide(LIBUSB_TRANSFER_NO_DEVICE) == .gone("device gone"))
        #expect(decide(LIBUSB_TRANSFER_NO_DEVICE, 4) == .gone("device gone"))
        #expect(decide(LIBUSB_TRANSFER_ERROR) == .retry("transfer error"))
        #expect(decide(LIBUSB_TRANSFER_STALL, 3) == .retry("endpoint stalled"))
        // Errors in a row end in "gone": a dead endpoint never becomes a busy resubmit loop.
        #expect(decide(LIBUSB_TRANSFER_STALL, 4) == .gone("endpoint stalled, 5 errors in a row"))
        #expect(decide(LIBUSB_TRANSFER_OVERFLOW, 4) == .gone("device sent more than asked for (overflow), 5 errors in a row"))
    }

    @Test func libusbErrorCodesMapToClearTypedErrors() {
        #expect(USBError.from(LIBUSB_ERROR_ACCESS.rawValue, call: "libusb_open", device: "d") == .permissionDenied(device: "d"))
        #expect(
            USBError.permissionDenied(device: "1a86:7523 at 1-1.4").description
                == "1a86:7523 at 1-1.4: permission denied (not in group plugdev? see udev/)")
        #expect(USBError.from(LIBUSB_ERROR_BUSY.rawValue, call: "x", device: "d") == .busy(device: "d"))
        #expect(USBError.from(LIBUSB_ERROR_NO_DEVICE.rawValue, call: "x", device: "d") == .deviceGone(device: "d"))
        #expect(
            USBError.from(LIBUSB_ERROR_IO.rawValue, call: "libusb_claim_interface", device: "d").description
                == "d: libusb_claim_interface failed: LIBUSB_ERROR_IO (Input/Output Error)")
    }
}
