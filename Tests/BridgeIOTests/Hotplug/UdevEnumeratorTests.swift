import BridgeCore
import Testing

@testable import BridgeIO

/// Enumeration through the real libudev on this machine's real sysfs (issue 3, item 5). Only
/// what sysfs guarantees is asserted: without udevd's database (a container) there are no
/// `ID_*` properties and no links.
@Suite struct UdevEnumeratorTests {
    @Test func ttyEnumerationFindsEveryDeviceOfSysClassTTY() throws {
        let devices = try UdevEnumerator.devices(subsystems: ["tty"])
        let names = Sysfs.list("/sys/class/tty")
        #expect(!names.isEmpty)
        #expect(devices.map { $0.syspath.split(separator: "/").last.map(String.init) ?? "" }.sorted() == names)
        for device in devices {
            #expect(device.subsystem == "tty")
            #expect(device.action == .enumerated)
            // The same device that /sys/class/tty links to, with the node and numbers of its uevent file.
            let name = String(device.syspath.split(separator: "/").last ?? "")
            #expect(Sysfs.resolve("/sys/class/tty/\(name)") == device.syspath)
            let dev = try #require(Sysfs.read(device.syspath + "/dev"))
            #expect("\(device.properties["MAJOR"] ?? "?"):\(device.properties["MINOR"] ?? "?")" == dev)
            let uevent = Sysfs.read(device.syspath + "/uevent") ?? ""
            let devname = uevent.split(separator: "\n").first { $0.hasPrefix("DEVNAME=") }?.dropFirst(8)
            #expect(device.devnode == devname.map { "/dev/\($0)" })
            // A USB parent exactly when the device sits under a USB device in sysfs.
            #expect((device.usbParent != nil) == device.syspath.contains("/usb"))
        }
        // Every Linux system has these three, with fixed numbers.
        let byNode = Dictionary(devices.compactMap { d in d.devnode.map { ($0, d) } }, uniquingKeysWith: { a, _ in a })
        #expect(byNode["/dev/tty"]?.properties["MAJOR"] == "5" && byNode["/dev/tty"]?.properties["MINOR"] == "0")
        #expect(byNode["/dev/console"]?.properties["MINOR"] == "1")
        #expect(byNode["/dev/ptmx"]?.properties["MINOR"] == "2")
        #expect(byNode["/dev/tty"]?.syspath == "/sys/devices/virtual/tty/tty")
    }

    @Test func memEnumerationFindsDevNull() throws {
        let devices = try UdevEnumerator.devices(subsystems: ["mem"])
        let null = try #require(devices.first { $0.devnode == "/dev/null" })
        #expect(null.syspath == "/sys/devices/virtual/mem/null")
        #expect(null.subsystem == "mem")
        #expect(null.properties["MAJOR"] == "1" && null.properties["MINOR"] == "3")
        #expect(null.usbParent == nil)
        #expect(Set(devices.compactMap(\.devnode)).isSuperset(of: ["/dev/null", "/dev/zero", "/dev/full", "/dev/random"]))
        #expect(devices.allSatisfy { $0.subsystem == "mem" })
    }

    @Test func severalSubsystemsAtOnceAndAnUnknownOneIsEmpty() throws {
        let both = try UdevEnumerator.devices(subsystems: ["tty", "mem"])
        let tty = try UdevEnumerator.devices(subsystems: ["tty"])
        let mem = try UdevEnumerator.devices(subsystems: ["mem"])
        #expect(both.count == tty.count + mem.count)
        #expect(try UdevEnumerator.devices(subsystems: ["no-such-subsystem"]).isEmpty)
    }

    @Test func enumeratedOnboardDevicesFeedTheTracker() throws {
        // The start-up path: enumerated devices go through the same tracker as events.
        let devices = try UdevEnumerator.devices(subsystems: ["tty"])
        var tracker = HotplugTracker(rules: [
            HotplugRule(source: SourceID("console"), match: try DeviceMatch(device: "/dev/console"))
        ])
        let decisions = devices.flatMap { tracker.handle($0) }
        #expect(decisions.count == 1)
        #expect(tracker.openSources == [SourceID("console"): "/dev/console"])
        #expect(tracker.devices.count == devices.filter { $0.devnode != nil }.count)
    }
}
