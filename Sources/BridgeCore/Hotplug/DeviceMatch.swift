/// Which device a hotplug source takes (issue 3, item 5). Every criterion given must hold.
///
/// - `usb`: VID:PID, `0403:6001` or `0403:*` (`ID_VENDOR_ID`/`ID_MODEL_ID`, else the USB
///   parent's `idVendor`/`idProduct`).
/// - `serial`: the USB serial number, exactly (`ID_SERIAL_SHORT`, else the parent's `serial`).
/// - `byID`: a glob on the `/dev/serial/by-id/` links; without a `/` it is matched against the
///   link's file name (`usb-FTDI_FT232R_USB_UART_*-if00-port0`), with one against the whole path.
/// - `idPath`: a glob on udev's `ID_PATH`, the physical port (`pci-0000:00:14.0-usb-0:1:1.0`).
/// - `device`: a glob on the device node or any of its links (`/dev/ttyUSB*`).
public struct DeviceMatch: Sendable, Hashable, CustomStringConvertible {
    /// USB vendor and product.
    public let usb: USBID?
    /// USB serial number.
    public let serial: String?
    /// Glob on the by-id links.
    public let byID: String?
    /// Glob on `ID_PATH`.
    public let idPath: String?
    /// Glob on the node and its links.
    public let device: String?

    /// Creates a rule from its textual criteria; `usb` is parsed as VID:PID.
    public init(
        usb: String? = nil, serial: String? = nil, byID: String? = nil, idPath: String? = nil, device: String? = nil
    ) throws(DeviceMatchError) {
        for (name, value) in [("usb", usb), ("serial", serial), ("by-id", byID), ("id-path", idPath), ("device", device)] {
            if value?.isEmpty == true { throw .emptyCriterion(name) }
        }
        guard usb != nil || serial != nil || byID != nil || idPath != nil || device != nil else { throw .noCriteria }
        self.usb = try usb.map { text throws(DeviceMatchError) in try USBID(parsing: text) }
        self.serial = serial
        self.byID = byID
        self.idPath = idPath
        self.device = device
    }

    /// Whether `identity` satisfies every criterion.
    public func matches(_ identity: DeviceIdentity) -> Bool {
        if let usb {
            guard identity.vendorID == usb.vendor else { return false }
            if let product = usb.product, identity.productID != product { return false }
        }
        if let serial, identity.serial != serial { return false }
        if let byID {
            let links = identity.links.filter { $0.hasPrefix(DeviceInfo.byIDDirectory) }
            let names = byID.contains("/") ? links : links.map { String($0.dropFirst(DeviceInfo.byIDDirectory.count)) }
            guard names.contains(where: { Glob.matches(byID, $0) }) else { return false }
        }
        if let idPath {
            guard let path = identity.idPath, Glob.matches(idPath, path) else { return false }
        }
        if let device {
            guard ([identity.devnode] + identity.links).contains(where: { Glob.matches(device, $0) }) else { return false }
        }
        return true
    }

    public var description: String {
        var parts: [String] = []
        if let usb { parts.append("usb \(usb)") }
        if let serial { parts.append("serial \(serial)") }
        if let byID { parts.append("by-id \(byID)") }
        if let idPath { parts.append("id-path \(idPath)") }
        if let device { parts.append("device \(device)") }
        return parts.joined(separator: ", ")
    }
}
