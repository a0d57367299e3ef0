import BridgeCore
import CUDev

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The devices present now, from sysfs (and udevd's database where it exists), so that a device
/// plugged in before start-up is found (issue 3, item 5).
public enum UdevEnumerator {
    /// Every device of the given subsystems, sorted by sysfs path, with action ``DeviceInfo/Action/enumerated``.
    public static func devices(subsystems: [String]) throws(UdevError) -> [DeviceInfo] {
        guard let udev = udev_new() else { throw .contextUnavailable(errno: errno) }
        defer { udev_unref(udev) }
        guard let enumerate = udev_enumerate_new(udev) else { throw .call("udev_enumerate_new", errno: errno) }
        defer { udev_enumerate_unref(enumerate) }
        for subsystem in subsystems {
            let result = udev_enumerate_add_match_subsystem(enumerate, subsystem)
            if result < 0 { throw .call("udev_enumerate_add_match_subsystem(\(subsystem))", errno: -result) }
        }
        let result = udev_enumerate_scan_devices(enumerate)
        if result < 0 { throw .call("udev_enumerate_scan_devices", errno: -result) }
        var devices: [DeviceInfo] = []
        for (syspath, _) in UdevDevice.entries(udev_enumerate_get_list_entry(enumerate)) {
            // A device can vanish between the scan and this read: skip it.
            guard let device = udev_device_new_from_syspath(udev, syspath) else { continue }
            devices.append(UdevDevice.info(device))
            udev_device_unref(device)
        }
        return devices.sorted { $0.syspath < $1.syspath }
    }
}
