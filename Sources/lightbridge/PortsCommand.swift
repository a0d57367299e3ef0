import ArgumentParser
import BridgeCore
import BridgeIO

/// `lightbridge ports [--onboard] [--json]` (issue 5, item 4): the serial adapters libudev
/// enumerates, with their `/dev/serial/by-id` links, VID:PID, serial number, driver and
/// `ID_PATH` — what an input's `device`, `match` or hotplug rule can name.
struct PortsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ports",
        abstract: "List serial adapters with their by-id links and VID:PID (libudev).",
        discussion: """
            USB-serial adapters only, unless --onboard adds the board's own UARTs (ttyS, ttyAMA …;
            virtual terminals, ptys and placeholder UARTs are never listed). The status is 0 even
            when there is none. Without udevd's database (a container) only sysfs is known: no
            by-id links and no names; a note on stderr says so.
            """
    )

    @Flag(help: "Also list on-board UARTs.")
    var onboard = false

    @Flag(help: "Print a JSON array instead of the table.")
    var json = false

    func run() throws {
        let ports: [SerialPortEntry]
        do {
            ports = try SerialPortScan.ports(includeOnboard: onboard)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        if !SerialPortScan.hasUdevDatabase {
            printError("note: no udev database (/run/udev/data): IDs from sysfs only, no /dev/serial links")
        }
        if json {
            printLine(SerialPortListing.json(ports).jsonText)
        } else if ports.isEmpty {
            printLine(onboard ? "no serial ports found" : "no serial adapters found (--onboard also lists on-board UARTs)")
        } else {
            for line in SerialPortListing.text(ports) { printLine(line) }
        }
    }
}
