import LightProtocols
import Testing

@testable import BridgeCore

/// `lightbridge ports`' selection and formatting (issue 5, item 4) on recorded udev properties
/// of an FTDI FT232R, a CH340 and a PL2303 (`RecordedUdevEvents`), and on sysfs-only devices.
@Suite struct SerialPortListingTests {
    typealias Recorded = RecordedUdevEvents

    func enumerated(_ device: DeviceInfo) -> DeviceInfo { Recorded.with(.enumerated, device) }

    @Test func anFTDIAdapterHasEveryField() throws {
        let port = try #require(SerialPortEntry(device: enumerated(Recorded.ftdiAdd)))
        #expect(port.kind == .usb)
        #expect(port.device == "/dev/ttyUSB0")
        #expect(port.byIDLinks == ["/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0"])
        #expect(port.byPathLinks == ["/dev/serial/by-path/pci-0000:00:14.0-usb-0:1:1.0-port0"])
        #expect(port.usbID == "0403:6001")
        #expect(port.vendor == "Future Technology Devices International, Ltd")
        #expect(port.model == "FT232 Serial (UART) IC")
        #expect(port.serial == "A50285BI")
        #expect(port.interface == "00")
        #expect(port.driver == "ftdi_sio")
        #expect(port.idPath == "pci-0000:00:14.0-usb-0:1:1.0")
        #expect(port.syspath == "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0/ttyUSB0/tty/ttyUSB0")
    }

    @Test func aCH340HasNoSerialNumber() throws {
        let port = try #require(SerialPortEntry(device: enumerated(Recorded.ch340Add)))
        #expect(port.usbID == "1a86:7523")
        #expect(port.serial == nil)
        #expect(port.vendor == "QinHeng Electronics")
        #expect(port.model == "CH340 serial converter")
        #expect(port.driver == "ch341")
        #expect(port.byIDLinks == ["/dev/serial/by-id/usb-1a86_USB_Serial-if00-port0"])
    }

    @Test func withoutTheHardwareDatabaseTheDevicesOwnStringsAreDecoded() throws {
        var device = enumerated(Recorded.prolificAdd)
        device.properties["ID_VENDOR_FROM_DATABASE"] = nil
        device.properties["ID_MODEL_FROM_DATABASE"] = nil
        let port = try #require(SerialPortEntry(device: device))
        #expect(port.vendor == "Prolific Technology Inc.")
        #expect(port.model == "USB-Serial Controller")
        #expect(SerialPortEntry.udevUnescaped("A\\x20B\\x5cC\\x2") == "A B\\C\\x2")
        #expect(SerialPortEntry.udevUnescaped("  padded  ") == "padded")
    }

    @Test func withoutUdevsDatabaseTheUSBParentAndSysfsFillIn() throws {
        // Enumeration in a container: only the kernel's uevent variables, no ID_*, no links.
        let device = DeviceInfo(
            action: .enumerated, subsystem: "tty",
            syspath: "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0/ttyUSB0/tty/ttyUSB0", devnode: "/dev/ttyUSB0",
            properties: ["MAJOR": "188", "MINOR": "0", "DEVNAME": "ttyUSB0"], usbParent: Recorded.ftdiParent)
        let port = try #require(SerialPortEntry(device: device, sysfs: SerialPortEntry.Sysfs(driver: "ftdi_sio")))
        #expect(port.kind == .usb)
        #expect(port.usbID == "0403:6001")
        #expect(port.serial == "A50285BI")
        #expect(port.driver == "ftdi_sio")
        #expect(port.byIDLinks.isEmpty && port.vendor == nil && port.idPath == nil)
    }

    @Test func onboardUARTsOnlyOnRequestAndNeverPlaceholdersOrVirtualTTYs() {
        let uart = Recorded.onboardUART
        #expect(SerialPortEntry(device: uart) == nil)
        let port = SerialPortEntry(device: uart, sysfs: .init(driver: "serial", uartType: 4), includeOnboard: true)
        #expect(port?.kind == .onboard)
        #expect(port?.driver == "serial")
        #expect(port?.usbID == nil)
        // An 8250 port the kernel registered with no UART behind it (type 0).
        #expect(SerialPortEntry(device: uart, sysfs: .init(uartType: 0), includeOnboard: true) == nil)
        let console = DeviceInfo(
            action: .enumerated, subsystem: "tty", syspath: "/sys/devices/virtual/tty/console", devnode: "/dev/console")
        #expect(SerialPortEntry(device: console, includeOnboard: true) == nil)
        // No node, or not a tty at all.
        var nodeless = uart
        nodeless.devnode = nil
        #expect(SerialPortEntry(device: nodeless, includeOnboard: true) == nil)
        #expect(SerialPortEntry(device: Recorded.ftdiUSBDeviceRemove, includeOnboard: true) == nil)
    }

