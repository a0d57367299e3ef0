/// What identifies a device node for matching: taken from its add event and remembered by the
/// ``HotplugTracker`` until its remove event (HIL.md trap: a slow remove event's USB parent can
/// resolve to the root hub, so the remove event itself is not trusted for identification).
public struct DeviceIdentity: Sendable, Hashable, CustomStringConvertible {
    /// The device node, e.g. `/dev/ttyUSB0`.
    public var devnode: String
    /// The sysfs path.
    public var syspath: String
    /// USB vendor ID: `ID_VENDOR_ID`, else the USB parent's `idVendor`.
    public var vendorID: UInt16?
    /// USB product ID: `ID_MODEL_ID`, else the USB parent's `idProduct`.
    public var productID: UInt16?
    /// Serial number: `ID_SERIAL_SHORT`, else the USB parent's `serial`.
    public var serial: String?
    /// udev's physical path, `ID_PATH`, e.g. `pci-0000:00:14.0-usb-0:1:1.0`.
    public var idPath: String?
    /// The node's symlinks (by-id, by-path, `/dev/lightbridge/…`).
    public var links: [String]

    /// Creates an identity.
    public init(
        devnode: String, syspath: String, vendorID: UInt16? = nil, productID: UInt16? = nil, serial: String? = nil,
        idPath: String? = nil, links: [String] = []
    ) {
        self.devnode = devnode
        self.syspath = syspath
        self.vendorID = vendorID
        self.productID = productID
        self.serial = serial
        self.idPath = idPath
        self.links = links
    }

    /// The identity a device event carries, or `nil` when the device has no node.
    public init?(_ device: DeviceInfo) {
        guard let devnode = device.devnode else { return nil }
        let properties = device.properties
        self.init(
            devnode: devnode, syspath: device.syspath,
            vendorID: DeviceIdentity.hex(properties["ID_VENDOR_ID"] ?? device.usbParent?.vendorID),
            productID: DeviceIdentity.hex(properties["ID_MODEL_ID"] ?? device.usbParent?.productID),
            serial: DeviceIdentity.nonEmpty(properties["ID_SERIAL_SHORT"] ?? device.usbParent?.serial),
            idPath: DeviceIdentity.nonEmpty(properties["ID_PATH"]), links: device.devlinks)
    }

    public var description: String {
        var parts = [devnode]
        if let vendorID, let productID { parts.append(USBID(vendor: vendorID, product: productID).description) }
        if let serial { parts.append("serial \(serial)") }
        if let idPath { parts.append("path \(idPath)") }
        return parts.joined(separator: " ")
    }

    private static func hex(_ text: String?) -> UInt16? { text.flatMap { UInt16($0, radix: 16) } }
    private static func nonEmpty(_ text: String?) -> String? { text?.isEmpty == false ? text : nil }
}
