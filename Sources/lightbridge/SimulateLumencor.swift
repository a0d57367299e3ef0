import ArgumentParser
import LightProtocols
import Logging
import Simulators

/// `lightbridge simulate lumencor`: a Lumencor light engine (issue 4 item 6; PROTOCOLS.md §4;
/// seed 001; docs/SIMULATORS.md). TCP on `--port` (8095), optionally UDP and a serial line.
struct LumencorSimulatorCLI: CLISimulator {
    static let name = "lumencor"
    static let summary = "Lumencor light engine (text protocol on TCP 8095, UDP, serial/pty)"

    /// The engine's own options (`--host` and `--port`, the TCP port, are the common ones).
    struct Options: ParsableArguments {
        @Flag(help: "Also serve UDP on the TCP port's number.")
        var udp = false

        @Option(help: "Serve UDP on this port (0: a free one).")
        var udpPort: Int?

        @Flag(help: "No TCP (e.g. serial only).")
        var noTcp = false

        @Option(help: "Serve a serial line: 'pty' (a new pseudo-terminal; its path is printed) or a tty path.")
        var serial: String?

        @Option(help: "Channel colours in channel order, comma-separated.")
        var channels = "VIOLET,BLUE,GREEN,RED"

        @Option(help: "MAXINT (4095 in the seed, 1000 on newer engines).")
        var maxIntensity = 4095

        @Option(help: "GET MODEL.")
        var model = "SPECTRAX"

        @Option(help: "GET STAT at start (0 OK, 1 fan, 2 over-temperature, 4 safety lock, 6 standby…).")
        var status = 0

        @Option(help: "GET TEMP at start, °C.")
        var temperature = 26

        @Flag(help: "The first line of each connection fails (the power-up quirk).")
        var failFirstCommand = false

        @Flag(help: "Answer nothing (clients time out).")
        var silent = false
    }

    static func start(_ options: SimulatorOptions, extra: [String]) async throws -> any Simulator {
        let own = try Options.parse(extra)
        let channels = own.channels.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard LumencorFormat.channelListCountRange.contains(channels.count),
            channels.allSatisfy({ c in !c.isEmpty && c.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F } })
        else {
            throw ValidationError("--channels needs 1 to 64 comma-separated names without spaces")
        }
        guard LumencorFormat.maxIntensityRange.contains(own.maxIntensity) else {
            throw ValidationError("--max-intensity must be in 1...65535")
        }
        guard LumencorFormat.statusCodeRange.contains(own.status) else { throw ValidationError("bad --status \(own.status)") }
        if let p = own.udpPort, !(0...65535).contains(p) { throw ValidationError("bad --udp-port \(p)") }
        let serial: LumencorEngineSimulator.Serial? = own.serial.map { $0 == "pty" ? .pseudoTerminal : .device(path: $0) }
        guard !own.noTcp || own.udpPort != nil || serial != nil else {
            throw ValidationError("--no-tcp needs --udp-port or --serial")
        }
        let engine = LumencorEngineState(
            channels: channels, maxIntensity: own.maxIntensity, model: own.model,
            status: LumencorEngineStatus(code: own.status), temperature: own.temperature)
        let configuration = LumencorEngineSimulator.Configuration(
            host: options.host, tcpPort: own.noTcp ? nil : options.port ?? LumencorFormat.tcpPort, udpPort: own.udpPort,
            udpOnTCPPort: own.udp, serial: serial, engine: engine, failFirstCommandAfterConnect: own.failFirstCommand)
        let logger = Logger(label: "lightbridge.simulator.lumencor") { StreamLogHandler.standardError(label: $0) }
        let simulator = try await LumencorEngineSimulator.start(configuration, logger: logger)
        if own.silent { simulator.behaviour = .silent }
        if let path = simulator.serialPath { printLine("lumencor serial line on \(path)") }
        return simulator
    }
}
