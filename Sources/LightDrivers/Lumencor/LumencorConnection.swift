import BridgeIO
import NIOCore
import NIOPosix

/// One open link to a Lumencor engine, whatever the transport (PROTOCOLS.md §4: TCP 8095,
/// serial 115200 8N1, or UDP): the bytes that arrive, and how to write and close.
struct LumencorConnection: Sendable {
    /// What the engine sends; ends when the link closes.
    let inbound: AsyncStream<ByteBuffer>
    /// Writes bytes to the engine.
    let write: @Sendable (ByteBuffer) -> Void
    /// Closes the link (``inbound`` then ends).
    let close: @Sendable () -> Void

    /// Opens the link `transport` names.
    static func open(
        _ transport: LumencorDriverSettings.Transport, connectTimeout: Duration, udpLocalHost: String,
        group: any EventLoopGroup
    ) async throws -> LumencorConnection {
        let (inbound, sink) = AsyncStream.makeStream(of: ByteBuffer.self)
        let channel: any Channel
        let write: @Sendable (ByteBuffer) -> Void
        switch transport {
        case .tcp(let host, let port):
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(TimeAmount(connectTimeout))
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { ch in
                    ch.eventLoop.makeCompletedFuture { try ch.pipeline.syncOperations.addHandler(LumencorStreamForwarder(sink)) }
                }
                .connect(host: host, port: port).get()
            write = { [channel] in channel.writeAndFlush($0, promise: nil) }
        case .udp(let host, let port):
            let remote = try SocketAddress.makeAddressResolvingHost(host, port: port)
            channel = try await DatagramBootstrap(group: group)
                .channelInitializer { ch in
                    ch.eventLoop.makeCompletedFuture {
                        try ch.pipeline.syncOperations.addHandler(LumencorDatagramForwarder(sink, remote: remote))
                    }
                }
                .bind(host: udpLocalHost, port: 0).get()
            write = { [channel] in channel.writeAndFlush(AddressedEnvelope(remoteAddress: remote, data: $0), promise: nil) }
        case .serial(let path, let settings):
            let port = try SerialPort(path: path, settings: settings)
            channel = try await SerialChannel.start(port, on: group) { [LumencorStreamForwarder(sink)] }
            write = { [channel] in channel.writeAndFlush($0, promise: nil) }
        }
        // A channel that closed before its handler was added never reports it: check once.
        channel.closeFuture.whenComplete { _ in sink.finish() }
        return LumencorConnection(inbound: inbound, write: write, close: { [channel] in channel.close(promise: nil) })
    }
}

/// Hands a byte stream (TCP, serial) to the driver; ends the stream when the link closes.
final class LumencorStreamForwarder: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    private let sink: AsyncStream<ByteBuffer>.Continuation

    init(_ sink: AsyncStream<ByteBuffer>.Continuation) { self.sink = sink }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        sink.yield(unwrapInboundIn(data))
    }

    func channelInactive(context: ChannelHandlerContext) {
        sink.finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

/// Hands the engine's datagrams to the driver; datagrams from anyone else are dropped.
final class LumencorDatagramForwarder: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    private let sink: AsyncStream<ByteBuffer>.Continuation
    private let remote: SocketAddress

    init(_ sink: AsyncStream<ByteBuffer>.Continuation, remote: SocketAddress) {
        self.sink = sink
        self.remote = remote
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        guard envelope.remoteAddress == remote else { return }
        sink.yield(envelope.data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        sink.finish()
        context.fireChannelInactive()
    }

    /// An ICMP "port unreachable" (no engine listening yet) is not fatal: the answer just
    /// never comes and the command times out.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {}
}
