import ArgumentParser
import LightProtocols
import Logging
import Simulators

/// `lightbridge simulate heliospectra`: a Heliospectra LX/RX lamp (issue 4 item 6;
/// PROTOCOLS.md §5; docs/SIMULATORS.md). The control socket on `--port` (50630), master
/// packages and discovery on `--multicast-port` (50632; with `--port 0` a free one).
struct HeliospectraSimulatorCLI: CLISimulator {
    static let name = "heliospectra"
    static let summary = "Heliospectra LX/RX lamp: TCP control 50630, master multicast and discovery on UDP 50632"

    /// The lamp's own options (`--host` and `--port`, the control port, are the common ones).
    struct Options: ParsableArguments {
        @Option(help: "UDP port of master packages and discovery (default 50632; with --port 0 a free one).")
        var multicastPort: Int?

        @Option(help: "Address the UDP socket binds.")
        var udpHost = "0.0.0.0"

        @Option(help: "The master multicast group to follow ('none': no master).")
        var group = "239.1.1.1"

        @Option(help: "Address of the interface the group is joined on.")
        var interface = "127.0.0.1"

        @Option(help: "Comma-separated channel wavelengths in nm, in getWl order.")
        var wavelengths = "400,420,450,530,630,660,735"

        @Option(help: "The lamp's MAC address.")
        var mac = "00:1e:c0:5a:00:01"

        @Option(help: "Seconds a control client may stay idle before it is closed.")
        var idleTimeout = 30.0

        @Option(help: "FwVersion of the discovery reply.")
        var firmware = "3.2.2"

        @Option(help: "SerialNr of the discovery reply.")
        var serial = "LX601C-0001"
    }

    static func start(_ options: SimulatorOptions, extra: [String]) async throws -> any Simulator {
        let own = try Options.parse(extra)
        var group: IPv4Address?
        if own.group != "none" {
            guard let g = IPv4Address(own.group), g.isMulticast else {
                throw ValidationError("--group must be a multicast IPv4 address (224.0.0.0/4) or 'none'")
            }
            group = g
        }
        guard let interface = IPv4Address(own.interface) else { throw ValidationError("--interface must be an IPv4 address") }
        var wavelengths: [UInt16] = []
        for part in own.wavelengths.split(separator: ",") {
            guard let nm = UInt16(part), nm > 0 else { throw ValidationError("bad wavelength '\(part)' in --wavelengths") }
            wavelengths.append(nm)
        }
        guard (1...HeliospectraControlFormat.maxWavelengthCount).contains(wavelengths.count) else {
            throw ValidationError("--wavelengths needs 1 to \(HeliospectraControlFormat.maxWavelengthCount) values")
        }
        guard let mac = HeliospectraMAC(own.mac) else { throw ValidationError("--mac must be six hex pairs") }
        guard own.idleTimeout > 0, own.idleTimeout.isFinite else { throw ValidationError("--idle-timeout must be positive") }
        let controlPort = options.port ?? HeliospectraControlFormat.tcpPort
        let udpPort = own.multicastPort ?? (controlPort == 0 ? 0 : HeliospectraMasterFormat.udpPort)
        let settings = HeliospectraLampSimulatorSettings(
            host: options.host, controlPort: controlPort, multicastPort: udpPort, udpHost: own.udpHost, group: group,
            interface: interface, wavelengths: wavelengths, mac: mac, firmware: own.firmware, serialNumber: own.serial,
            idleTimeout: .milliseconds(Int64(own.idleTimeout * 1000)))
        let logger = Logger(label: "lightbridge.simulator.heliospectra") { StreamLogHandler.standardError(label: $0) }
        return try await HeliospectraLampSimulator.start(settings, logger: logger)
    }
}
