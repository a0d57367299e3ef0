/// One device as libudev reports it: from a monitor event or from enumeration (issue 3, item 5).
/// A plain value, so the hotplug logic can be tested on recorded udev properties.
public struct DeviceInfo: Sendable, Hashable {
    /// What happened to the device (the uevent's `ACTION`).
    public enum Action: Sendable, Hashable, CustomStringConvertible {
        case add, remove, change, move, bind, unbind, online, offline
        /// Found by enumeration at start-up (libudev reports no action): treated like `add`.
        case enumerated
        /// An action this code does not know.
        case other(String)

        /// The action for libudev's action string; `nil` (enumeration) is ``enumerated``.
        public init(_ name: String?) {
            switch name {
            case nil: self = .enumerated
            case "add": self = .add
            case "remove": self = .remove
            case "change": self = .change
            case "move": self = .move
            case "bind": self = .bind
            case "unbind": self = .unbind
            case "online": self = .online
            case "offline": self = .offline
            case let other?: self = .other(other)
            }
        }

        public var description: String {
            switch self {
            case .add: return "add"
            case .remove: return "remove"
            case .change: return "change"
            case .move: return "move"
            case .bind: return "bind"
            case .unbind: return "unbind"
            case .online: return "online"
            case .offline: return "offline"
            case .enumerated: return "enumerated"
            case .other(let name): return name
            }
        }
    }

    /// The event's action.
    public var action: Action
    /// The kernel subsystem, e.g. `tty` or `usb`.
    public var subsystem: String
    /// The device type within the subsystem (`usb_device`, `usb_interface` …), if any.
    public var devtype: String?
    /// The device's path in sysfs, e.g. `/sys/devices/pci0000:00/…/ttyUSB0/tty/ttyUSB0`.
    public var syspath: String
    /// The device node, e.g. `/dev/ttyUSB0`, if the device has one.
    public var devnode: String?
    /// All udev properties (`ID_VENDOR_ID`, `ID_SERIAL_SHORT`, `ID_PATH` …). Without udevd's
    /// database (a container) only the kernel's uevent variables are here.
    public var properties: [String: String]
    /// The device node's symlinks, e.g. `/dev/serial/by-id/usb-FTDI_…-if00-port0`.
    public var devlinks: [String]
    /// The USB device the node belongs to, if any.
    public var usbParent: USBParent?

    /// Creates a device value.
    public init(
        action: Action, subsystem: String, devtype: String? = nil, syspath: String, devnode: String? = nil,
        properties: [String: String] = [:], devlinks: [String] = [], usbParent: USBParent? = nil
    ) {
        self.action = action
        self.subsystem = subsystem
        self.devtype = devtype
        self.syspath = syspath
        self.devnode = devnode
        self.properties = properties
        self.devlinks = devlinks
        self.usbParent = usbParent
    }

    /// A device from a uevent's property set as `udevadm monitor --property` prints it: `ACTION`,
    /// `SUBSYSTEM`, `DEVTYPE`, `DEVPATH` (relative to `/sys`), `DEVNAME` and space-separated
    /// `DEVLINKS` give the fields; all of them stay in ``properties``.
    public init(properties: [String: String], usbParent: USBParent? = nil) {
        let devname = properties["DEVNAME"]
        self.init(
            action: Action(properties["ACTION"]),
            subsystem: properties["SUBSYSTEM"] ?? "",
            devtype: properties["DEVTYPE"],
            syspath: "/sys" + (properties["DEVPATH"] ?? ""),
            devnode: devname.map { $0.hasPrefix("/") ? $0 : "/dev/" + $0 },
            properties: properties,
            devlinks: (properties["DEVLINKS"] ?? "").split(separator: " ").map(String.init),
            usbParent: usbParent
        )
    }

    /// The symlinks under `/dev/serial/by-id/`.
    public var byIDLinks: [String] { devlinks.filter { $0.hasPrefix(DeviceInfo.byIDDirectory) } }

    /// Where udev's `60-serial.rules` puts the by-id links.
    public static let byIDDirectory = "/dev/serial/by-id/"
}

/// The USB device (`usb`/`usb_device`) above a device node, with the sysfs attributes that
/// identify it, as read at the time of the event.
public struct USBParent: Sendable, Hashable {
    /// Its sysfs path, e.g. `/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1`.
    public var syspath: String
    /// `idVendor`, four hex digits.
    public var vendorID: String?
    /// `idProduct`, four hex digits.
    public var productID: String?
    /// `serial`, if the device has a serial-number string.
    public var serial: String?

    /// Creates a parent value.
    public init(syspath: String, vendorID: String? = nil, productID: String? = nil, serial: String? = nil) {
        self.syspath = syspath
        self.vendorID = vendorID
        self.productID = productID
        self.serial = serial
    }
}