    @Test func entriesAreSortedByNodeWithNumbersAsNumbers() {
        var tenth = enumerated(Recorded.secondFTDIAdd)
        tenth.devnode = "/dev/ttyUSB10"
        let devices = [tenth, enumerated(Recorded.prolificAdd), Recorded.onboardUART, enumerated(Recorded.ftdiAdd)]
        #expect(SerialPortListing.entries(devices).map(\.device) == ["/dev/ttyUSB0", "/dev/ttyUSB2", "/dev/ttyUSB10"])
        let all = SerialPortListing.entries(devices, includeOnboard: true) { _ in .init(uartType: 4) }
        #expect(all.map(\.device) == ["/dev/ttyS0", "/dev/ttyUSB0", "/dev/ttyUSB2", "/dev/ttyUSB10"])
        #expect(SerialPortListing.naturalOrder("ttyS2", "ttyS10"))
        #expect(!SerialPortListing.naturalOrder("ttyS10", "ttyS2"))
        #expect(SerialPortListing.naturalOrder("ttyACM0", "ttyUSB0"))
    }

    @Test func theTableIsAlignedWithLinksUnderEachPort() {
        let ports = SerialPortListing.entries([enumerated(Recorded.ftdiAdd), enumerated(Recorded.ch340Add)])
        #expect(
            SerialPortListing.text(ports) == [
                "DEVICE        TYPE  VID:PID    DRIVER    SERIAL    VENDOR / MODEL",
                "/dev/ttyUSB0  usb   0403:6001  ftdi_sio  A50285BI  Future Technology Devices International, Ltd / FT232 Serial (UART) IC",
                "              by-id    /dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0",
                "              by-path  /dev/serial/by-path/pci-0000:00:14.0-usb-0:1:1.0-port0",
                "              ID_PATH  pci-0000:00:14.0-usb-0:1:1.0",
                "/dev/ttyUSB1  usb   1a86:7523  ch341     -         QinHeng Electronics / CH340 serial converter",
                "              by-id    /dev/serial/by-id/usb-1a86_USB_Serial-if00-port0",
                "              by-path  /dev/serial/by-path/pci-0000:00:14.0-usb-0:2:1.0-port0",
                "              ID_PATH  pci-0000:00:14.0-usb-0:2:1.0",
            ])
        #expect(SerialPortListing.text([]) == ["DEVICE  TYPE  VID:PID  DRIVER  SERIAL  VENDOR / MODEL"])
        let uart = SerialPortListing.entries([Recorded.onboardUART], includeOnboard: true)
        #expect(SerialPortListing.text(uart).last == "/dev/ttyS0  onboard  -        -       -       -")
    }

    @Test func theJSONParsesBackWithEveryField() throws {
        let ports = SerialPortListing.entries([
            enumerated(Recorded.ftdiAdd), enumerated(Recorded.ch340Add), enumerated(Recorded.prolificAdd),
        ])
        let parsed = try JSONParser.parse(SerialPortListing.json(ports).jsonText)
        guard case .array(let items) = parsed else {
            Issue.record("not an array: \(parsed)")
            return
        }
        #expect(items.count == 3)
        let ftdi = items[0]
        #expect(ftdi["device"] == .string("/dev/ttyUSB0"))
        #expect(ftdi["type"] == .string("usb"))
        #expect(ftdi["vendorId"] == .string("0403") && ftdi["productId"] == .string("6001"))
        #expect(ftdi["byId"] == .array([.string("/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0")]))
        #expect(ftdi["serial"] == .string("A50285BI"))
        #expect(ftdi["driver"] == .string("ftdi_sio"))
        #expect(ftdi["idPath"] == .string("pci-0000:00:14.0-usb-0:1:1.0"))
        #expect(items[1]["serial"] == .null)
        #expect(items[2]["vendor"] == .string("Prolific Technology, Inc."))
        #expect(SerialPortListing.json([]).jsonText == "[]")
    }
}
