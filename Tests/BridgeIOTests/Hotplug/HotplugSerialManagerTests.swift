import BridgeCore
import LightProtocols
import NIOPosix
import Testing

@testable import BridgeIO

/// The hotplug manager end to end on what this machine has: the real udev monitor and
/// enumeration (which find no adapter here), synthesized udev events naming a real
/// pseudo-terminal, and the real Smart Light serial source on it (issue 3, item 5). udevd's own
/// events for a real FTDI are exercised in QEMU (issue 6).
@Suite struct HotplugSerialManagerTests {
    let plc = SourceID("serial:plc")

    /// An FTDI FT232R add event, as udevd sends it, but with the pty as its node.
    static func ftdi(_ action: DeviceInfo.Action, node: String, serial: String = "A50285BI") -> DeviceInfo {
        DeviceInfo(
            action: action, subsystem: "tty",
            syspath: "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0/ttyUSB0/tty/ttyUSB0", devnode: node,
            properties: [
                "ID_BUS": "usb", "ID_VENDOR_ID": "0403", "ID_MODEL_ID": "6001", "ID_SERIAL_SHORT": serial,
                "ID_PATH": "pci-0000:00:14.0-usb-0:1:1.0",
            ],
            devlinks: ["/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_\(serial)-if00-port0"])
    }

    /// The slow-unplug remove event (HIL.md trap): the USB parent is the root hub.
    static func slowRemove(node: String) -> DeviceInfo {
        DeviceInfo(
            action: .remove, subsystem: "tty",
            syspath: "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0/ttyUSB0/tty/ttyUSB0", devnode: node,
            usbParent: USBParent(syspath: "/sys/devices/pci0000:00/0000:00:14.0/usb1", vendorID: "1d6b", productID: "0002"))
    }

    func commands(_ events: [BridgeEvent]) -> [SmartLightCommand] {
        events.compactMap { if case .command(let c, _) = $0 { return c } else { return nil } }
    }

    func count(_ events: [BridgeEvent], up: Bool) -> Int {
        events.filter {
            switch $0 {
            case .sourceUp: return up
            case .sourceGone: return !up
            case .command, .actions: return false
            }
        }.count
    }

    @Test func addOpensRemoveClosesReplugReopens() async throws {
        let pty = try PseudoTerminal()
        pty.releaseSlave()
        let recorder = EventRecorder()
        let manager = HotplugSerialManager(
            sources: [HotplugSerialSourceConfig(id: plc, match: try DeviceMatch(usb: "0403:6001"), settings: SerialSettings())],
            sink: recorder.sink)
        // The real monitor and enumeration: no FTDI on this machine, so nothing opens.
        try await manager.start()
        #expect(await manager.openSources.isEmpty)

        manager.submit(Self.ftdi(.add, node: pty.path))
        #expect(await recorder.wait { count($0, up: true) == 1 })
        #expect(recorder.events.first == .sourceUp(plc))
        #expect(await manager.openSources == [plc: pty.path])
        pty.write("~~~~~M1~~")
        #expect(await recorder.wait { commands($0) == [.modeSet(mode: 1)] })

        manager.submit(Self.slowRemove(node: pty.path))
        #expect(await recorder.wait { count($0, up: false) == 1 })
        #expect(await manager.openSources.isEmpty)
        pty.write("~~~~~M2~~")
        try await Task.sleep(for: .milliseconds(300))
        #expect(commands(recorder.events) == [.modeSet(mode: 1)], "nothing is read after the remove")

        manager.submit(Self.ftdi(.add, node: pty.path))
        #expect(await recorder.wait { count($0, up: true) == 2 })
        pty.write("~~~~~M3~~")
        #expect(await recorder.wait { commands($0) == [.modeSet(mode: 1), .modeSet(mode: 3)] })
        #expect(await manager.openSources == [plc: pty.path])

        await manager.stop()
        #expect(await recorder.wait { count($0, up: false) == 2 }, "stop closes the open source")
        #expect(
            recorder.events.allSatisfy { event in
                switch event {
                case .sourceUp(let s), .sourceGone(let s, _), .command(_, let s), .actions(_, let s): return s == plc
                }
            })
    }

    @Test func failedOpenFallsBackToTheNextMatchingAdapter() async throws {
        let pty = try PseudoTerminal()
        pty.releaseSlave()
        let recorder = EventRecorder()
        let manager = HotplugSerialManager(
            sources: [
                HotplugSerialSourceConfig(id: plc, match: try DeviceMatch(byID: "usb-FTDI_*"), settings: SerialSettings())
            ],
            sink: recorder.sink)
        try await manager.start(watching: false)
        // The first adapter's node cannot be opened (gone already, or no permission).
        manager.submit(Self.ftdi(.add, node: "/dev/ttyLIGHTBRIDGE-NONE", serial: "A1"))
        manager.submit(Self.ftdi(.add, node: pty.path, serial: "A2"))
        #expect(await recorder.wait { count($0, up: true) == 1 })
        #expect(await manager.openSources == [plc: pty.path])
        pty.write("~~~~~M9~~")
        #expect(await recorder.wait { commands($0) == [.modeSet(mode: 9)] })
        await manager.stop()
    }

    @Test func hangUpBeforeTheRemoveEventClosesAndWaitsForAReAdd() async throws {
        let pty = try PseudoTerminal()
        pty.releaseSlave()
        let recorder = EventRecorder()
        let manager = HotplugSerialManager(
            sources: [HotplugSerialSourceConfig(id: plc, match: try DeviceMatch(usb: "0403:6001"), settings: SerialSettings())],
            sink: recorder.sink)
        try await manager.start(watching: false)
        manager.submit(Self.ftdi(.add, node: pty.path))
        #expect(await recorder.wait { count($0, up: true) == 1 })
        pty.hangUp()
        #expect(await recorder.wait { count($0, up: false) == 1 })
        // The manager noticed: the source is no longer counted as open, and is not reopened
        // on its own (no busy reopen loop on a dying device).
        var closed = false
        for _ in 0..<200 where !closed {
            closed = await manager.openSources.isEmpty
            if !closed { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(closed)
        try await Task.sleep(for: .milliseconds(200))
        #expect(count(recorder.events, up: true) == 1)
        // Its remove event then changes nothing; a new adapter on a new node is opened.
        manager.submit(Self.slowRemove(node: pty.path))
        let second = try PseudoTerminal()
        second.releaseSlave()
        manager.submit(Self.ftdi(.add, node: second.path))
        #expect(await recorder.wait { count($0, up: true) == 2 })
        second.write("~~~~~M4~~")
        #expect(await recorder.wait { commands($0) == [.modeSet(mode: 4)] })
        await manager.stop()
    }
}
