/// Turns successive scans of the bus into arrivals and departures (the periodic-scan fallback
/// when libusb has no hotplug). Pure: tested with made-up scans.
struct USBPresenceTracker: Sendable {
    private var present: [USBDeviceKey: USBDeviceInfo] = [:]

    /// The devices of `scan` not seen in the previous scan, and those of the previous scan
    /// that are missing now. A replugged device has a new address and so arrives anew.
    mutating func update(_ scan: [USBDeviceInfo]) -> (arrived: [USBDeviceInfo], left: [USBDeviceInfo]) {
        var now: [USBDeviceKey: USBDeviceInfo] = [:]
        for device in scan { now[device.key] = device }
        let arrived = scan.filter { present[$0.key] == nil }
        let left = present.values.filter { now[$0.key] == nil }.sorted { ($0.bus, $0.address) < ($1.bus, $1.address) }
        present = now
        return (arrived, left)
    }
}
