import BridgeCore
import LightProtocols
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// The TCP 13000 input (PROTOCOLS.md §1.4): LightBridge plays the Smart Light device for
/// software on the network. Each request packet becomes a command event and is answered
/// `[id, 4, command, 0]`; a mode set for a mode nobody handles is refused
/// `[id, 5, 0x7F, command, 2]`; a malformed packet closes that connection at once, as the
/// seed's device does. Clients outside the allow-list, and clients beyond the connection
/// limit, are closed on arrival (and logged).
public final class TCPCommandServer: BridgeInput {
    /// The input's name (`[inputs.NAME]`; the prefix of each client's source id).
    public let name: String
    private let host: String
    private let port: Int
    private let allow: [IPv4Network]
    private let maxConnections: Int
    private let format: SmartLightPacketFormat
    private let accepts: @Sendable (SmartLightCommand) -> Bool
    private let group: any EventLoopGroup
    private let logger: Logger
    private let sink: BridgeEventSink
    private let connections = NIOLockedValueBox(0)
    private let channel = NIOLockedValueBox<(any Channel)?>(nil)

    /// Creates the server; nothing listens until ``start()``. `accepts` says whether a command
    /// is answered as done or refused (mode not configured); accepted ones go to `sink`.
    public init(
        name: String, host: String, port: Int, allow: [IPv4Network], maxConnections: Int, format: SmartLightPacketFormat,
        accepts: @escaping @Sendable (SmartLightCommand) -> Bool, group: any EventLoopGroup, logger: Logger,
        sink: @escaping BridgeEventSink
    ) {
        self.name = name
        self.host = host
        self.port = port
        self.allow = allow
        self.maxConnections = maxConnections
        self.format = format
        self.accepts = accepts
        self.group = group
        self.logger = logger
        self.sink = sink
    }

    /// The port actually bound (after port 0).
    public var boundPort: Int? { channel.withLockedValue { $0?.localAddress?.port } }

    /// Listens; a failure is logged (``boundPort`` stays `nil`).
    public func start() async {
        let (name, allow, maxConnections, format, accepts, logger, sink, connections) = (
            name, allow, maxConnections, format, accepts, logger, sink, connections
        )
        do {
            let server = try await ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { child in
                    let remote = child.remoteAddress
                    let source = SourceID("\(name):\(remote.map { "\($0.ipAddress ?? "?"):\($0.port ?? 0)" } ?? "?")")
                    if !allow.isEmpty {
                        let address = remote?.ipAddress.flatMap(IPv4Address.init)
                        guard let address, allow.contains(where: { $0.contains(address) }) else {
                            logger.warning("\(source): not in the allow-list; closed")
                            return child.close()
                        }
                    }
                    let admitted = connections.withLockedValue { count -> Bool in
                        guard count < maxConnections else { return false }
                        count += 1
                        return true
                    }
                    guard admitted else {
                        logger.warning("\(source): \(maxConnections) connections already; closed")
                        return child.close()
                    }
                    child.closeFuture.whenComplete { _ in
                        connections.withLockedValue { $0 -= 1 }
                        logger.info("\(source): disconnected")
                    }
                    logger.info("\(source): connected")
                    return child.pipeline.addHandler(
                        TCPCommandHandler(source: source, format: format, accepts: accepts, logger: logger, sink: sink))
                }
                .bind(host: host, port: port).get()
            channel.withLockedValue { $0 = server }
            logger.notice("input \(name): listening on \(host):\(server.localAddress?.port ?? port)")
        } catch {
            logger.error("input \(name): cannot listen on \(host):\(port): \(error)")
        }
    }

    /// Stops listening (open client connections are left to finish).
    public func stop() async {
        let server = channel.withLockedValue { channel in
            defer { channel = nil }
            return channel
        }
        try? await server?.close()
    }
}

/// One TCP client's packets.
final class TCPCommandHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let source: SourceID
    private var decoder: SmartLightPacketDecoder
    private let encoder: SmartLightPacketEncoder
    private let accepts: @Sendable (SmartLightCommand) -> Bool
    private let logger: Logger
    private let sink: BridgeEventSink

    init(
        source: SourceID, format: SmartLightPacketFormat, accepts: @escaping @Sendable (SmartLightCommand) -> Bool,
        logger: Logger, sink: @escaping BridgeEventSink
    ) {
        self.source = source
        decoder = SmartLightPacketDecoder(format: format)
        encoder = SmartLightPacketEncoder(format: format)
        self.accepts = accepts
        self.logger = logger
        self.sink = sink
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        buffer.withUnsafeReadableBytes { decoder.feed($0) }
        var replies: [UInt8] = []
        while let result = decoder.next() {
            switch result {
            case .success(let packet):
                guard let command = packet.payload.command else {
                    logger.warning("\(source): sent a reply packet (\(packet.payload)); closing, as the device does")
                    flushAndClose(context: context, replies)
                    return
                }
                let reply: SmartLightPacketPayload
                if accepts(command) {
                    sink(.command(command, from: source))
                    reply = .reply(command: packet.payload.commandByte)
                } else {
                    logger.notice("\(source): \(command.summary) refused: not configured")
                    reply = .refused(command: packet.payload.commandByte, reason: .modeNotConfigured)
                }
                if let bytes = try? encoder.encode(SmartLightPacket(id: packet.id, payload: reply)) { replies += bytes }
            case .failure(let error):
                logger.warning("\(source): \(error); closing the connection, as the device does")
                flushAndClose(context: context, replies)
                return
            }
        }
        if !replies.isEmpty { context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: replies)), promise: nil) }
    }

    private func flushAndClose(context: ChannelHandlerContext, _ replies: [UInt8]) {
        if !replies.isEmpty { context.write(wrapOutboundOut(ByteBuffer(bytes: replies)), promise: nil) }
        context.writeAndFlush(wrapOutboundOut(ByteBuffer()), promise: nil)
        context.close(promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.info("\(source): \(error)")
        context.close(promise: nil)
    }
}
