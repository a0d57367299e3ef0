import LightDrivers
import LightProtocols
import Logging

/// `send heliospectra` (PROTOCOLS.md §5; seed `000_f8b5ddd0b5e923dc.txt`): a control-socket
/// request through ``HeliospectraControlClient`` (the lamp's reply printed in the
/// `heliospectra-control` shape; an error line is the command's typed error), or, with
/// `--group`, a light setting multicast by ``HeliospectraMaster`` (the package sent printed in
/// the `heliospectra` shape: the master sets its timestamp, group and CRC).
struct HeliospectraSender: CLISender {
    static let name = "heliospectra"
    static let summary = "Heliospectra lamp (control socket 50630, or master packages with --group)"

    /// What to send.
    enum Message: Sendable {
        /// A control-socket request.
        case request(HeliospectraControlRequest)
        /// A master package's channels.
        case channels([HeliospectraChannel])
    }

    /// The driver in use.
    enum Driver: Sendable {
        case control(HeliospectraControlClient)
        case master(HeliospectraMaster)
    }

    let driver: Driver

    static func message(_ json: JSONValue, options: SendOptions) throws(SendFailure) -> Message {
        guard let group = options.group else {
            guard case .request(let request) = try decodeMessage(HeliospectraControlMessage.self, json) else {
                throw .input(CodecFailure(kind: "HeliospectraError", message: "send takes a request, not a reply"))
            }
            guard request != .bye else {
                throw .input(CodecFailure(kind: "HeliospectraError", message: "bye is sent when send ends"))
            }
            return .request(request)
        }
        guard let list = json["channels"] else {
            throw .input(CodecFailure(kind: "HeliospectraError", message: "a master package needs \"channels\""))
        }
        let channels = try decodeMessage([HeliospectraChannel].self, list)
        let probe = HeliospectraMasterPackage(timestamp: 0, multicast: group, channels: channels)
        do { _ = try HeliospectraMasterEncoder().encode(probe) } catch { throw .input(error) }
        return .channels(channels)
    }

    static func open(_ options: SendOptions, logger: Logger) async throws(SendFailure) -> HeliospectraSender {
        if let group = options.group {
            let settings = HeliospectraMasterSettings(
                group: group, port: options.port ?? HeliospectraMasterFormat.udpPort, interface: options.interface)
            let master = HeliospectraMaster(settings: settings, logger: logger)
            do { try await master.start() } catch { throw .connection(error) }
            return HeliospectraSender(driver: .master(master))
        }
        var settings = HeliospectraControlSettings(
            host: try options.requireHost(name), port: options.port ?? HeliospectraControlFormat.tcpPort,
            idleDisconnect: nil)
        if let timeout = options.timeout {
            settings.replyTimeout = timeout
            settings.connectWait = timeout
        }
        let client = HeliospectraControlClient(settings: settings, logger: logger)
        await client.start()
        return HeliospectraSender(driver: .control(client))
    }

    func send(_ message: Message) async throws(SendFailure) -> [JSONValue] {
        do throws(HeliospectraDriverError) {
            switch (driver, message) {
            case (.control(let client), .request(let request)):
                return [jsonLine(HeliospectraControlMessage.reply(try await client.send(request)))]
            case (.master(let master), .channels(let channels)):
                try await master.set(channels: channels)
                guard let package = await master.lastPackage else { return [outcomeLine("sent")] }
                return [jsonLine(package)]
            default:
                throw HeliospectraDriverError.invalidSettings("message and driver do not match")
            }
        } catch {
            switch error {
            case .notConnected, .socket, .notStarted, .stopped: throw .connection(error)
            default: throw .command(error)
            }
        }
    }

    func close() async {
        switch driver {
        case .control(let client): await client.stop()
        case .master(let master): await master.stop()
        }
    }
}
