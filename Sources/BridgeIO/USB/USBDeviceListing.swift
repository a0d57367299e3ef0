/// The lines `lightbridge usb list` prints: one per connected USB device, with VID:PID,
/// location, address and serial number (or why it could not be read).
public enum USBDeviceListing {
    /// The devices `selector` matches (all when `nil`), one line each, sorted by location.
    /// `readSerials` opens each listed device briefly to read its serial number.
    public static func lines(
        _ context: USBContext, matching selector: USBDeviceSelector? = nil, readSerials: Bool = true
    ) throws(USBError) -> [String] {
        let devices = try context.devices()
            .filter { selector?.matches($0.info) ?? true }
            .sorted { a, b in
                a.info.bus != b.info.bus ? a.info.bus < b.info.bus : a.info.portPath.lexicographicallyPrecedes(b.info.portPath)
            }
        var out: [String] = []
        for device in devices {
            let info = device.info
            var line = "\(info.ids)  \(info.location)  bus \(info.bus) address \(info.address)"
            if readSerials {
                do {
                    let serial = try device.serialNumber()
                    if let wanted = selector?.serial, serial != wanted { continue }
                    line += "  serial \(serial ?? "(none)")"
                } catch {
                    if selector?.serial != nil { continue }
                    line += "  serial unreadable: \(error)"
                }
            }
            out.append(line)
        }
        return out
    }

    /// One line about libusb itself: version and how arrivals are noticed.
    public static var summary: String {
        "libusb \(USBContext.libraryVersion), device arrival by \(USBContext.hasHotplug ? "hotplug" : "periodic scan")"
    }
}
