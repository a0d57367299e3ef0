import BridgeCore

/// udev events in the form `udevadm monitor --udev --property` prints them (udev 252, Debian 12),
/// for three common USB-serial chips, plus the slow-unplug remove event of HIL.md's traps.
enum RecordedUdevEvents {
    /// Parses `KEY=value` lines (other lines, like the `UDEV [...]` header, are skipped).
    static func device(_ text: String, usbParent: USBParent? = nil) -> DeviceInfo {
        var properties: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "="), !line.hasPrefix("UDEV") else { continue }
            properties[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return DeviceInfo(properties: properties, usbParent: usbParent)
    }

    static let ftdiParent = USBParent(
        syspath: "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1", vendorID: "0403", productID: "6001", serial: "A50285BI")

    /// An FTDI FT232R on the first port of the xHCI root hub.
    static let ftdiAdd = device(
        """
        UDEV  [8512.347106] add      /devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0/ttyUSB0/tty/ttyUSB0 (tty)
        ACTION=add
        DEVPATH=/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0/ttyUSB0/tty/ttyUSB0
        SUBSYSTEM=tty
        DEVNAME=/dev/ttyUSB0
        SEQNUM=4711
        USEC_INITIALIZED=8512339810
        ID_BUS=usb
        ID_VENDOR_ID=0403
        ID_MODEL_ID=6001
        ID_PCI_CLASS_FROM_DATABASE=Serial bus controller
        ID_PCI_SUBCLASS_FROM_DATABASE=USB controller
        ID_PCI_INTERFACE_FROM_DATABASE=XHCI
        ID_VENDOR_FROM_DATABASE=Future Technology Devices International, Ltd
        ID_MODEL_FROM_DATABASE=FT232 Serial (UART) IC
        ID_VENDOR=FTDI
        ID_VENDOR_ENC=FTDI
        ID_MODEL=FT232R_USB_UART
        ID_MODEL_ENC=FT232R\\x20USB\\x20UART
        ID_REVISION=0600
        ID_SERIAL=FTDI_FT232R_USB_UART_A50285BI
        ID_SERIAL_SHORT=A50285BI
        ID_TYPE=generic
        ID_USB_INTERFACES=:ffffff:
        ID_USB_INTERFACE_NUM=00
        ID_USB_DRIVER=ftdi_sio
        ID_PATH=pci-0000:00:14.0-usb-0:1:1.0
        ID_PATH_TAG=pci-0000_00_14_0-usb-0_1_1_0
        ID_MM_CANDIDATE=1
        DEVLINKS=/dev/serial/by-path/pci-0000:00:14.0-usb-0:1:1.0-port0 /dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0
        TAGS=:systemd:
        CURRENT_TAGS=:systemd:
        MAJOR=188
        MINOR=0
        """, usbParent: ftdiParent)

    /// The FTDI's remove event on a slow unplug (HIL.md trap): no udev IDs, and the USB
    /// parent libudev resolved is the root hub (Linux Foundation 1d6b:0002).
    static let ftdiSlowRemove = device(
        """
        UDEV  [8530.902114] remove   /devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0/ttyUSB0/tty/ttyUSB0 (tty)
        ACTION=remove
        DEVPATH=/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0/ttyUSB0/tty/ttyUSB0
        SUBSYSTEM=tty
        DEVNAME=/dev/ttyUSB0
        SEQNUM=4730
        MAJOR=188
        MINOR=0
        """,
        usbParent: USBParent(
            syspath: "/sys/devices/pci0000:00/0000:00:14.0/usb1", vendorID: "1d6b", productID: "0002",
            serial: "0000:00:14.0"))

    /// The FTDI's `usb_device` remove, which follows the tty's.
    static let ftdiUSBDeviceRemove = device(
        """
        ACTION=remove
        DEVPATH=/devices/pci0000:00/0000:00:14.0/usb1/1-1
        SUBSYSTEM=usb
        DEVTYPE=usb_device
        DEVNAME=/dev/bus/usb/001/005
        PRODUCT=403/6001/600
        TYPE=0/0/0
        BUSNUM=001
        DEVNUM=005
        SEQNUM=4735
        MAJOR=189
        MINOR=4
        """)

