import LightDrivers
import LightProtocols
import Logging

/// `send lightwave`: a LightwaveRF `command` message through ``LightwaveDriver`` (PROTOCOLS.md
/// §3): its transaction id, pacing, `ERR,6` back-off and reply matching on the reply port. Prints
/// the Link's `{"type":"ok","trans":N}` and, with `--confirm`, the JSON line proving the radio
/// packet went out. The message's `trans` and `link` are ignored: the driver numbers commands.
struct LightwaveSender: CLISender {
    static let name = "lightwave"
    static let summary = "LightwaveRF Link (UDP 9760, replies on 9761)"

    /// What to send.
    struct Message: Sendable {
        var action: LightwaveAction
        var line1: String?
        var line2: String?
    }

    let driver: LightwaveDriver

    static func message(_ json: JSONValue, options: SendOptions) throws(SendFailure) -> Message {
        guard case .command(let command) = try decodeMessage(LightwaveMessage.self, json) else {
            throw .input(CodecFailure(kind: "LightwaveError", message: "send takes a \"command\" message"))
        }
        do { _ = try LightwaveEncoder().encodeLine(.command(command)) } catch { throw .input(error) }
        return Message(action: command.action, line1: command.line1, line2: command.line2)
    }

    static func open(_ options: SendOptions, logger: Logger) async throws(SendFailure) -> LightwaveSender {
        var settings = LightwaveDriverSettings(
            linkHost: try options.requireHost(name), commandPort: options.port ?? LightwaveUDP.commandPort,
            replyPort: options.replyPort ?? LightwaveUDP.replyPort, listenHost: options.listen ?? "0.0.0.0",
            awaitConfirmation: options.confirm)
        if let timeout = options.timeout {
            settings.replyTimeout = timeout
            settings.confirmationTimeout = timeout
        }
        let driver = LightwaveDriver(settings: settings, logger: logger)
        do { try await driver.start() } catch { throw .connection(error) }
        return LightwaveSender(driver: driver)
    }

    func send(_ message: Message) async throws(SendFailure) -> [JSONValue] {
        let result: LightwaveSendResult
        do {
            result = try await driver.send(message.action, line1: message.line1, line2: message.line2)
        } catch {
            switch error {
            case .notStarted, .socket: throw .connection(error)
            default: throw .command(error)
            }
        }
        var lines = [jsonLine(LightwaveMessage.ok(transaction: result.transaction))]
        if driver.settings.awaitConfirmation, let event = result.confirmation {
            lines.append(jsonLine(LightwaveMessage.event(event)))
        }
        return lines
    }

    func close() async { await driver.stop() }
}
