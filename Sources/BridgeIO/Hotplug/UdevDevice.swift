import BridgeCore
import CUDev

/// Reads a libudev device into a ``DeviceInfo`` value.
enum UdevDevice {
    /// The device's fields, properties and links. The USB parent's IDs are read from sysfs for
    /// every action but `remove`: by then the device is gone from sysfs and the parent libudev
    /// finds can be the root hub (HIL.md trap); the tracker uses the add event's IDs instead.
    static func info(_ device: OpaquePointer) -> DeviceInfo {
        let action = DeviceInfo.Action(string(udev_device_get_action(device)))
        var usbParent: USBParent?
        if action != .remove, let parent = udev_device_get_parent_with_subsystem_devtype(device, "usb", "usb_device") {
            usbParent = USBParent(
                syspath: string(udev_device_get_syspath(parent)) ?? "",
                vendorID: string(udev_device_get_sysattr_value(parent, "idVendor")),
                productID: string(udev_device_get_sysattr_value(parent, "idProduct")),
                serial: string(udev_device_get_sysattr_value(parent, "serial")))
        }
        var properties: [String: String] = [:]
        for (name, value) in entries(udev_device_get_properties_list_entry(device)) { properties[name] = value ?? "" }
        return DeviceInfo(
            action: action, subsystem: string(udev_device_get_subsystem(device)) ?? "",
            devtype: string(udev_device_get_devtype(device)), syspath: string(udev_device_get_syspath(device)) ?? "",
            devnode: string(udev_device_get_devnode(device)), properties: properties,
            devlinks: entries(udev_device_get_devlinks_list_entry(device)).map(\.name), usbParent: usbParent)
    }

    /// The names and values of a libudev list.
    static func entries(_ first: OpaquePointer?) -> [(name: String, value: String?)] {
        var result: [(name: String, value: String?)] = []
        var entry = first
        while let current = entry {
            if let name = string(udev_list_entry_get_name(current)) {
                result.append((name, string(udev_list_entry_get_value(current))))
            }
            entry = udev_list_entry_get_next(current)
        }
        return result
    }

    static func string(_ pointer: UnsafePointer<CChar>?) -> String? { pointer.map { String(cString: $0) } }
}
