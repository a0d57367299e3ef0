/// What identifies one connected USB device: IDs from its device descriptor and where it sits
/// on the bus. Plain data, so matching is tested without hardware.
public struct USBDeviceInfo: Sendable, Hashable, CustomStringConvertible {
    /// Vendor ID (`idVendor`).
    public var vendorID: UInt16
    /// Product ID (`idProduct`).
    public var productID: UInt16
    /// Bus number.
    public var bus: UInt8
    /// Device address on the bus; a replugged device gets a new one.
    public var address: UInt8
    /// Port numbers from the root hub down, e.g. `[1, 4]` for `1-1.4`; empty for a root hub.
    public var portPath: [UInt8]
    /// The serial number string, when it was read (it needs the device opened).
    public var serial: String?

    /// Creates a description.
    public init(vendorID: UInt16, productID: UInt16, bus: UInt8, address: UInt8, portPath: [UInt8], serial: String? = nil) {
        self.vendorID = vendorID
        self.productID = productID
        self.bus = bus
        self.address = address
        self.portPath = portPath
        self.serial = serial
    }

    /// `VVVV:PPPP`, lower-case hex.
    public var ids: String { "\(hex4(vendorID)):\(hex4(productID))" }

    /// The sysfs-style location, e.g. `1-1.4` (bus 1, port 1, then port 4); `usb1` for a root hub.
    public var location: String {
        portPath.isEmpty ? "usb\(bus)" : "\(bus)-" + portPath.map { String($0) }.joined(separator: ".")
    }

    /// Identifies the device while it stays plugged in: bus and address.
    var key: USBDeviceKey { USBDeviceKey(bus: bus, address: address) }

    public var description: String { "\(ids) at \(location)" }
}

/// Bus and address: unique among the devices connected at one time.
struct USBDeviceKey: Hashable, Sendable {
    var bus: UInt8
    var address: UInt8
}

/// Four lower-case hex digits.
func hex4(_ value: UInt16) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
