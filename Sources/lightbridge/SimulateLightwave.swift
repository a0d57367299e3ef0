import ArgumentParser
import LightProtocols
import Logging
import Simulators

/// `lightbridge simulate lightwave`: a LightwaveRF Link (issue 4, item 6; docs/SIMULATORS.md).
struct LightwaveSimulatorCLI: CLISimulator {
    static let name = "lightwave"
    static let summary = "LightwaveRF Link (LW500/LW930): UDP commands, replies unicast + broadcast"

    /// The Link's own options (`--host` and `--port`, the command port, are the common ones).
    struct Options: ParsableArguments {
        @Option(help: "Port replies go to on the client's address.")
        var replyPort = LightwaveUDP.replyPort

        @Option(help: "Where the broadcast copy of each reply goes ('none': unicast only).")
        var broadcastAddress = "127.255.255.255"

        @Flag(help: "Press the button by itself after a registration request.")
        var autoRegister = false

        @Option(help: "Seconds before the automatic button press.")
        var autoRegisterDelay = 0.5

        @Option(help: "lw500 or lw930.")
        var model = "lw500"

        @Option(help: "The next N radio commands answer ERR,6 \"Transmit fail\".")
        var failTransmit = 0

        @Flag(help: "Firmware before 2.92: no JSON line after OK.")
        var noJson = false

        @Option(help: "A client IP registered from the start (repeatable).")
        var registered: [String] = []
    }

    static func start(_ options: SimulatorOptions, extra: [String]) async throws -> any Simulator {
        let own = try Options.parse(extra)
        guard let model = LightwaveLinkModel(rawValue: own.model) else {
            throw ValidationError("--model must be lw500 or lw930")
        }
        let settings = LightwaveLinkSimulatorSettings(
            host: options.host, port: options.port ?? LightwaveUDP.commandPort, replyPort: own.replyPort,
            broadcastAddress: own.broadcastAddress == "none" ? nil : own.broadcastAddress, model: model,
            jsonEvents: !own.noJson,
            autoRegisterAfter: own.autoRegister ? .milliseconds(Int64(own.autoRegisterDelay * 1000)) : nil,
            registeredClients: own.registered, failTransmit: own.failTransmit)
        let logger = Logger(label: "lightbridge.simulator.lightwave") { StreamLogHandler.standardError(label: $0) }
        return try await LightwaveLinkSimulator.start(settings, logger: logger)
    }
}