    /// A WCH CH340 (no serial number) on port 2.
    static let ch340Add = device(
        """
        UDEV  [9120.551230] add      /devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/ttyUSB1/tty/ttyUSB1 (tty)
        ACTION=add
        DEVPATH=/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/ttyUSB1/tty/ttyUSB1
        SUBSYSTEM=tty
        DEVNAME=/dev/ttyUSB1
        SEQNUM=4802
        USEC_INITIALIZED=9120544177
        ID_BUS=usb
        ID_VENDOR_ID=1a86
        ID_MODEL_ID=7523
        ID_VENDOR_FROM_DATABASE=QinHeng Electronics
        ID_MODEL_FROM_DATABASE=CH340 serial converter
        ID_VENDOR=1a86
        ID_VENDOR_ENC=1a86
        ID_MODEL=USB_Serial
        ID_MODEL_ENC=USB\\x20Serial
        ID_REVISION=0264
        ID_SERIAL=1a86_USB_Serial
        ID_TYPE=generic
        ID_USB_INTERFACES=:ff0102:
        ID_USB_INTERFACE_NUM=00
        ID_USB_DRIVER=ch341
        ID_PATH=pci-0000:00:14.0-usb-0:2:1.0
        ID_PATH_TAG=pci-0000_00_14_0-usb-0_2_1_0
        DEVLINKS=/dev/serial/by-id/usb-1a86_USB_Serial-if00-port0 /dev/serial/by-path/pci-0000:00:14.0-usb-0:2:1.0-port0
        TAGS=:systemd:
        CURRENT_TAGS=:systemd:
        MAJOR=188
        MINOR=1
        """,
        usbParent: USBParent(syspath: "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-2", vendorID: "1a86", productID: "7523"))

    /// A Prolific PL2303 behind a hub (port 3, hub port 2), as `/dev/ttyUSB2`.
    static let prolificAdd = device(
        """
        UDEV  [9377.010925] add      /devices/pci0000:00/0000:00:14.0/usb1/1-3/1-3.2/1-3.2:1.0/ttyUSB2/tty/ttyUSB2 (tty)
        ACTION=add
        DEVPATH=/devices/pci0000:00/0000:00:14.0/usb1/1-3/1-3.2/1-3.2:1.0/ttyUSB2/tty/ttyUSB2
        SUBSYSTEM=tty
        DEVNAME=/dev/ttyUSB2
        SEQNUM=4911
        USEC_INITIALIZED=9377004418
        ID_BUS=usb
        ID_VENDOR_ID=067b
        ID_MODEL_ID=2303
        ID_VENDOR_FROM_DATABASE=Prolific Technology, Inc.
        ID_MODEL_FROM_DATABASE=PL2303 Serial Port / Mobile Action MA-8910P
        ID_VENDOR=Prolific_Technology_Inc.
        ID_VENDOR_ENC=Prolific\\x20Technology\\x20Inc.\\x20
        ID_MODEL=USB-Serial_Controller
        ID_MODEL_ENC=USB-Serial\\x20Controller\\x20
        ID_REVISION=0300
        ID_SERIAL=Prolific_Technology_Inc._USB-Serial_Controller
        ID_TYPE=generic
        ID_USB_INTERFACES=:ff0000:
        ID_USB_INTERFACE_NUM=00
        ID_USB_DRIVER=pl2303
        ID_PATH=pci-0000:00:14.0-usb-0:3.2:1.0
        ID_PATH_TAG=pci-0000_00_14_0-usb-0_3_2_1_0
        DEVLINKS=/dev/serial/by-path/pci-0000:00:14.0-usb-0:3.2:1.0-port0 /dev/serial/by-id/usb-Prolific_Technology_Inc._USB-Serial_Controller-if00-port0
        TAGS=:systemd:
        CURRENT_TAGS=:systemd:
        MAJOR=188
        MINOR=2
        """,
        usbParent: USBParent(
            syspath: "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-3/1-3.2", vendorID: "067b", productID: "2303"))

    /// A second FT232R (serial A10KXYZ9) on port 4, as `/dev/ttyUSB3`.
    static let secondFTDIAdd = device(
        """
        ACTION=add
        DEVPATH=/devices/pci0000:00/0000:00:14.0/usb1/1-4/1-4:1.0/ttyUSB3/tty/ttyUSB3
        SUBSYSTEM=tty
        DEVNAME=/dev/ttyUSB3
        ID_BUS=usb
        ID_VENDOR_ID=0403
        ID_MODEL_ID=6001
        ID_SERIAL=FTDI_FT232R_USB_UART_A10KXYZ9
        ID_SERIAL_SHORT=A10KXYZ9
        ID_PATH=pci-0000:00:14.0-usb-0:4:1.0
        DEVLINKS=/dev/serial/by-path/pci-0000:00:14.0-usb-0:4:1.0-port0 /dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A10KXYZ9-if00-port0
        MAJOR=188
        MINOR=3
        """)

    /// The on-board UART as enumeration reports it without udev's database (a container).
    static let onboardUART = DeviceInfo(
        action: .enumerated, subsystem: "tty", syspath: "/sys/devices/pnp0/00:00/00:00:0/00:00:0.0/tty/ttyS0",
        devnode: "/dev/ttyS0", properties: ["MAJOR": "4", "MINOR": "64", "DEVNAME": "ttyS0"])

    /// A copy of `device` with another action.
    static func with(_ action: DeviceInfo.Action, _ device: DeviceInfo) -> DeviceInfo {
        var copy = device
        copy.action = action
        copy.properties["ACTION"] = action.description
        return copy
    }
}
