import Testing

@testable import BridgeIO

/// VID:PID selectors, their text form and their matching (issue 3, item 6).
@Suite struct USBDeviceSelectorTests {
    @Test func parsesVidPidAndTheOptionalNarrowings() throws {
        let plain = try USBDeviceSelector(parsing: "1a86:7523")
        #expect(plain == USBDeviceSelector(vendorID: 0x1A86, productID: 0x7523))
        #expect(try USBDeviceSelector(parsing: "1A86:7523") == plain)
        let full = try USBDeviceSelector(parsing: "0403:6001,serial=A10K3,port=1-1.4")
        #expect(full == USBDeviceSelector(vendorID: 0x0403, productID: 0x6001, serial: "A10K3", bus: 1, portPath: [1, 4]))
        #expect(try USBDeviceSelector(parsing: "0403:6001,bus=3").bus == 3)
        // The text form parses back to the same selector.
        for text in ["1a86:7523", "0403:6001,serial=A10K3,port=1-1.4", "0001:000a,bus=3"] {
            #expect(try USBDeviceSelector(parsing: text).description == text)
        }
    }

    @Test(arguments: [
        "1a86", "1a86:", "1a86:75234", "1a8:7523", "zz86:7523", "1a86:7523:1", "", "1a86:7523,serial=",
        "1a86:7523,bus=0", "1a86:7523,bus=300", "1a86:7523,port=1", "1a86:7523,port=1-", "1a86:7523,port=1-1.0",
        "1a86:7523,port=0-1", "1a86:7523,port=1-1.2.3.4.5.6.7.8", "1a86:7523,colour=red", "1a86:7523,serial",
    ])
    func badSelectorsAreTypedErrors(_ text: String) {
        #expect {
            try USBDeviceSelector(parsing: text)
        } throws: { error in
            guard case .invalidSelector(let reason) = error as? USBError else { return false }
            return !reason.isEmpty
        }
    }

    @Test func errorTextNamesTheExpectedForm() {
        #expect(throws: USBError.invalidSelector("'1a86': expected VID:PID as four hex digits each, e.g. 1a86:7523")) {
            try USBDeviceSelector(parsing: "1a86")
        }
        #expect(
            USBError.invalidSelector("x").description == "invalid USB device selector: x")
    }

    @Test func matchesByIdsLocationAndSerial() throws {
        let device = USBDeviceInfo(vendorID: 0x1A86, productID: 0x7523, bus: 1, address: 7, portPath: [1, 4], serial: "S1")
        #expect(device.location == "1-1.4")
        #expect(device.description == "1a86:7523 at 1-1.4")
        #expect(try USBDeviceSelector(parsing: "1a86:7523").matches(device))
        #expect(try USBDeviceSelector(parsing: "1a86:7523,port=1-1.4").matches(device))
        #expect(try USBDeviceSelector(parsing: "1a86:7523,bus=1,serial=S1").matches(device))
        #expect(try !USBDeviceSelector(parsing: "1a86:7524").matches(device))
        #expect(try !USBDeviceSelector(parsing: "1a87:7523").matches(device))
        #expect(try !USBDeviceSelector(parsing: "1a86:7523,port=1-1.3").matches(device))
        #expect(try !USBDeviceSelector(parsing: "1a86:7523,port=2-1.4").matches(device))
        #expect(try !USBDeviceSelector(parsing: "1a86:7523,serial=S2").matches(device))
        // Before the device is opened its serial is unknown: IDs and location decide.
        var unopened = device
        unopened.serial = nil
        #expect(try USBDeviceSelector(parsing: "1a86:7523,serial=S2").matches(unopened))
    }
}
