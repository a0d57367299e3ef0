import LightDrivers
import LightProtocols
import Logging

/// `send helvar`: a HelvarNet `command` message through ``HelvarDriver`` (PROTOCOLS.md §2). A
/// query prints its reply (`{"type":"reply",…}`); a control command goes with `A:1` (unless the
/// message says `"acknowledge":false` or `--no-acknowledge` is given) and prints
/// `{"type":"acknowledged"}` after the router's `!…=0#`, else `{"type":"sent"}`. A router error
/// (`!…=code#`) is the command's typed error.
struct HelvarSender: CLISender {
    static let name = "helvar"
    static let summary = "HelvarNet router (TCP 50000 or UDP 50001)"

    let driver: HelvarDriver

    static func message(_ json: JSONValue, options: SendOptions) throws(SendFailure) -> HelvarCommand {
        guard case .command(let command) = try decodeMessage(HelvarMessage.self, json) else {
            throw .input(CodecFailure(kind: "HelvarError", message: "send takes a \"command\" message"))
        }
        do { try command.validate() } catch { throw .input(error) }
        return command
    }

    static func open(_ options: SendOptions, logger: Logger) async throws(SendFailure) -> HelvarSender {
        var settings = HelvarDriverSettings(
            host: try options.requireHost(name), port: options.port,
            transport: options.transport == "udp" ? .udp : .tcp, acknowledge: options.acknowledge,
            keepAliveInterval: nil)
        if let timeout = options.timeout { settings.replyTimeout = timeout }
        let driver = HelvarDriver(settings: settings, logger: logger)
        await driver.start()
        return HelvarSender(driver: driver)
    }

    func send(_ command: HelvarCommand) async throws(SendFailure) -> [JSONValue] {
        let reply: HelvarReply?
        do {
            reply = try await driver.send(command)
        } catch {
            switch error {
            case .notConnected, .stopped: throw .connection(error)
            default: throw .command(error)
            }
        }
        if let reply { return [jsonLine(HelvarMessage.reply(reply))] }
        let acknowledged = command.acknowledge ?? (driver.settings.acknowledge && command.number.category != .query)
        return [outcomeLine(acknowledged ? "acknowledged" : "sent")]
    }

    func close() async {
        // The driver closes at once, and writes without A:1 may still be queued behind the
        // 10 ms pacing: let them out first.
        try? await Task.sleep(for: .milliseconds(200))
        await driver.stop()
    }
}
