import BridgeCore
import Testing

/// The hotplug state machine on recorded udev events: exact decisions (issue 3, item 5).
@Suite struct HotplugTrackerTests {
    typealias R = RecordedUdevEvents
    let plc = SourceID("serial:plc")
    let panel = SourceID("serial:panel")

    func id(_ device: DeviceInfo) throws -> DeviceIdentity { try #require(DeviceIdentity(device)) }

    func tracker(_ rules: (SourceID, DeviceMatch)...) -> HotplugTracker {
        HotplugTracker(rules: rules.map { HotplugRule(source: $0.0, match: $0.1) })
    }

    @Test func addOpensRemoveClosesReplugReopens() throws {
        var t = tracker((plc, try DeviceMatch(usb: "0403:6001")))
        #expect(t.handle(R.ftdiAdd) == [.open(plc, try id(R.ftdiAdd))])
        #expect(t.openSources == [plc: "/dev/ttyUSB0"])
        #expect(t.handle(R.with(.remove, R.ftdiAdd)) == [.close(plc, devnode: "/dev/ttyUSB0")])
        #expect(t.openSources.isEmpty && t.devices.isEmpty)
        #expect(t.handle(R.ftdiAdd) == [.open(plc, try id(R.ftdiAdd))])
    }

    @Test func slowRemoveWithRootHubParentClosesByRememberedIdentity() throws {
        let rule = try DeviceMatch(usb: "0403:6001", serial: "A50285BI")
        var t = tracker((plc, rule))
        #expect(t.handle(R.ftdiAdd) == [.open(plc, try id(R.ftdiAdd))])
        // The remove event on its own identifies the root hub, not the FTDI: matching it
        // would miss the unplug.
        let removeIdentity = try id(R.ftdiSlowRemove)
        #expect(removeIdentity.vendorID == 0x1D6B && !rule.matches(removeIdentity))
        #expect(t.handle(R.ftdiSlowRemove) == [.close(plc, devnode: "/dev/ttyUSB0")])
        // The usb_device remove that follows is for a device already gone: nothing more.
        #expect(t.handle(R.ftdiUSBDeviceRemove) == [])
        #expect(t.handle(R.ftdiAdd) == [.open(plc, try id(R.ftdiAdd))], "replug reopens")
    }

    @Test func removeOfTheUSBDeviceClosesItsTTYWhenTheTTYRemoveIsMissed() throws {
        var t = tracker((plc, try DeviceMatch(usb: "0403:6001")))
        _ = t.handle(R.ftdiAdd)
        #expect(t.handle(R.ftdiUSBDeviceRemove) == [.close(plc, devnode: "/dev/ttyUSB0")])
        #expect(t.devices.isEmpty)
        #expect(t.handle(R.ftdiSlowRemove) == [])
    }

    @Test func deviceFoundByEnumerationAtStartUpIsOpened() throws {
        var t = tracker((plc, try DeviceMatch(byID: "usb-1a86_USB_Serial-*")), (panel, try DeviceMatch(device: "/dev/ttyS0")))
        #expect(t.handle(R.onboardUART) == [.open(panel, R.onboardUARTIdentity)])
        #expect(t.handle(R.with(.enumerated, R.ch340Add)) == [.open(plc, try id(R.ch340Add))])
        #expect(t.openSources == [plc: "/dev/ttyUSB1", panel: "/dev/ttyS0"])
        // udev's own add for the same device, right after enumeration: a duplicate.
        #expect(t.handle(R.ch340Add) == [])
    }

    @Test func duplicateAddsAndUnknownRemovesChangeNothing() throws {
        var t = tracker((plc, try DeviceMatch(usb: "0403:6001")))
        #expect(t.handle(R.with(.remove, R.prolificAdd)) == [])
        #expect(t.handle(R.ftdiUSBDeviceRemove) == [])
        _ = t.handle(R.ftdiAdd)
        #expect(t.handle(R.ftdiAdd) == [])
        #expect(t.handle(R.with(.change, R.ftdiAdd)) == [])
        #expect(t.handle(R.with(.bind, R.ftdiAdd)) == [])
        #expect(t.devices.count == 1 && t.openSources == [plc: "/dev/ttyUSB0"])
    }

    @Test func nonMatchingAndOtherSubsystemDevicesAreRememberedButNotOpened() throws {
        var t = tracker((plc, try DeviceMatch(usb: "0403:6001")))
        #expect(t.handle(R.ch340Add) == [])
        #expect(t.handle(R.prolificAdd) == [])
        var usbDevice = R.ftdiUSBDeviceRemove
        usbDevice.action = .add
        #expect(t.handle(usbDevice) == [], "usb_device nodes are not serial ports")
        #expect(t.devices.map(\.devnode) == ["/dev/ttyUSB1", "/dev/ttyUSB2"])
        #expect(t.openSources.isEmpty)
    }

    @Test func addOverAKnownNodeWithAnotherIdentityMeansTheRemoveWasMissed() throws {
        var t = tracker((plc, try DeviceMatch(usb: "0403:6001")), (panel, try DeviceMatch(usb: "1a86:7523")))
        _ = t.handle(R.ftdiAdd)
        // A CH340 now appears as ttyUSB0: the FTDI must have gone.
        var ch340AsUSB0 = R.ch340Add
        ch340AsUSB0.devnode = "/dev/ttyUSB0"
        #expect(t.handle(ch340AsUSB0) == [.close(plc, devnode: "/dev/ttyUSB0"), .open(panel, try id(ch340AsUSB0))])
    }

    @Test func twoRulesTwoChipsAndAStandInWhenOneGoes() throws {
        var t = tracker((plc, try DeviceMatch(usb: "0403:6001")), (panel, try DeviceMatch(usb: "0403:*")))
        #expect(t.handle(R.ftdiAdd) == [.open(plc, try id(R.ftdiAdd))])
        #expect(t.handle(R.secondFTDIAdd) == [.open(panel, try id(R.secondFTDIAdd))], "one device per source")
        // The first FTDI goes: plc has no device left that is free, panel keeps its own.
        #expect(t.handle(R.ftdiSlowRemove) == [.close(plc, devnode: "/dev/ttyUSB0")])
        #expect(t.openSources == [panel: "/dev/ttyUSB3"])
        // panel's device goes too: no device is left for either.
        #expect(t.handle(R.with(.remove, R.secondFTDIAdd)) == [.close(panel, devnode: "/dev/ttyUSB3")])
        // Two matching devices for one source: the first to arrive is used; when it goes, the
        // other takes its place.
        var single = tracker((plc, try DeviceMatch(byID: "usb-FTDI_*")))
        _ = single.handle(R.ftdiAdd)
        #expect(single.handle(R.secondFTDIAdd) == [])
        #expect(
            single.handle(R.ftdiSlowRemove) == [
                .close(plc, devnode: "/dev/ttyUSB0"), .open(plc, try id(R.secondFTDIAdd)),
            ])
    }

