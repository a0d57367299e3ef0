import LightProtocols
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A lamp found by ``HeliospectraDiscovery`` (PROTOCOLS.md §5, discovery command 6).
public struct HeliospectraLampInfo: Sendable, Hashable {
    /// The lamp's MAC: the info XML's `MACAddress`, or the frame's MAC when that is missing
    /// or unreadable.
    public var mac: HeliospectraMAC
    /// `IPAddress` from the XML, or the address the reply came from.
    public var ipAddress: String
    /// `FwVersion`.
    public var firmwareVersion: String?
    /// `SerialNr`.
    public var serialNumber: String?
    /// Where the reply came from (`address:port`).
    public var replyFrom: String
    /// Every element of the info XML.
    public var info: HeliospectraDeviceInfo

    /// Creates a record.
    public init(
        mac: HeliospectraMAC, ipAddress: String, firmwareVersion: String?, serialNumber: String?, replyFrom: String,
        info: HeliospectraDeviceInfo
    ) {
        self.mac = mac
        self.ipAddress = ipAddress
        self.firmwareVersion = firmwareVersion
        self.serialNumber = serialNumber
        self.replyFrom = replyFrom
        self.info = info
    }
}

/// Settings of ``HeliospectraDiscovery`` (issue 4 item 4; PROTOCOLS.md §5).
public struct HeliospectraDiscoverySettings: Sendable {
    /// Where the query goes: the broadcast address (tests: `127.255.255.255`), or one lamp.
    public var address: String
    /// The UDP port (50632).
    public var port: Int
    /// The address the querying socket binds (`0.0.0.0`: any).
    public var localHost: String
    /// Which lamps should answer (all by default).
    public var target: HeliospectraMAC
    /// How long replies are collected.
    public var window: Duration

    /// Creates settings with the defaults.
    public init(
        address: String = "255.255.255.255", port: Int = HeliospectraDiscoveryFormat.udpPort, localHost: String = "0.0.0.0",
        target: HeliospectraMAC = .broadcast, window: Duration = .seconds(2)
    ) {
        self.address = address
        self.port = port
        self.localHost = localHost
        self.target = target
        self.window = window
    }
}

/// Heliospectra discovery (issue 4 item 4; PROTOCOLS.md §5): sends the `ABC321` query
/// (command 0) and collects the lamps' info replies (command 6) for a window; replies are
/// de-duplicated by MAC (the last one wins). Bad datagrams are logged and skipped.
public enum HeliospectraDiscovery {
    /// Queries and returns the lamps that answered within the window, sorted by MAC.
    public static func discover(
        _ settings: HeliospectraDiscoverySettings = HeliospectraDiscoverySettings(),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "lightbridge.heliospectra.discovery")
    ) async throws(HeliospectraDriverError) -> [HeliospectraLampInfo] {
        let found = NIOLockedValueBox<[HeliospectraMAC: HeliospectraLampInfo]>([:])
        let channel: any Channel
        let query: [UInt8]
        do {
            query = try HeliospectraDiscoveryEncoder().encode(HeliospectraDiscoveryFrame(mac: settings.target, message: .query))
        } catch {
            throw .encoding(error)
        }
        do {
            let destination = try SocketAddress.makeAddressResolvingHost(settings.address, port: settings.port)
            channel = try await DatagramBootstrap(group: group)
                .channelOption(.socketOption(.so_broadcast), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            HeliospectraDiscoveryHandler(logger: logger) { info in found.withLockedValue { $0[info.mac] = info } }
                        )
                    }
                }
                .bind(host: settings.localHost, port: 0).get()
            do {
                try await channel.writeAndFlush(
                    AddressedEnvelope(remoteAddress: destination, data: channel.allocator.buffer(bytes: query)))
            } catch {
                try? await channel.close()
                throw error
            }
        } catch {
            throw .socket("\(error)")
        }
        try? await Task.sleep(for: settings.window)
        try? await channel.close()
        return found.withLockedValue { $0.values.sorted { $0.mac.description < $1.mac.description } }
    }
}

/// Reads info replies on the querying socket.
final class HeliospectraDiscoveryHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    let logger: Logger
    let found: @Sendable (HeliospectraLampInfo) -> Void

    init(logger: Logger, found: @escaping @Sendable (HeliospectraLampInfo) -> Void) {
        self.logger = logger
        self.found = found
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        let sender = envelope.remoteAddress
        do {
            let frame = try HeliospectraDiscoveryDecoder().decodeDatagram(Array(envelope.data.readableBytesView))
            guard case .info(let info) = frame.message else {
                logger.debug("heliospectra discovery: ignoring command \(frame.message.command) from \(sender)")
                return
            }
            let mac = info.macAddress.flatMap { HeliospectraMAC($0) } ?? frame.mac
            found(
                HeliospectraLampInfo(
                    mac: mac, ipAddress: info.ipAddress ?? sender.ipAddress ?? "?", firmwareVersion: info.firmwareVersion,
                    serialNumber: info.serialNumber, replyFrom: "\(sender.ipAddress ?? "?"):\(sender.port ?? 0)", info: info))
        } catch {
            logger.warning("heliospectra discovery: bad reply from \(sender): \(error)")
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.info("heliospectra discovery: \(error)")
    }
}
