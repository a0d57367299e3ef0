import ArgumentParser
import Bridge
import BridgeCore
import LightProtocols
import NIOPosix

/// `lightbridge monitor tcp`: the bridge's TCP 13000 server (PROTOCOLS.md §1.4;
/// ``TCPCommandServer``) on its own: each request packet prints as its Smart Light command and is
/// answered as the bridge answers it (`[id, 4, command, 0]`, or refused with code 2 for a mode
/// outside `--modes`); a malformed packet closes that client, with a warning on stderr.
struct MonitorTCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tcp", abstract: "Smart Light packets sent to the TCP 13000 server, answered as the bridge does.")

    @Option(help: "Address to listen on.")
    var bind = "0.0.0.0"

    @Option(help: "Port to listen on (0: a free one; the real one is printed on stderr).")
    var port = SmartLightPacketFormat.tcpPort

    @Option(help: "Modes answered as done, e.g. 1-10,20 (default: all); others are refused.")
    var modes: String?

    @Option(help: "Clients served at once.")
    var maxConnections = 4

    @Option(help: "Mode-number byte order: msb (default) or lsb.")
    var modeByteOrder: String?

    @OptionGroup var monitor: MonitorOptions

    func validate() throws {
        if maxConnections < 1 { throw ValidationError("--max-connections is at least 1") }
    }

    func run() async throws {
        let accepted = try modes.map(Self.parseModes)
        let order: SmartLightPacketFormat.ModeByteOrder
        switch modeByteOrder {
        case nil, "msb": order = .msbFirst
        case "lsb": order = .lsbFirst
        default: throw ValidationError("--mode-byte-order is msb or lsb")
        }
        let output = monitor.output()
        let server = TCPCommandServer(
            name: "tcp", host: bind, port: port, allow: [], maxConnections: maxConnections,
            format: SmartLightPacketFormat(modeByteOrder: order),
            accepts: { command in
                guard let accepted, case .modeSet(let mode) = command, mode != 0 else { return true }
                return accepted.contains { $0.contains(Int(mode)) }
            }, group: MultiThreadedEventLoopGroup.singleton, logger: monitor.logger("lightbridge.monitor")
        ) { event in
            if case .command(let command, let from) = event {
                output.emit(source: from.description, protocol: "smartlight", message: jsonLine(command))
            }
        }
        await server.start()
        guard let bound = server.boundPort else {
            printError("error: cannot listen on \(bind):\(port)")
            throw ExitCode(1)
        }
        output.note("listening on tcp \(bind):\(bound)")
        let status = await monitor.wait(output)
        await server.stop()
        try exitWith(status)
    }

    /// `1-10,20` as ranges.
    static func parseModes(_ text: String) throws -> [ClosedRange<Int>] {
        try text.split(separator: ",").map { part in
            let ends = part.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
            guard (1...2).contains(ends.count), let low = ends.first ?? nil, let high = ends.last ?? nil, low <= high else {
                throw ValidationError("--modes is a list like 1-10,20")
            }
            return low...high
        }
    }
}