    @Test func failedOpenIsNotRetriedUntilTheDeviceIsAddedAgain() throws {
        var t = tracker((plc, try DeviceMatch(usb: "0403:6001")))
        _ = t.handle(R.ftdiAdd)
        #expect(t.openFailed(plc) == [])
        #expect(t.openSources.isEmpty)
        #expect(t.handle(R.with(.change, R.ftdiAdd)) == [])
        // Another matching device is tried instead.
        #expect(t.handle(R.secondFTDIAdd) == [.open(plc, try id(R.secondFTDIAdd))])
        #expect(t.closedBySelf(plc) == [])
        #expect(t.closedBySelf(plc) == [], "nothing open: nothing to do")
        // A fresh add (udevadm trigger, or a replug) retries.
        #expect(t.handle(R.ftdiAdd) == [.open(plc, try id(R.ftdiAdd))])
        _ = t.handle(R.ftdiSlowRemove)
        #expect(t.handle(R.ftdiAdd) == [.open(plc, try id(R.ftdiAdd))])
    }

    @Test func changeForAnUnknownNodeCountsAsAdd() throws {
        var t = tracker((plc, try DeviceMatch(serial: "A50285BI")))
        #expect(t.handle(R.with(.change, R.ftdiAdd)) == [.open(plc, try id(R.ftdiAdd))])
    }
}
