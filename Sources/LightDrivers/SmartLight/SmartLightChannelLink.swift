import BridgeIO
import LightProtocols
import NIOCore
import NIOPosix

/// A ``SmartLightPacketLink`` on a SwiftNIO channel (PROTOCOLS.md §1.2, §1.4): a TCP connection
/// to the light's server (port 13000, seed 002 "TCP/IP Protocol") or a serial port opened with
/// BridgeIO's ``SerialPort`` (RS232 frames; a hang-up — `EIO`, end of file — closes the channel,
/// which the driver takes as "device gone").
final class SmartLightChannelLink: SmartLightPacketLink {
    let events: AsyncStream<SmartLightLinkEvent>
    private let channel: any Channel

    private init(channel: any Channel, events: AsyncStream<SmartLightLinkEvent>) {
        self.channel = channel
        self.events = events
    }

    /// Connects to `host:port`.
    static func connect(
        host: String, port: Int, timeout: Duration, group: any EventLoopGroup
    ) async throws(SmartLightDriverError) -> SmartLightChannelLink {
        let (events, sink) = AsyncStream.makeStream(of: SmartLightLinkEvent.self)
        do {
            let channel = try await ClientBootstrap(group: group)
                .connectTimeout(timeAmount(timeout))
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(SmartLightLinkHandler(sink: sink))
                    }
                }
                .connect(host: host, port: port).get()
            return SmartLightChannelLink(channel: channel, events: events)
        } catch let error as NIOConnectionError {
            sink.finish()
            // The first failure says it best ("Connection refused"), without NIO's wrapping.
            let first = error.connectionErrors.first.map { "\($0.error)" } ?? "\(error)"
            throw .openFailed("\(host):\(port): \(first)")
        } catch {
            sink.finish()
            throw .openFailed("\(host):\(port): \(error)")
        }
    }

    /// Opens the serial port at `path`.
    static func openSerial(
        path: String, settings: SerialSettings, group: any EventLoopGroup
    ) async throws(SmartLightDriverError) -> SmartLightChannelLink {
        let port: SerialPort
        do { port = try SerialPort(path: path, settings: settings) } catch { throw .openFailed("\(error)") }
        let (events, sink) = AsyncStream.makeStream(of: SmartLightLinkEvent.self)
        do {
            let channel = try await SerialChannel.start(port, on: group) { [SmartLightLinkHandler(sink: sink)] }
            return SmartLightChannelLink(channel: channel, events: events)
        } catch {
            sink.finish()
            throw .openFailed("\(path): \(error)")
        }
    }

    func write(_ bytes: [UInt8], completion: @escaping @Sendable (Result<Void, SmartLightDriverError>) -> Void) {
        channel.writeAndFlush(ByteBuffer(bytes: bytes)).whenComplete { result in
            switch result {
            case .success: completion(.success(()))
            case .failure(let error): completion(.failure(.writeFailed("\(error)")))
            }
        }
    }

    func close() {
        channel.close(promise: nil)
    }
}

/// Forwards a channel's bytes and its close to a link's event stream.
final class SmartLightLinkHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    private let sink: AsyncStream<SmartLightLinkEvent>.Continuation
    // Touched on the channel's event loop only.
    private var lastError: String?

    init(sink: AsyncStream<SmartLightLinkEvent>.Continuation) {
        self.sink = sink
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        sink.yield(.bytes(Array(unwrapInboundIn(data).readableBytesView)))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        lastError = "\(error)"
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        sink.yield(.closed(lastError ?? "closed by the peer"))
        sink.finish()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        sink.finish()
    }
}

/// A `Duration` as SwiftNIO's `TimeAmount`.
func timeAmount(_ d: Duration) -> TimeAmount {
    let (seconds, attoseconds) = d.components
    return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
}
