import BridgeCore
import BridgeIO
import LightProtocols
import Logging
import NIOCore

extension BridgeFactory {
    /// The running input for `input` (its settings from the table, defaults from issue 3).
    func input(
        for input: InputConfiguration, configuration: BridgeConfiguration, outputs: [String: any LightOutput],
        sink: @escaping BridgeEventSink, deferringSink: @escaping BridgeEventDeferringSink
    ) throws -> any BridgeInput {
        let options = input.options
        let logger = Logger(label: "lightbridge.input.\(input.name)")
        switch input.kind {
        case .serial:
            let settings = serialSettings(options)
            let format = input.frameFormat ?? .standard
            if let match = try hotplugMatch(options) {
                let config = HotplugSerialSourceConfig(id: SourceID(input.name), match: match, settings: settings, format: format)
                return HotplugSerialInput(name: input.name, config: config, logger: logger, sink: deferringSink)
            }
            return StaticSerialInput(
                name: input.name, path: options.text("device") ?? "", settings: settings, format: format,
                logger: logger, sink: deferringSink)
        case .gpio:
            return GPIOInput(
                name: input.name, configuration: try modeLines(options, configuration: configuration), logger: logger, sink: sink)
        case .usb:
            let selector = try USBDeviceSelector(parsing: options.text("usb") ?? "")
            var settings = SmartLightUSBSettings(device: selector)
            if let serial = options.text("serial_number") { settings.device.serial = serial }
            if let interface = options.integer("interface") { settings.interface = interface }
            if let endpoint = options.integer("out_endpoint") { settings.outEndpoint = UInt8(endpoint) }
            if let endpoint = options.integer("in_endpoint") { settings.inEndpoint = UInt8(endpoint) }
            settings.packetFormat = packetFormat(options)
            return USBInput(
                name: input.name, settings: settings, context: try USBContext(logger: logger), logger: logger, sink: sink)
        case .tcp:
            let router = ModeRouter(configuration: configuration)
            return TCPCommandServer(
                name: input.name, host: options.text("bind") ?? "0.0.0.0", port: options.integer("port") ?? 13000,
                allow: (options.texts("allow") ?? []).compactMap(IPv4Network.init),
                maxConnections: options.integer("max_connections") ?? 8,
                format: packetFormat(options),
                accepts: { command in
                    let routing = router.route(command)
                    return routing.mode == nil || routing.note == nil || !routing.actions.isEmpty
                }, group: group, logger: logger, sink: sink)
        case .heliospectraMaster:
            guard let multicast = options.text("group").flatMap(IPv4Address.init) else {
                throw BuildError(description: "group is not an IPv4 multicast group")
            }
            let interface = options.text("interface").flatMap(IPv4Address.init) ?? IPv4Address.any
            return HeliospectraMasterListener(
                name: input.name, group: multicast, port: options.integer("port") ?? HeliospectraMasterFormat.udpPort,
                interface: interface, lights: options.texts("lights") ?? [], eventLoops: group, logger: logger, sink: sink)
        case .helvarRecalls:
            let lightName = options.text("light") ?? ""
            guard let output = outputs[lightName] as? HelvarLightOutput else {
                throw BuildError(description: "light \(lightName) is not a running Helvar router")
            }
            return HelvarRecallInput(name: input.name, output: output, recalls: input.recallModes, logger: logger, sink: sink)
        }
    }

    func serialSettings(_ options: Options) -> SerialSettings {
        var settings = SerialSettings()
        if let baud = options.integer("baud") { settings.baudRate = baud }
        if let bits = options.integer("data_bits") { settings.dataBits = bits }
        if let parity = options.text("parity").flatMap(SerialSettings.Parity.init(rawValue:)) { settings.parity = parity }
        if let stop = options.integer("stop_bits") { settings.stopBits = stop }
        switch options.text("flow_control") {
        case "rts-cts": settings.flowControl = .rtsCts
        case "xon-xoff": settings.flowControl = .xonXoff
        default: break
        }
        return settings
    }

    /// A udev match when the input names its adapter by USB id, serial number, by-id link, a
    /// glob, or a USB tty (`ttyUSB*`, `ttyACM*`); `nil` for a fixed port such as `/dev/ttyS0`.
    func hotplugMatch(_ options: Options) throws -> DeviceMatch? {
        let device = options.text("device")
        let usb = options.text("usb")
        let serial = options.text("serial_number")
        let isGlob = device.map { $0.contains(where: { "*?[".contains($0) }) } ?? false
        let isUSBTTY =
            device.map { $0.hasPrefix("/dev/ttyUSB") || $0.hasPrefix("/dev/ttyACM") || $0.hasPrefix("/dev/serial/") } ?? false
        guard usb != nil || serial != nil || isGlob || isUSBTTY else { return nil }
        return try DeviceMatch(usb: usb, serial: serial, device: device)
    }

    func modeLines(_ options: Options, configuration: BridgeConfiguration) throws -> ModeLinesConfiguration {
        let settle = options.duration("settle_ms") ?? .milliseconds(20)
        var lines: ModeLinesConfiguration
        if let board = options.text("board") {
            let profile = try BoardProfile.load(named: board, in: configuration.bridge.boardsDirectory)
            lines = ModeLinesConfiguration(board: profile, useStrobe: options.flag("use_strobe") ?? false, settleWindow: settle)
            if let activeLow = options.flag("active_low") {
                lines.inputActiveLow = Array(repeating: activeLow, count: lines.inputs.count)
                lines.strobeActiveLow = activeLow
            }
        } else {
            lines = ModeLinesConfiguration(
                chip: options.text("chip"), inputs: (options.integers("lines") ?? []).map { .offset(UInt32($0)) },
                activeLow: options.flag("active_low") ?? false,
                strobe: options.integer("strobe").map { .offset(UInt32($0)) }, settleWindow: settle)
        }
        if let bias = options.text("bias").flatMap(GPIOBias.init(rawValue:)) { lines.bias = bias }
        try lines.validate()
        return lines
    }

    func packetFormat(_ options: Options) -> SmartLightPacketFormat {
        SmartLightPacketFormat(modeByteOrder: options.text("byte_order") == "lsb" ? .lsbFirst : .msbFirst)
    }
}
