import BridgeCore
import Testing

@testable import BridgeIO

/// `lightbridge ports`' scan (issue 5, item 4) on this machine's real sysfs through libudev.
/// What is there differs per machine (this one has no USB adapter), so the assertions hold
/// for any: only real serial ports, USB ones exactly when they sit under a USB device.
@Suite struct SerialPortScanTests {
    @Test func theScanListsOnlyUSBPortsByDefault() throws {
        let ports = try SerialPortScan.ports()
        #expect(ports.allSatisfy { $0.kind == .usb && $0.syspath.contains("/usb") })
        #expect(ports.allSatisfy { $0.device.hasPrefix("/dev/") })
    }

    @Test func onboardUARTsAreRealUARTsWithADriver() throws {
        let all = try SerialPortScan.ports(includeOnboard: true)
        let usb = try SerialPortScan.ports()
        #expect(all.filter { $0.kind == .usb } == usb)
        for port in all where port.kind == .onboard {
            #expect(!port.syspath.hasPrefix("/sys/devices/virtual/"))
            #expect(SerialPortScan.uartType(of: port.syspath) != 0)
        }
        // No virtual terminal, pty or console is ever a serial port.
        #expect(!all.contains { ["/dev/tty", "/dev/console", "/dev/ptmx", "/dev/tty0"].contains($0.device) })
    }

    @Test func theDriverOfAnOnboardUARTIsTheRealOne() throws {
        // The PC's 16550 at 0x3f8 is bound to "serial" (pnp) behind the serial core's "port";
        // machines without it skip this check.
        guard let ttyS0 = try SerialPortScan.ports(includeOnboard: true).first(where: { $0.device == "/dev/ttyS0" })
        else { return }
        let driver = try #require(ttyS0.driver)
        #expect(driver != "port" && driver != "ctrl")
        #expect(SerialPortScan.driver(of: "/sys/devices/virtual/tty/console") == nil)
    }
}
