import BridgeIO
import LightProtocols
import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// One datagram a ``DatagramTap`` heard.
public struct TappedDatagram: Sendable, Hashable {
    /// The payload.
    public var bytes: [UInt8]
    /// The sender, `address:port`.
    public var sender: String
}

/// A passive UDP listener for `lightbridge monitor` (issue 5 item 4): binds a port with
/// `SO_REUSEADDR` and `SO_REUSEPORT` (so it shares the LightwaveRF reply port 9761 with the
/// driver, PROTOCOLS.md §3, or the Heliospectra port 50632 with lamps, §5), optionally joins an
/// IPv4 multicast group, and delivers every datagram unread on ``datagrams``. Decoding is the
/// caller's, with the protocol's codec.
public final class DatagramTap: Sendable {
    /// Every datagram received, in order (newest 1024 kept if unread); ends at ``stop()``.
    public let datagrams: AsyncStream<TappedDatagram>
    private let sink: AsyncStream<TappedDatagram>.Continuation
    private let channel: any Channel

    private init(channel: any Channel, datagrams: AsyncStream<TappedDatagram>, sink: AsyncStream<TappedDatagram>.Continuation) {
        self.channel = channel
        self.datagrams = datagrams
        self.sink = sink
    }

    /// The port bound (the real one after port 0).
    public var port: Int? { channel.localAddress?.port }

    /// Binds `host:port` and, when `group` is given, joins it on the interface with address
    /// `interface` (`0.0.0.0`: the kernel's choice).
    public static func open(
        host: String, port: Int, group: IPv4Address? = nil, interface: IPv4Address = IPv4Address(0),
        on eventLoops: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> DatagramTap {
        let (datagrams, sink) = AsyncStream.makeStream(of: TappedDatagram.self, bufferingPolicy: .bufferingNewest(1024))
        let channel = try await DatagramBootstrap(group: eventLoops)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelOption(ChannelOptions.Types.SocketOption(level: .socket, name: .init(rawValue: SO_REUSEPORT)), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(TapHandler(sink: sink))
                }
            }
            .bind(host: host, port: port).get()
        if let group {
            do {
                try await MulticastMembership.join(group, on: interface, channel)
            } catch {
                try? await channel.close()
                throw error
            }
        }
        channel.closeFuture.whenComplete { _ in sink.finish() }
        return DatagramTap(channel: channel, datagrams: datagrams, sink: sink)
    }

    /// Closes the socket; ``datagrams`` ends.
    public func stop() async {
        try? await channel.close()
        sink.finish()
    }
}

/// Hands each datagram to the tap's stream.
private final class TapHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    let sink: AsyncStream<TappedDatagram>.Continuation

    init(sink: AsyncStream<TappedDatagram>.Continuation) { self.sink = sink }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        let from = "\(envelope.remoteAddress.ipAddress ?? "?"):\(envelope.remoteAddress.port ?? 0)"
        sink.yield(TappedDatagram(bytes: Array(envelope.data.readableBytesView), sender: from))
    }
}
