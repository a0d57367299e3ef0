import BridgeCore
import LightProtocols
import Logging
import NIOCore
import NIOPosix
import Simulators

/// The demo's simulated lights, one of each protocol on loopback (issue 5 item 3): a HelvarNet
/// router, a LightwaveRF Link, a Lumencor engine, a Heliospectra lamp on its control socket, a
/// Heliospectra lamp following a multicast master, and a Caron Smart Light. Ports are picked
/// free, so the demo runs next to anything.
struct DemoLights: Sendable {
    let helvar: HelvarRouterSimulator
    let lightwave: LightwaveLinkSimulator
    let lightwaveReplyPort: Int
    let lumencor: LumencorEngineSimulator
    let lamp: HeliospectraLampSimulator
    let greenhouse: HeliospectraLampSimulator
    let greenhouseGroup: IPv4Address
    let smartLight: SmartLightDeviceSimulator

    static func start(logger: Logger) async throws -> DemoLights {
        let lightwaveReplyPort = try await freeUDPPort()
        let group = IPv4Address(239, 255, UInt8.random(in: 1...254), UInt8.random(in: 1...254))
        let greenhousePort = try await freeUDPPort()
        return DemoLights(
            helvar: try await HelvarRouterSimulator.start(.init(tcpPort: 0, udpPort: nil), logger: logger),
            lightwave: try await LightwaveLinkSimulator.start(
                .init(port: 0, replyPort: lightwaveReplyPort, broadcastAddress: "127.0.0.1", registeredClients: ["127.0.0.1"]),
                logger: logger),
            lightwaveReplyPort: lightwaveReplyPort,
            lumencor: try await LumencorEngineSimulator.start(.init(tcpPort: 0), logger: logger),
            lamp: try await HeliospectraLampSimulator.start(.init(controlPort: 0, multicastPort: 0, group: nil), logger: logger),
            greenhouse: try await HeliospectraLampSimulator.start(
                .init(controlPort: 0, multicastPort: greenhousePort, group: group), logger: logger),
            greenhouseGroup: group,
            smartLight: try await SmartLightDeviceSimulator.start(.init(port: 0), logger: logger))
    }

    /// A free UDP port on 127.0.0.1.
    static func freeUDPPort() async throws -> Int {
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        return port
    }

    /// What each light shows now, in the demo configuration's light order.
    func describe() -> [(light: String, shows: String)] {
        [
            ("hall (HelvarNet)", helvarText()),
            ("desk (LightwaveRF)", lightwaveText()),
            ("scope (Lumencor)", lumencorText()),
            ("bench (Heliospectra)", Self.spectrum(lamp.settings.wavelengths, lamp.powers)),
            ("greenhouse (Heliospectra group)", Self.spectrum(greenhouse.settings.wavelengths, greenhouse.powers)),
            ("andon (Smart Light)", smartLight.state.display.description),
        ]
    }

    private func helvarText() -> String {
        let level = helvar.state.level(of: HelvarAddress(cluster: 1, router: 1, subnet: 1, device: 1)) ?? 0
        guard let recall = helvar.recalls.last else { return "no scene recalled, bench lights \(Int(level)) %" }
        return "group \(recall.group) scene \(recall.block).\(recall.scene), bench lights \(Int(level)) %"
    }

    private func lightwaveText() -> String {
        guard let device = lightwave.device(room: 1, device: 1) else { return "never switched" }
        return device.isOn ? "on, dim level \(device.level)/32" : "off"
    }

    private func lumencorText() -> String {
        let engine = lumencor.engine
        let lit = engine.channels.indices.filter { engine.power[$0] }.map { index in
            "\(engine.channels[index]) \((engine.intensity[index] * 100 + engine.maxIntensity / 2) / engine.maxIntensity) %"
        }
        return lit.isEmpty ? "all channels off" : "on: " + lit.joined(separator: ", ")
    }

    /// `450 nm 800‰, 660 nm 1000‰` (wavelengths at 0 left out).
    static func spectrum(_ wavelengths: [UInt16], _ powers: [UInt16]) -> String {
        let lit = zip(wavelengths, powers).filter { $0.1 > 0 }.map { "\($0.0) nm \($0.1)‰" }
        return lit.isEmpty ? "dark" : lit.joined(separator: ", ")
    }

    func stop() async {
        try? await helvar.stop()
        try? await lightwave.stop()
        try? await lumencor.stop()
        try? await lamp.stop()
        try? await greenhouse.stop()
        try? await smartLight.stop()
    }
}
