import BridgeIO
import LightDrivers
import LightProtocols
import Logging

/// `send lumencor`: a Lumencor request through ``LumencorDriver`` (PROTOCOLS.md §4): the empty
/// line after connecting, the engine read, one request at a time. Prints the engine's `A`
/// answer; an `E` answer is the command's typed error.
struct LumencorSender: CLISender {
    static let name = "lumencor"
    static let summary = "Lumencor light engine (TCP/UDP 8095, or a serial line with --serial)"

    let driver: LumencorDriver

    static func message(_ json: JSONValue, options: SendOptions) throws(SendFailure) -> LumencorRequest {
        guard case .request(let request) = try decodeMessage(LumencorMessage.self, json) else {
            throw .input(CodecFailure(kind: "LumencorError", message: "send takes a request, not an answer"))
        }
        do { _ = try LumencorEncoder().encode(.request(request)) } catch { throw .input(error) }
        return request
    }

    static func open(_ options: SendOptions, logger: Logger) async throws(SendFailure) -> LumencorSender {
        let transport: LumencorDriverSettings.Transport
        if let path = options.serial {
            var serial = LumencorDriverSettings.serialDefaults
            if let baud = options.baud { serial.baudRate = baud }
            transport = .serial(path: path, settings: serial)
        } else if options.transport == "udp" {
            transport = .udp(host: try options.requireHost(name), port: options.port ?? LumencorFormat.defaultUDPPort)
        } else {
            transport = .tcp(host: try options.requireHost(name), port: options.port ?? LumencorFormat.tcpPort)
        }
        var settings = LumencorDriverSettings(transport: transport, pollInterval: nil)
        if let timeout = options.timeout {
            settings.answerTimeout = timeout
            settings.readyTimeout = max(timeout, settings.readyTimeout)
        }
        let driver = LumencorDriver(settings: settings, logger: logger)
        await driver.start()
        return LumencorSender(driver: driver)
    }

    func send(_ request: LumencorRequest) async throws(SendFailure) -> [JSONValue] {
        do {
            return [jsonLine(LumencorMessage.answer(try await driver.send(request)))]
        } catch {
            switch error {
            case .notConnected, .stopped: throw .connection(error)
            default: throw .command(error)
            }
        }
    }

    func close() async { await driver.stop() }
}
