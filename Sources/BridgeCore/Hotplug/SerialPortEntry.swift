/// One serial port as `lightbridge ports` shows it (issue 5, item 4): a USB-serial adapter (or,
/// on request, an on-board UART) with what a configuration can match it by — its node, its
/// `/dev/serial/by-id` links, VID:PID, serial number and `ID_PATH`. Built from a
/// ``DeviceInfo`` of subsystem `tty`, so it can be tested on recorded udev properties.
public struct SerialPortEntry: Hashable, Sendable {
    /// Where the port sits.
    public enum Kind: String, Hashable, Sendable {
        /// Under a USB device (FTDI, CH340, PL2303, CP210x, CDC-ACM …).
        case usb
        /// A UART of the board itself (8250, PL011, OMAP …).
        case onboard
    }

    /// USB adapter or on-board UART.
    public var kind: Kind
    /// The device node, e.g. `/dev/ttyUSB0`.
    public var device: String
    /// The device's sysfs path.
    public var syspath: String
    /// `/dev/serial/by-id/…` links (stable across ports, for chips with a serial number).
    public var byIDLinks: [String]
    /// `/dev/serial/by-path/…` links (stable per USB port).
    public var byPathLinks: [String]
    /// USB vendor ID, four lower-case hex digits.
    public var vendorID: String?
    /// USB product ID, four lower-case hex digits.
    public var productID: String?
    /// The vendor's name (udev's hardware database, else the device's own string).
    public var vendor: String?
    /// The model's name (udev's hardware database, else the device's own string).
    public var model: String?
    /// The chip's serial number, if it has one.
    public var serial: String?
    /// The USB interface number of a multi-port chip (`00`, `01` …).
    public var interface: String?
    /// The kernel driver (`ftdi_sio`, `ch341`, `pl2303`, `cdc_acm`, `serial`, `uart-pl011` …).
    public var driver: String?
    /// udev's `ID_PATH`: where the device is plugged in, e.g. `pci-0000:00:14.0-usb-0:1:1.0`.
    public var idPath: String?

    /// Facts that only sysfs has (read by the caller; `nil` when unknown).
    public struct Sysfs: Hashable, Sendable {
        /// The driver bound to the port's device or its nearest parent that has one.
        public var driver: String?
        /// The tty's `type` attribute: the UART type, 0 (`PORT_UNKNOWN`) for a placeholder
        /// 8250 port with no hardware behind it.
        public var uartType: Int?

        /// Creates sysfs facts.
        public init(driver: String? = nil, uartType: Int? = nil) {
            self.driver = driver
            self.uartType = uartType
        }
    }

    /// The port `device` is, or `nil` if it is not one: no node, a virtual tty (console, pty,
    /// VT), a placeholder UART (`uartType` 0), or an on-board UART when `includeOnboard` is
    /// false. udev's properties win; without udevd's database (a container) the USB parent's
    /// sysfs IDs and `sysfs` fill in.
    public init?(device: DeviceInfo, sysfs: Sysfs = Sysfs(), includeOnboard: Bool = false) {
        guard device.subsystem == "tty", let node = device.devnode else { return nil }
        let properties = device.properties
        let isUSB = properties["ID_BUS"] == "usb" || device.usbParent != nil
        if !isUSB {
            guard includeOnboard, !device.syspath.hasPrefix("/sys/devices/virtual/"), sysfs.uartType != 0 else {
                return nil
            }
        }
        func property(_ key: String) -> String? { properties[key].flatMap { $0.isEmpty ? nil : $0 } }
        kind = isUSB ? .usb : .onboard
        self.device = node
        syspath = device.syspath
        byIDLinks = device.byIDLinks.sorted()
        byPathLinks = device.devlinks.filter { $0.hasPrefix("/dev/serial/by-path/") }.sorted()
        vendorID = (property("ID_VENDOR_ID") ?? device.usbParent?.vendorID)?.lowercased()
        productID = (property("ID_MODEL_ID") ?? device.usbParent?.productID)?.lowercased()
        vendor =
            property("ID_VENDOR_FROM_DATABASE") ?? property("ID_VENDOR_ENC").map(Self.udevUnescaped)
            ?? property("ID_VENDOR")
        model =
            property("ID_MODEL_FROM_DATABASE") ?? property("ID_MODEL_ENC").map(Self.udevUnescaped) ?? property("ID_MODEL")
        serial = property("ID_SERIAL_SHORT") ?? device.usbParent?.serial
        interface = property("ID_USB_INTERFACE_NUM")
        driver = property("ID_USB_DRIVER") ?? sysfs.driver
        idPath = property("ID_PATH")
    }

    /// `0403:6001`, or `nil` unless both IDs are known.
    public var usbID: String? {
        guard let vendorID, let productID else { return nil }
        return vendorID + ":" + productID
    }

    /// udev's `*_ENC` form decoded (`FT232R\x20USB\x20UART` → `FT232R USB UART`), trimmed of
    /// the padding many chips put in their strings.
    static func udevUnescaped(_ text: String) -> String {
        var bytes: [UInt8] = []
        var input = Array(text.utf8)[...]
        while let byte = input.popFirst() {
            if byte == UInt8(ascii: "\\"), input.count >= 3, input[input.startIndex] == UInt8(ascii: "x"),
                let value = UInt8(
                    String(decoding: input[(input.startIndex + 1)..<(input.startIndex + 3)], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                input.removeFirst(3)
            } else {
                bytes.append(byte)
            }
        }
        let decoded = String(decoding: bytes, as: UTF8.self)
        return String(decoded.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
