import BridgeCore
import Testing

/// Matching rules on recorded udev properties (issue 3, item 5).
@Suite struct DeviceMatchTests {
    typealias R = RecordedUdevEvents

    func identity(_ device: DeviceInfo) throws -> DeviceIdentity { try #require(DeviceIdentity(device)) }

    @Test func identityIsTakenFromUdevProperties() throws {
        let ftdi = try identity(R.ftdiAdd)
        #expect(ftdi.devnode == "/dev/ttyUSB0")
        #expect(ftdi.vendorID == 0x0403 && ftdi.productID == 0x6001)
        #expect(ftdi.serial == "A50285BI")
        #expect(ftdi.idPath == "pci-0000:00:14.0-usb-0:1:1.0")
        #expect(R.ftdiAdd.byIDLinks == ["/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0"])
        #expect(R.ftdiAdd.syspath == "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0/ttyUSB0/tty/ttyUSB0")
        #expect(R.ftdiAdd.action == .add && R.ftdiAdd.subsystem == "tty")
        let ch340 = try identity(R.ch340Add)
        #expect(ch340.vendorID == 0x1A86 && ch340.productID == 0x7523 && ch340.serial == nil)
    }

    @Test func identityFallsBackToTheUSBParentWithoutUdevIDs() throws {
        // Enumeration without udevd's database: only the kernel's variables, plus the parent's
        // sysfs attributes.
        let bare = DeviceInfo(
            action: .enumerated, subsystem: "tty", syspath: R.ftdiAdd.syspath, devnode: "/dev/ttyUSB0",
            properties: ["DEVNAME": "ttyUSB0"], usbParent: R.ftdiParent)
        let id = try identity(bare)
        #expect(id.vendorID == 0x0403 && id.productID == 0x6001 && id.serial == "A50285BI" && id.idPath == nil)
        #expect(DeviceIdentity(DeviceInfo(action: .add, subsystem: "usb", syspath: "/sys/devices/x")) == nil)
    }

    @Test func vidPidMatchesOnlyItsChip() throws {
        let ftdiRule = try DeviceMatch(usb: "0403:6001")
        #expect(ftdiRule.matches(try identity(R.ftdiAdd)))
        #expect(ftdiRule.matches(try identity(R.secondFTDIAdd)))
        #expect(!ftdiRule.matches(try identity(R.ch340Add)))
        #expect(!ftdiRule.matches(try identity(R.prolificAdd)))
        #expect(!ftdiRule.matches(R.onboardUARTIdentity))
        #expect(try DeviceMatch(usb: "1A86:7523").matches(try identity(R.ch340Add)), "hex is case-insensitive")
        #expect(try DeviceMatch(usb: "67b:2303").matches(try identity(R.prolificAdd)), "leading zeros optional")
        #expect(try DeviceMatch(usb: "0403:*").matches(try identity(R.ftdiAdd)))
        #expect(try !DeviceMatch(usb: "0403:6010").matches(try identity(R.ftdiAdd)))
    }

    @Test func serialNumberSelectsOneOfTwoIdenticalChips() throws {
        let rule = try DeviceMatch(usb: "0403:6001", serial: "A10KXYZ9")
        #expect(!rule.matches(try identity(R.ftdiAdd)))
        #expect(rule.matches(try identity(R.secondFTDIAdd)))
        #expect(try !DeviceMatch(serial: "a10kxyz9").matches(try identity(R.secondFTDIAdd)), "serials are exact")
    }

    @Test func byIDGlobOnNameOrWholePath() throws {
        let ftdi = try identity(R.ftdiAdd)
        #expect(try DeviceMatch(byID: "usb-FTDI_FT232R_USB_UART_*-if00-port0").matches(ftdi))
        #expect(try DeviceMatch(byID: "/dev/serial/by-id/usb-FTDI_*").matches(ftdi))
        #expect(try DeviceMatch(byID: "usb-FTDI_FT232R_USB_UART_A50285BI-if0?-port0").matches(ftdi))
        #expect(try !DeviceMatch(byID: "usb-FTDI_*").matches(try identity(R.ch340Add)))
        #expect(try DeviceMatch(byID: "usb-Prolific_*").matches(try identity(R.prolificAdd)))
        // The by-path link is not a by-id link, and `*` does not cross a `/`.
        #expect(try !DeviceMatch(byID: "pci-0000:00:14.0-usb-0:1:1.0-port0").matches(ftdi))
        #expect(try !DeviceMatch(byID: "/dev/serial/*").matches(ftdi))
    }

    @Test func idPathSelectsThePhysicalPort() throws {
        #expect(try DeviceMatch(idPath: "pci-0000:00:14.0-usb-0:2:1.0").matches(try identity(R.ch340Add)))
        #expect(try !DeviceMatch(idPath: "pci-0000:00:14.0-usb-0:2:1.0").matches(try identity(R.ftdiAdd)))
        #expect(try DeviceMatch(idPath: "pci-0000:00:14.0-usb-0:3.*").matches(try identity(R.prolificAdd)))
        #expect(try !DeviceMatch(idPath: "pci-*").matches(R.onboardUARTIdentity), "no ID_PATH, no match")
    }

    @Test func deviceGlobOnNodeAndLinks() throws {
        #expect(try DeviceMatch(device: "/dev/ttyUSB*").matches(try identity(R.ch340Add)))
        #expect(try DeviceMatch(device: "/dev/serial/by-path/*-usb-0:2:1.0-port0").matches(try identity(R.ch340Add)))
        #expect(try !DeviceMatch(device: "/dev/ttyUSB*").matches(R.onboardUARTIdentity))
    }

    @Test func allGivenCriteriaMustHold() throws {
        let rule = try DeviceMatch(usb: "0403:6001", byID: "usb-FTDI_*", idPath: "pci-0000:00:14.0-usb-0:1:1.0")
        #expect(rule.matches(try identity(R.ftdiAdd)))
        #expect(!rule.matches(try identity(R.secondFTDIAdd)), "same chip, other port")
    }

    @Test func typedErrorsForBadRules() {
        for bad in ["0403", "0403-6001", "0403:60011", "g403:6001", ":6001", "0403:", "0403:6001:1", "", " 0403:6001"] {
            #expect(throws: DeviceMatchError.invalidUSBID(bad)) { try USBID(parsing: bad) }
        }
        #expect(throws: DeviceMatchError.noCriteria) { try DeviceMatch() }
        #expect(throws: DeviceMatchError.emptyCriterion("serial")) { try DeviceMatch(usb: "0403:6001", serial: "") }
        #expect(throws: DeviceMatchError.invalidUSBID("0403 6001")) { try DeviceMatch(usb: "0403 6001") }
        #expect(DeviceMatchError.invalidUSBID("x").description.contains("0403:6001"))
    }

    @Test func usbIDsPrintAsUdevDoes() throws {
        #expect(try USBID(parsing: "67B:2303").description == "067b:2303")
        #expect(try USBID(parsing: "0403:*").description == "0403:*")
        #expect(try USBID(parsing: "FFFF:0").product == 0)
    }
}

extension RecordedUdevEvents {
    static var onboardUARTIdentity: DeviceIdentity {
        DeviceIdentity(devnode: "/dev/ttyS0", syspath: onboardUART.syspath)
    }
}
