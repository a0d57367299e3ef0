import LightDrivers
import LightProtocols
import NIOCore
import NIOPosix
import Simulators
import Testing

#if canImport(Glibc)
    import Glibc
#endif

let loopback = IPv4Address(127, 0, 0, 1)

/// A lamp simulator on loopback with free ports (pass `udpPort` to share another lamp's).
func startLamp(
    group: IPv4Address?, udpPort: Int = 0, controlPort: Int = 0, mac: UInt8 = 1,
    _ configure: (inout HeliospectraLampSimulatorSettings) -> Void = { _ in }
) async throws -> HeliospectraLampSimulator {
    var settings = HeliospectraLampSimulatorSettings(
        controlPort: controlPort, multicastPort: udpPort, group: group, interface: loopback,
        mac: HeliospectraMAC([0x00, 0x1E, 0xC0, 0x5A, 0x00, mac]) ?? .broadcast, serialNumber: "LX601C-000\(mac)")
    configure(&settings)
    return try await HeliospectraLampSimulator.start(settings)
}

/// A master sending to `group` on `port` over loopback.
func loopbackMaster(
    group: IPv4Address, port: Int, resend: Duration = .seconds(60), initialTimestamp: UInt64? = nil
) -> HeliospectraMaster {
    HeliospectraMaster(
        settings: HeliospectraMasterSettings(
            group: group, port: port, interface: loopback, localHost: "127.0.0.1", resendInterval: resend,
            initialTimestamp: initialTimestamp))
}

/// A control client for `port` on loopback with quick reconnects.
func loopbackClient(
    port: Int, replyTimeout: Duration = .seconds(5), connectWait: Duration = .seconds(15),
    idleDisconnect: Duration? = nil
) -> HeliospectraControlClient {
    HeliospectraControlClient(
        settings: HeliospectraControlSettings(
            host: "127.0.0.1", port: port, connectWait: connectWait, replyTimeout: replyTimeout,
            idleDisconnect: idleDisconnect, reconnect: Backoff(initial: .milliseconds(50), maximum: .milliseconds(200))))
}

/// Sends raw bytes to a multicast group over loopback (crafted packages).
func sendRaw(_ bytes: [UInt8], to group: IPv4Address, port: Int) async throws {
    let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .bind(host: "127.0.0.1", port: 0).get()
    if let provider = channel as? any SocketOptionProvider {
        try await provider.setIPMulticastIF(in_addr(s_addr: loopback.value.bigEndian)).get()
    }
    let to = try SocketAddress(ipAddress: group.description, port: port)
    try await channel.writeAndFlush(AddressedEnvelope(remoteAddress: to, data: channel.allocator.buffer(bytes: bytes)))
    try await channel.close()
}

/// A free TCP port on 127.0.0.1 (bound, read back, closed).
func freeTCPPort() async throws -> Int {
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .bind(host: "127.0.0.1", port: 0).get()
    let port = channel.localAddress?.port ?? 0
    try await channel.close()
    return port
}

/// What a throwing call threw, as the driver's typed error.
func caught<T>(_ body: () async throws -> T) async -> HeliospectraDriverError? {
    do {
        _ = try await body()
        return nil
    } catch let error as HeliospectraDriverError {
        return error
    } catch {
        Issue.record("not a HeliospectraDriverError: \(error)")
        return nil
    }
}
