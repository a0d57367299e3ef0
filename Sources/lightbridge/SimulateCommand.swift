import ArgumentParser
import Simulators

/// Options every simulator takes on the command line.
struct SimulatorOptions: ParsableArguments {
    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (default: the protocol's own; 0 picks a free one).")
    var port: Int?
}

/// One protocol's entry in `lightbridge simulate`.
protocol CLISimulator {
    /// The PROTOCOL argument that selects it.
    static var name: String { get }
    /// What it simulates, for `--help`.
    static var summary: String { get }
    /// Starts the simulator; `extra` holds the protocol's own `--key value` options.
    static func start(_ options: SimulatorOptions, extra: [String]) async throws -> any Simulator
}

/// Every simulator the CLI knows.
enum SimulatorRegistry {
    static var all: [any CLISimulator.Type] {
        [
            // One line per protocol: HelvarSimulatorCLI, LightwaveSimulatorCLI, …
            HelvarSimulatorCLI.self,
            LightwaveSimulatorCLI.self,
            SmartLightSimulatorCLI.self,
            HeliospectraSimulatorCLI.self,
            LumencorSimulatorCLI.self,
        ]
    }

    static var names: String { all.map { $0.name }.joined(separator: ", ") }
}

/// `lightbridge simulate PROTOCOL`: runs a device simulator until interrupted.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run a simulated light (or lighting router) until interrupted.",
        discussion: "PROTOCOL is one of: \(SimulatorRegistry.names). It prints one line with its ports, then logs on stderr."
    )

    @Argument(help: "The protocol.")
    var protocolName: String

    @OptionGroup var options: SimulatorOptions

    @Argument(parsing: .allUnrecognized, help: "Protocol-specific options (see docs/SIMULATORS.md).")
    var extra: [String] = []

    func run() async throws {
        guard let simulator = SimulatorRegistry.all.first(where: { $0.name == protocolName }) else {
            throw ValidationError("unknown simulator '\(protocolName)'; one of: \(SimulatorRegistry.names)")
        }
        let running = try await simulator.start(options, extra: extra)
        let ports = running.ports.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        printLine("\(protocolName) simulator listening on \(options.host): \(ports)")
        while true { try await Task.sleep(for: .seconds(3600)) }
    }
}
