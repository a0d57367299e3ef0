import BridgeCore
import BridgeIO
import LightDrivers
import LightProtocols
import Logging
import NIOCore

/// Builds the running pieces of a ``Bridge`` from configuration tables: one output per
/// `[lights.NAME]` (each protocol's driver with its settings taken from the table, defaults
/// from the driver) and one input per `[inputs.NAME]`.
struct BridgeFactory: Sendable {
    let group: any EventLoopGroup
    let logger: Logger

    /// Why a light or input could not be built (the configuration reader catches most of these
    /// earlier; this covers what only shows at start-up, such as a missing board profile).
    struct BuildError: Error, CustomStringConvertible {
        var description: String
    }

    /// Reconnect delays of the bridge's outputs: a light that comes back is found within a
    /// second (the bridge re-applies its state then), at one attempt per second at most.
    static let reconnect = Backoff(initial: .milliseconds(100), maximum: .seconds(1))

    func output(for light: LightConfiguration) throws -> any LightOutput {
        let options = light.options
        let logger = Logger(label: "lightbridge.\(light.kind).\(light.name)")
        switch light.kind {
        case .helvar:
            var settings = HelvarDriverSettings(host: options.text("host") ?? "")
            settings.port = options.integer("port")
            if options.text("transport") == "udp" { settings.transport = .udp }
            if options.text("encoding") == "raw" { settings.encoding = .raw }
            if let flag = options.flag("acknowledge") { settings.acknowledge = flag }
            if let interval = options.duration("keepalive_s") { settings.keepAliveInterval = interval == .zero ? nil : interval }
            if let interval = options.duration("write_interval_ms") { settings.writeInterval = interval }
            if let timeout = options.duration("reply_timeout_ms") { settings.replyTimeout = timeout }
            if let timeout = options.duration("connect_timeout_ms") { settings.connectTimeout = timeout }
            settings.reconnect = Self.reconnect
            return HelvarLightOutput(name: light.name, settings: settings, logger: logger)
        case .lightwave:
            var settings = LightwaveDriverSettings(linkHost: options.text("host") ?? "")
            if let port = options.integer("port") { settings.commandPort = port }
            if let port = options.integer("reply_port") { settings.replyPort = port }
            if let flag = options.flag("broadcast") { settings.broadcast = flag }
            if let link = options.text("link") {
                guard let selector = LightwaveLinkSelector(link) else {
                    throw BuildError(description: "link \"\(link)\" is not a MAC address or its last six hex digits")
                }
                settings.linkSelector = selector
            }
            if let flag = options.flag("await_confirmation") { settings.awaitConfirmation = flag }
            if let timeout = options.duration("reply_timeout_ms") { settings.replyTimeout = timeout }
            if let pacing = options.duration("pacing_ms") { settings.pacing = pacing }
            return LightwaveLightOutput(name: light.name, settings: settings, logger: logger)
        case .smartlight:
            let transport: SmartLightDriverSettings.Transport
            switch LightSchemas.transport(of: light) {
            case "serial":
                var serial = SerialSettings()
                if let baud = options.integer("baud") { serial.baudRate = baud }
                let delimiter = options.text("delimiter")?.utf8.first ?? SmartLightFrameFormat.defaultDelimiter
                transport = .serial(
                    path: options.text("device") ?? "", settings: serial, format: try SmartLightFrameFormat(delimiter: delimiter))
            case "usb":
                transport = .usb(SmartLightUSBSettings(device: try USBDeviceSelector(parsing: options.text("usb") ?? "")))
            default:
                transport = .tcp(
                    host: options.text("host") ?? "", port: options.integer("port") ?? SmartLightPacketFormat.tcpPort)
            }
            var settings = SmartLightDriverSettings(transport: transport, reconnect: Self.reconnect)
            if options.text("byte_order") == "lsb" { settings.modeByteOrder = .lsbFirst }
            if let timeout = options.duration("reply_timeout_ms") { settings.replyTimeout = timeout }
            if let timeout = options.duration("connect_timeout_ms") { settings.connectTimeout = timeout }
            return SmartLightLightOutput(name: light.name, settings: settings, logger: logger)
        case .heliospectra:
            let wavelengths = (options.integers("wavelengths") ?? []).map { UInt16($0) }
            if LightSchemas.transport(of: light) == "master" {
                guard let group = options.text("group").flatMap(IPv4Address.init) else {
                    throw BuildError(description: "group is not an IPv4 multicast group")
                }
                var settings = HeliospectraMasterSettings(group: group)
                if let port = options.integer("multicast_port") { settings.port = port }
                settings.interface = options.text("interface").flatMap(IPv4Address.init)
                if let interval = options.duration("resend_s") { settings.resendInterval = interval }
                let master = HeliospectraMaster(settings: settings, group: self.group, logger: logger)
                return HeliospectraLightOutput(name: light.name, link: .master(master), wavelengths: wavelengths, logger: logger)
            }
            var settings = HeliospectraControlSettings(host: options.text("host") ?? "")
            if let port = options.integer("port") { settings.port = port }
            if let timeout = options.duration("reply_timeout_ms") { settings.replyTimeout = timeout }
            if let timeout = options.duration("connect_timeout_ms") { settings.connectTimeout = timeout }
            settings.reconnect = Self.reconnect
            let client = HeliospectraControlClient(settings: settings, group: self.group, logger: logger)
            return HeliospectraLightOutput(name: light.name, link: .control(client), wavelengths: wavelengths, logger: logger)
        case .lumencor:
            let transport: LumencorDriverSettings.Transport
            switch LightSchemas.transport(of: light) {
            case "serial":
                var serial = LumencorDriverSettings.serialDefaults
                if let baud = options.integer("baud") { serial.baudRate = baud }
                transport = .serial(path: options.text("device") ?? "", settings: serial)
            case "udp":
                transport = .udp(host: options.text("host") ?? "", port: options.integer("port") ?? LumencorFormat.defaultUDPPort)
            default:
                transport = .tcp(host: options.text("host") ?? "", port: options.integer("port") ?? LumencorFormat.tcpPort)
            }
            var settings = LumencorDriverSettings(transport: transport, reconnect: Self.reconnect)
            if let timeout = options.duration("answer_timeout_ms") { settings.answerTimeout = timeout }
            if let timeout = options.duration("connect_timeout_ms") { settings.connectTimeout = timeout }
            if let poll = options.duration("poll_s") { settings.pollInterval = poll == .zero ? nil : poll }
            return LumencorLightOutput(name: light.name, settings: settings, logger: logger)
        }
    }
}
