import BridgeCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The serial ports present now (issue 5, item 4, `lightbridge ports`): libudev enumeration of
/// subsystem `tty` through ``UdevEnumerator``, plus the driver and UART type from sysfs, which
/// udev's properties lack for on-board UARTs and, without udevd's database, for everything.
public enum SerialPortScan {
    /// USB-serial adapters (and on-board UARTs if `includeOnboard`), sorted by node.
    public static func ports(includeOnboard: Bool = false) throws(UdevError) -> [SerialPortEntry] {
        let devices = try UdevEnumerator.devices(subsystems: ["tty"])
        return SerialPortListing.entries(devices, includeOnboard: includeOnboard) { device in
            SerialPortEntry.Sysfs(driver: driver(of: device.syspath), uartType: uartType(of: device.syspath))
        }
    }

    /// Whether udevd's database is there (`/run/udev/data`): without it (a container, an
    /// initramfs) there are no `ID_*` properties and no `/dev/serial` links.
    public static var hasUdevDatabase: Bool { access("/run/udev/data", F_OK) == 0 }

    /// The driver of the tty's device or of the nearest parent that has one, skipping the
    /// serial core's own `port` and `ctrl` devices (Linux ≥ 6.5) to reach the real driver.
    static func driver(of syspath: String) -> String? {
        var path = syspath + "/device"
        for _ in 0..<4 {
            if let name = linkTarget(path + "/driver").map(lastComponent), name != "port", name != "ctrl" {
                return name
            }
            path += "/.."
        }
        return nil
    }

    /// The tty's `type` attribute (UART type; 0 = no UART behind the port), if it has one.
    static func uartType(of syspath: String) -> Int? {
        let fd = open(syspath + "/type", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 16)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return nil }
        return Int(String(decoding: buffer[0..<n], as: UTF8.self).filter { $0 != "\n" })
    }

    private static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
