import BridgeCore
import BridgeIO
import LightProtocols
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#endif

/// Listens to another Heliospectra master's light-setting packages on its multicast group
/// (PROTOCOLS.md §5) and forwards each accepted spectrum to our own lamps (`lights`). Packages
/// whose counts disagree or whose CRC fails are dropped (the decoder's typed errors), and so
/// are stale ones (not newer than the last from that master; ``HeliospectraMasterFilter``).
final class HeliospectraMasterListener: BridgeInput {
    let name: String
    private let group: IPv4Address
    private let port: Int
    private let interface: IPv4Address
    private let lights: [String]
    private let eventLoops: any EventLoopGroup
    private let logger: Logger
    private let sink: BridgeEventSink
    private let channel = NIOLockedValueBox<(any Channel)?>(nil)

    init(
        name: String, group: IPv4Address, port: Int, interface: IPv4Address, lights: [String], eventLoops: any EventLoopGroup,
        logger: Logger, sink: @escaping BridgeEventSink
    ) {
        self.name = name
        self.group = group
        self.port = port
        self.interface = interface
        self.lights = lights
        self.eventLoops = eventLoops
        self.logger = logger
        self.sink = sink
    }

    func start() async {
        let handler = MasterPackageHandler(source: SourceID(name), lights: lights, logger: logger, sink: sink)
        do {
            let channel = try await DatagramBootstrap(group: eventLoops)
                .channelOption(.socketOption(.so_reuseaddr), value: 1)
                .channelOption(ChannelOptions.Types.SocketOption(level: .socket, name: .init(rawValue: SO_REUSEPORT)), value: 1)
                .channelInitializer { $0.pipeline.addHandler(handler) }
                .bind(host: "0.0.0.0", port: port).get()
            try await MulticastMembership.join(group, on: interface, channel)
            self.channel.withLockedValue { $0 = channel }
            logger.notice("input \(name): listening to master group \(group) port \(channel.localAddress?.port ?? port)")
        } catch {
            logger.error("input \(name): cannot join \(group) port \(port): \(error)")
        }
    }

    func stop() async {
        let channel = self.channel.withLockedValue { channel in
            defer { channel = nil }
            return channel
        }
        try? await channel?.close()
    }
}

/// Decodes each datagram as a master package and forwards accepted ones.
final class MasterPackageHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let source: SourceID
    private let lights: [String]
    private let logger: Logger
    private let sink: BridgeEventSink
    private let decoder = HeliospectraMasterDecoder()
    private var filter = HeliospectraMasterFilter()

    init(source: SourceID, lights: [String], logger: Logger, sink: @escaping BridgeEventSink) {
        self.source = source
        self.lights = lights
        self.logger = logger
        self.sink = sink
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        let bytes = Array(envelope.data.readableBytesView)
        // Discovery frames share the port; they are not ours to read.
        if bytes.starts(with: Array("ABC321".utf8)) { return }
        let package: HeliospectraMasterPackage
        do {
            package = try decoder.decodeDatagram(bytes)
        } catch {
            logger.warning("\(source): dropped a package from \(envelope.remoteAddress): \(error)")
            return
        }
        let verdict = filter.check(package)
        guard verdict.isAccepted else {
            logger.info("\(source): dropped a package from \(package.multicast): \(verdict.rawValue)")
            return
        }
        let powers = package.channels.map { WavelengthPower(nanometres: Int($0.wavelength), power: Int($0.relativePower)) }
        sink(.actions(lights.map { LightActions(light: $0, actions: [.heliospectraPowers(powers)]) }, from: source))
    }
}
