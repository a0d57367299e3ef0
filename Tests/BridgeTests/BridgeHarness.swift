import Bridge
import BridgeCore
import BridgeIO
import Glibc
import LightProtocols
import Logging
import NIOCore
import NIOPosix
import Simulators

/// A free port on 127.0.0.1 (bound, read back, closed).
func freePort(udp: Bool = false) async throws -> Int {
    let channel: any Channel =
        udp
        ? try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        : try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
    let port = channel.localAddress?.port ?? 0
    try await channel.close()
    return port
}

/// A new empty directory under /tmp.
func temporaryDirectory() -> String {
    var template = Array("/tmp/lightbridge-e2e-XXXXXX".utf8CString)
    let path = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
    return path.map { String(cString: $0) } ?? "/tmp"
}

/// Waits until `condition` holds, checking every 10 ms, for at most `deadline` (generous:
/// the tests assert outcomes, not speed).
func eventually(within deadline: Duration = .seconds(20), _ condition: () async -> Bool) async -> Bool {
    let clock = ContinuousClock()
    let end = clock.now + deadline
    while clock.now < end {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}

let quietLogger: Logger = {
    var logger = Logger(label: "lightbridge.test.bridge")
    logger.logLevel = .critical
    return logger
}()

/// The simulated lights (a Helvar router, a LightwaveRF Link, a Smart Light, a Lumencor engine,
/// a Heliospectra lamp on its control socket and one following a multicast master), a pseudo-terminal PLC, and
/// the bridge configuration that ties them together, all on loopback.
final class BridgeHarness: @unchecked Sendable {
    var helvar: HelvarRouterSimulator
    let lightwave: LightwaveLinkSimulator
    let smartLight: SmartLightDeviceSimulator
    let lampControl: HeliospectraLampSimulator
    let lampGroup: HeliospectraLampSimulator
    let engine: LumencorEngineSimulator
    let plc: PseudoTerminal
    let stateDirectory: String
    /// Whether `stop()` removes the state directory (the harness made it).
    let ownsStateDirectory: Bool
    let tcpPort: Int
    let masterInputGroup: IPv4Address
    let masterInputPort: Int
    let configurationText: String

    /// `stateDirectory` nil: a new one, removed by `stop()`; a given one is the caller's.
    init(stateDirectory: String? = nil) async throws {
        self.stateDirectory = stateDirectory ?? temporaryDirectory()
        ownsStateDirectory = stateDirectory == nil
        helvar = try await HelvarRouterSimulator.start(.init(tcpPort: 0, udpPort: nil), logger: quietLogger)
        let replyPort = try await freePort(udp: true)
        lightwave = try await LightwaveLinkSimulator.start(
            .init(port: 0, replyPort: replyPort, broadcastAddress: "127.0.0.1", registeredClients: ["127.0.0.1"]),
            logger: quietLogger)
        smartLight = try await SmartLightDeviceSimulator.start(.init(port: 0), logger: quietLogger)
        lampControl = try await HeliospectraLampSimulator.start(
            .init(controlPort: 0, multicastPort: 0, group: nil), logger: quietLogger)
        let group = IPv4Address(239, 77, UInt8.random(in: 1...254), UInt8.random(in: 1...254))
        let groupPort = try await freePort(udp: true)
        lampGroup = try await HeliospectraLampSimulator.start(
            .init(controlPort: 0, multicastPort: groupPort, group: group), logger: quietLogger)
        engine = try await LumencorEngineSimulator.start(.init(tcpPort: 0), logger: quietLogger)
        masterInputGroup = IPv4Address(239, 78, UInt8.random(in: 1...254), UInt8.random(in: 1...254))
        masterInputPort = try await freePort(udp: true)
        tcpPort = try await freePort()
        plc = try PseudoTerminal()
        configurationText = """
            [bridge]
            state_directory = "\(self.stateDirectory)"

            [lights.router]
            protocol = "helvar"
            host = "127.0.0.1"
            port = \(helvar.tcpPort)

            [lights.link]
            protocol = "lightwave"
            host = "127.0.0.1"
            port = \(lightwave.port)
            reply_port = \(replyPort)
            pacing_ms = 0

            [lights.andon]
            protocol = "smartlight"
            host = "127.0.0.1"
            port = \(smartLight.ports["tcp"] ?? 0)

            [lights.lamp]
            protocol = "heliospectra"
            via = "control"
            host = "127.0.0.1"
            port = \(lampControl.controlPort)

            [lights.greenhouse]
            protocol = "heliospectra"
            via = "master"
            group = "\(group)"
            multicast_port = \(groupPort)
            interface = "127.0.0.1"

            [lights.scope]
            protocol = "lumencor"
            host = "127.0.0.1"
            port = \(engine.tcpPort ?? 0)
            answer_timeout_ms = 2000
            channels = ["VIOLET", "BLUE", "GREEN", "RED"]

            [inputs.plc]
            type = "serial"
            device = "\(plc.path)"

            [inputs.network]
            type = "tcp"
            bind = "127.0.0.1"
            port = \(tcpPort)
            allow = ["127.0.0.0/8"]

            [inputs.helio-master]
            type = "heliospectra-master"
            group = "\(masterInputGroup)"
            port = \(masterInputPort)
            interface = "127.0.0.1"
            lights = ["lamp"]

            [inputs.panel]
            type = "helvar-recalls"
            light = "router"
            recalls = [{ group = 2, block = 1, scene = 5, mode = 2 }]

            [modes.1]
            router = { group = 1, scene = 1 }
            link = { room = 1, device = 1, level = 50 }
            andon = { type = "segment", segments = [{ colour = "green", type = "solid" }], blinkFrequency = "slow", buzzer = "off" }
            lamp = { all = 500 }
            greenhouse = { powers = { "450" = 800 } }
            scope = [{ on = true, channels = ["GREEN"] }, { intensity = { GREEN = 50, "3" = 10 } }]

            [modes.2]
            router = { group = 1, scene = 2 }
            link = { room = 1, device = 1, on = false }
            andon = { type = "level", levelType = "fillFromTop", colour = "red", lightCount = 7, buzzer = "off" }
            lamp = { powers = { "660" = 1000 } }
            greenhouse = { all = 100 }
            scope = { on = false }
            """
    }

    func configuration() throws -> BridgeConfiguration { try BridgeConfiguration(toml: configurationText) }

    func startBridge() async throws -> Bridge {
        let bridge = Bridge(configuration: try configuration(), logger: quietLogger)
        await bridge.start()
        return bridge
    }

    /// Whether every simulated light shows mode `mode` of the configuration above.
    func showsMode(_ mode: Int) -> Bool {
        let device = lightwave.device(room: 1, device: 1)
        switch mode {
        case 1:
            return lastRecall(is: 1)
                && device?.isOn == true && device?.level == 16
                && smartLight.state.display
                    == .segment(
                        SmartLightSegmentMode(
                            segments: [SmartLightSegment(colour: .green, type: .solid)], blinkFrequency: .slow, buzzer: .off))
                && lampControl.powers.allSatisfy { $0 == 500 } && lampGroup.power(at: 450) == 800
                && engine.engine.power[2] && engine.engine.intensity[2] == 2048 && engine.engine.intensity[3] == 410
        case 2:
            return lastRecall(is: 2)
                && device?.isOn == false
                && smartLight.state.display
                    == .level(SmartLightLevelMode(levelType: .fillFromTop, colour: .red, lightCount: 7, buzzer: .off))
                && lampControl.power(at: 660) == 1000 && lampGroup.powers.allSatisfy { $0 == 100 }
                && engine.engine.power == [false, false, false, false]
        default:
            return false
        }
    }

    /// Whether the router's last recall is group 1, block 1, `scene` (any fade).
    func lastRecall(is scene: UInt8) -> Bool {
        guard let last = helvar.recalls.last else { return false }
        return last.group == 1 && last.block == 1 && last.scene == scene
    }

    func stop() async {
        try? await helvar.stop()
        try? await lightwave.stop()
        try? await smartLight.stop()
        try? await lampControl.stop()
        try? await lampGroup.stop()
        try? await engine.stop()
        if ownsStateDirectory { StateStore(directory: stateDirectory).remove() }
    }
}
