import ArgumentParser
import LightProtocols
import Logging

/// `lightbridge send PROTOCOL … MESSAGE_JSON…` (issue 5 item 4): one command (or a few) to one
/// real light, through that protocol's driver, so connecting, the empty line, pacing, retries
/// and reply matching all apply as in the bridge. Messages are the `decode`/`encode` JSON shapes.
struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send commands to one light through its driver and print each reply as JSON.",
        discussion: """
            PROTOCOL is one of: \(SenderRegistry.names).
            Each MESSAGE is one JSON message in the shape `lightbridge encode` reads
            (docs/JSON.md); without MESSAGE arguments stdin is read (one message, an
            array, or one per line). Every message is checked before anything is sent.
            Each reply prints as one JSON line in the codec's shape; a command with no
            answer on the wire prints {"type":"sent"}, a HelvarNet control command
            {"type":"acknowledged"} (sent with A:1 unless --no-acknowledge).

            smartlight    --host H [--port 13000] [--mode-byte-order msb|lsb],
                          or --serial PATH [--baud 9600] [--delimiter C]
            helvar        --host H [--port 50000] [--transport udp] [--no-acknowledge]
            lightwave     --host H [--port 9760] [--reply-port 9761] [--listen A]
                          [--confirm]; the message's trans and link are the driver's
            lumencor      --host H [--port 8095] [--transport udp], or --serial PATH
            heliospectra  --host H [--port 50630]: control-socket requests, or
                          --group G [--port 50632] [--interface A]: master packages
                          {"channels":[…]}, each printed as sent

            Exit status: 0 when every command succeeded; 2 when a message is bad
            (nothing is sent) or a command failed (its typed error on stderr; the
            next commands are still sent); 1 when the light cannot be reached
            (nothing more is sent); 64 for bad options.
            """
    )

    @Argument(help: "The protocol: \(SenderRegistry.names).")
    var protocolName: String

    @Argument(help: "JSON messages (none: read stdin).")
    var messages: [String] = []

    @Option(help: "The light's address.")
    var host: String?

    @Option(help: "The light's port (default: the protocol's).")
    var port: Int?

    @Option(help: "tcp or udp (helvar, lumencor).")
    var transport: String?

    @Option(help: "A serial device instead of the network (smartlight, lumencor).")
    var serial: String?

    @Option(help: "Serial baud rate (smartlight 9600, lumencor 115200).")
    var baud: Int?

    @OptionGroup var codecOptions: CodecOptionArguments

    @Option(help: "heliospectra: send master packages to this multicast group instead.")
    var group: String?

    @Option(help: "heliospectra --group: the interface address packages leave by.")
    var interface: String?

    @Option(help: "lightwave: the port replies arrive on (9761).")
    var replyPort: Int?

    @Option(help: "lightwave: the address the reply socket binds (0.0.0.0).")
    var listen: String?

    @Option(help: "Seconds a reply (and the connection) may take (default: the driver's).")
    var timeout: Double?

    @Flag(help: "helvar: send control commands without A:1 (no acknowledgement awaited).")
    var noAcknowledge = false

    @Flag(help: "lightwave: also wait for the Link's JSON line proving the radio packet went out.")
    var confirm = false

    @Flag(help: "Log the driver's progress on stderr (else only its errors).")
    var verbose = false

    func run() async throws {
        guard let sender = SenderRegistry.sender(named: protocolName) else {
            throw ValidationError("unknown protocol '\(protocolName)'; one of: \(SenderRegistry.names)")
        }
        let options = try parsedOptions()
        let text =
            messages.isEmpty ? String(decoding: readAllStandardInput(), as: UTF8.self) : messages.joined(separator: "\n")
        let json: [JSONValue]
        do {
            json = try messages.isEmpty ? splitJSONMessages(text) : messages.map { try JSONParser.parse($0) }
        } catch {
            printError("error: \(CodecFailure(error))")
            throw ExitCode(2)
        }
        guard !json.isEmpty else { throw ValidationError("no message to send") }
        let logger = ToolLogHandler.logger("lightbridge.send", verbose: verbose, quiet: .error)
        let status = await Self.send(sender, json, options, logger)
        if status != 0 { throw ExitCode(status) }
    }

    /// Checks every message, opens the driver, sends them in order; the exit status.
    static func send<S: CLISender>(_ sender: S.Type, _ json: [JSONValue], _ options: SendOptions, _ logger: Logger) async
        -> Int32
    {
        var prepared: [S.Message] = []
        for message in json {
            do throws(SendFailure) {
                prepared.append(try S.message(message, options: options))
            } catch {
                return report(error)
            }
        }
        let driver: S
        do throws(SendFailure) {
            driver = try await S.open(options, logger: logger)
        } catch {
            return report(error)
        }
        var status: Int32 = 0
        for message in prepared {
            do throws(SendFailure) {
                for line in try await driver.send(message) { printLine(line.jsonText) }
            } catch {
                status = report(error)
                if status != 2 { break }
            }
        }
        await driver.close()
        return status
    }

    /// Prints the failure and returns its exit status.
    private static func report(_ failure: SendFailure) -> Int32 {
        printError("error: \(failure)")
        switch failure {
        case .input, .command: return 2
        case .connection: return 1
        case .usage: return 64
        }
    }

    private func parsedOptions() throws -> SendOptions {
        let codec = try codecOptions.parsed()
        var groupAddress: IPv4Address?
        if let group {
            guard let address = IPv4Address(group) else { throw ValidationError("--group is not an IPv4 address") }
            groupAddress = address
        }
        var interfaceAddress: IPv4Address?
        if let interface {
            guard let address = IPv4Address(interface) else { throw ValidationError("--interface is not an IPv4 address") }
            interfaceAddress = address
        }
        if let transport, transport != "tcp" && transport != "udp" { throw ValidationError("--transport is tcp or udp") }
        if let timeout, !(timeout > 0 && timeout < 3600) { throw ValidationError("--timeout is seconds, more than 0") }
        return SendOptions(
            host: host, port: port, transport: transport, serial: serial, baud: baud, delimiter: codec.delimiter,
            modeByteOrder: codec.modeByteOrder, group: groupAddress, interface: interfaceAddress, replyPort: replyPort,
            listen: listen, timeout: timeout.map(seconds), acknowledge: !noAcknowledge, confirm: confirm)
    }
}
