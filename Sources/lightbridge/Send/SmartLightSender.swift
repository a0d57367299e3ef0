import BridgeIO
import LightDrivers
import LightProtocols
import Logging

/// `send smartlight`: a ``SmartLightCommand`` through ``SmartLightDriver`` over TCP (the light's
/// `[id, 4, command, 0]` printed as `{"type":"reply","command":N}`; a refusal, time-out or close
/// is the command's error) or a serial line (write-only: `{"type":"sent"}`). PROTOCOLS.md §1.2–1.4.
struct SmartLightSender: CLISender {
    static let name = "smartlight"
    static let summary = "Caron Smart Light (TCP 13000 packets, or RS232 frames with --serial)"

    let driver: SmartLightDriver

    static func message(_ json: JSONValue, options: SendOptions) throws(SendFailure) -> SmartLightCommand {
        let command = try decodeMessage(SmartLightCommand.self, json)
        do {
            if options.serial != nil {
                _ = try SmartLightFrameEncoder(format: try SmartLightFrameFormat(delimiter: options.delimiter)).encode(command)
            } else {
                let format = SmartLightPacketFormat(modeByteOrder: options.modeByteOrder)
                _ = try SmartLightPacketEncoder(format: format).encode(SmartLightPacket(id: 0, payload: .init(command)))
            }
        } catch {
            throw .input(error)
        }
        return command
    }

    static func open(_ options: SendOptions, logger: Logger) async throws(SendFailure) -> SmartLightSender {
        let transport: SmartLightDriverSettings.Transport
        if let path = options.serial {
            let format: SmartLightFrameFormat
            do { format = try SmartLightFrameFormat(delimiter: options.delimiter) } catch { throw .input(error) }
            transport = .serial(path: path, settings: SerialSettings(baudRate: options.baud ?? 9600), format: format)
        } else {
            transport = .tcp(host: try options.requireHost(name), port: options.port ?? SmartLightPacketFormat.tcpPort)
        }
        var settings = SmartLightDriverSettings(transport: transport, modeByteOrder: options.modeByteOrder)
        if let timeout = options.timeout { settings.replyTimeout = timeout }
        let driver = SmartLightDriver(settings: settings, logger: logger)
        await driver.start()
        return SmartLightSender(driver: driver)
    }

    func send(_ command: SmartLightCommand) async throws(SendFailure) -> [JSONValue] {
        do {
            try await driver.send(command)
        } catch {
            switch error {
            case .notConnected, .openFailed, .stopped: throw .connection(error)
            default: throw .command(error)
            }
        }
        guard driver.settings.expectsReplies else { return [outcomeLine("sent")] }
        // The light echoed the request's command byte (the driver checked it): the packet codec's
        // reply shape without the id, which the driver chose.
        let byte = SmartLightPacketPayload(command).commandByte
        return [.object([JSONMember("type", .string("reply")), JSONMember("command", .int(Int64(byte)))])]
    }

    func close() async { await driver.stop() }
}
