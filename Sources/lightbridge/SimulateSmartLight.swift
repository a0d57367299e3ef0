import ArgumentParser
import LightProtocols
import Logging
import Simulators

/// `lightbridge simulate smartlight`: a Caron Smart Light (issue 4 item 6; PROTOCOLS.md §1.2–§1.4;
/// docs/SIMULATORS.md).
struct SmartLightSimulatorCLI: CLISimulator {
    static let name = "smartlight"
    static let summary = "Caron Smart Light: TCP 13000 packets with replies, optional RS232 side on a pty or tty"

    /// The light's own options (`--host` and `--port`, the TCP port, are the common ones).
    struct Options: ParsableArguments {
        @Option(help: "Recipe modes besides 0, e.g. 1-255 or 1-10,20.")
        var modes = "1-255"

        @Option(help: "Mode number byte order in packets: msb or lsb.")
        var modeByteOrder = "msb"

        @Option(help: "Also read RS232 frames: 'pty' (a new pseudo-terminal, path logged) or a tty path.")
        var serial: String?

        @Option(help: "Baud rate of a tty given with --serial.")
        var baud = 9600

        @Option(help: "RS232 frame delimiter.")
        var delimiter = "~"

        @Flag(help: "Apply commands but never answer.")
        var silent = false

        @Flag(help: "No TCP server (serial side only).")
        var noTcp = false
    }

    static func start(_ options: SimulatorOptions, extra: [String]) async throws -> any Simulator {
        let own = try Options.parse(extra)
        guard let modes = SmartLightDeviceSimulatorSettings.parseModes(own.modes) else {
            throw ValidationError("--modes must be a list like 1-255 or 1-10,20 (mode numbers 0...65535)")
        }
        let order: SmartLightPacketFormat.ModeByteOrder
        switch own.modeByteOrder {
        case "msb": order = .msbFirst
        case "lsb": order = .lsbFirst
        default: throw ValidationError("--mode-byte-order must be msb or lsb")
        }
        let delimiter = Array(own.delimiter.utf8)
        guard delimiter.count == 1 else { throw ValidationError("--delimiter must be one character") }
        let format: SmartLightFrameFormat
        do { format = try SmartLightFrameFormat(delimiter: delimiter[0]) } catch { throw ValidationError("\(error)") }
        let serial: SmartLightDeviceSimulatorSettings.Serial? = own.serial.map {
            $0 == "pty" ? .pseudoTerminal : .device(path: $0, baudRate: own.baud)
        }
        guard !own.noTcp || serial != nil else { throw ValidationError("--no-tcp needs --serial") }
        let settings = SmartLightDeviceSimulatorSettings(
            host: options.host, port: own.noTcp ? nil : options.port ?? SmartLightPacketFormat.tcpPort, serial: serial,
            configuredModes: modes, modeByteOrder: order, frameFormat: format)
        let logger = Logger(label: "lightbridge.simulator.smartlight") { StreamLogHandler.standardError(label: $0) }
        let simulator = try await SmartLightDeviceSimulator.start(settings, logger: logger)
        if own.silent { simulator.behaviour = .silent }
        if let path = simulator.serialPath { printError("smartlight simulator serial side on \(path)") }
        return simulator
    }
}
