import LightProtocols
import Logging
import NIOCore
import NIOPosix
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A simulated HelvarNet router (issue 4 item 6; PROTOCOLS.md §2): TCP (default 50000) and UDP
/// (default 50001), ASCII or raw (chosen per connection by its first byte), serving a
/// ``HelvarWorkgroup``. Recalls of group scenes are pushed to every connected TCP client as
/// `>V:2,C:11,G:…,B:…,S:…,F:…#` and logged (`recall group … block … scene …`); long replies
/// are split into `$` parts by the codec's encoder.
public final class HelvarRouterSimulator: Simulator {
    /// Where and what it serves.
    public struct Configuration: Sendable {
        /// Address to listen on (loopback by default).
        public var host: String
        /// TCP port (0: any free one).
        public var tcpPort: Int
        /// UDP port (0: any free one; `nil`: no UDP).
        public var udpPort: Int?
        /// The workgroup.
        public var workgroup: HelvarWorkgroup
        /// Message limits; a small `maxMessageLength` makes more `$` splits.
        public var format: HelvarFormat

        /// Creates a configuration.
        public init(
            host: String = "127.0.0.1", tcpPort: Int = HelvarFormat.tcpPort, udpPort: Int? = HelvarFormat.udpPort,
            workgroup: HelvarWorkgroup = .standard, format: HelvarFormat = .standard
        ) {
            self.host = host
            self.tcpPort = tcpPort
            self.udpPort = udpPort
            self.workgroup = workgroup
            self.format = format
        }
    }

    /// How it answers (for failure-path tests).
    public enum Behaviour: Sendable, Hashable {
        /// Answers as a router does.
        case normal
        /// Applies commands but sends nothing back (replies time out).
        case silent
        /// Closes the connection when a command arrives, without answering.
        case closeOnCommand
    }

    public let ports: [String: Int]
    let shared: HelvarRouterShared
    private let channels: [any Channel]

    private init(ports: [String: Int], shared: HelvarRouterShared, channels: [any Channel]) {
        self.ports = ports
        self.shared = shared
        self.channels = channels
    }

    /// Starts listening.
    public static func start(
        _ configuration: Configuration = Configuration(), group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "lightbridge.simulator.helvar")
    ) async throws -> HelvarRouterSimulator {
        let state = HelvarRouterState(workgroup: configuration.workgroup, clock: { Int64(time(nil)) })
        let shared = HelvarRouterShared(state: state, format: configuration.format, logger: logger)
        let tcp = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(HelvarRouterConnectionHandler(shared: shared))
                }
            }
            .bind(host: configuration.host, port: configuration.tcpPort).get()
        var ports = ["tcp": tcp.localAddress?.port ?? configuration.tcpPort]
        var channels: [any Channel] = [tcp]
        if let udpPort = configuration.udpPort {
            do {
                let udp = try await DatagramBootstrap(group: group)
                    .channelOption(.socketOption(.so_reuseaddr), value: 1)
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(HelvarRouterDatagramHandler(shared: shared))
                        }
                    }
                    .bind(host: configuration.host, port: udpPort).get()
                ports["udp"] = udp.localAddress?.port ?? udpPort
                channels.append(udp)
            } catch {
                try? await tcp.close()
                throw error
            }
        }
        return HelvarRouterSimulator(ports: ports, shared: shared, channels: channels)
    }

    /// The TCP port.
    public var tcpPort: Int { ports["tcp"] ?? 0 }
    /// The UDP port, if any.
    public var udpPort: Int? { ports["udp"] }

    public func stop() async throws {
        for c in channels { try? await c.close() }
        for c in shared.clients() { try? await c.close() }
    }

    /// Every group scene recall applied so far, oldest first.
    public var recalls: [HelvarRecall] { shared.lock.withLock { $0.recalls } }
    /// Every command received so far (ASCII or raw), oldest first.
    public var received: [HelvarCommand] { shared.lock.withLock { $0.received } }
    /// The number of TCP connections accepted so far.
    public var connectionCount: Int { shared.lock.withLock { $0.connections } }
    /// The number of connected TCP clients.
    public var clientCount: Int { shared.clients().count }
    /// The state (levels, last scenes, workgroup).
    public var state: HelvarRouterState { shared.lock.withLock { $0.state } }

    /// How it answers from now on.
    public var behaviour: Behaviour {
        get { shared.lock.withLock { $0.behaviour } }
        set { shared.lock.withLock { $0.behaviour = newValue } }
    }

    /// Recalls a scene as if a panel on the network did: applies it and pushes it to every client.
    public func recall(group: UInt16, block: UInt8, scene: UInt8, fade: UInt32 = 0) {
        shared.apply(HelvarCommand(.recallSceneGroup, version: 2, group: group, block: block, scene: scene, fade: fade))
    }

    /// Sends `bytes` as they are to every connected TCP client (for tests of odd input).
    public func broadcast(_ bytes: [UInt8]) {
        for c in shared.clients() { c.writeAndFlush(ByteBuffer(bytes: bytes), promise: nil) }
    }

    /// Closes every client connection (the listener stays open).
    public func disconnectClients() async {
        for c in shared.clients() { try? await c.close() }
    }
}

/// State shared by every connection of one simulator.
final class HelvarRouterShared: Sendable {
    struct Inner: Sendable {
        var state: HelvarRouterState
        var behaviour: HelvarRouterSimulator.Behaviour = .normal
        var recalls: [HelvarRecall] = []
        var received: [HelvarCommand] = []
        var clients: [ObjectIdentifier: (channel: any Channel, raw: Bool)] = [:]
        var connections = 0
    }

    let lock: Mutex<Inner>
    let encoder: HelvarEncoder
    let format: HelvarFormat
    let logger: Logger

    init(state: HelvarRouterState, format: HelvarFormat, logger: Logger) {
        lock = Mutex(Inner(state: state))
        encoder = HelvarEncoder(format: format)
        self.format = format
        self.logger = logger
    }

    func clients() -> [any Channel] { lock.withLock { $0.clients.values.map(\.channel) } }

    func register(_ channel: any Channel) {
        lock.withLock {
            $0.clients[ObjectIdentifier(channel)] = (channel, false)
            $0.connections += 1
        }
    }

    func markRaw(_ channel: any Channel) {
        lock.withLock { $0.clients[ObjectIdentifier(channel)]?.raw = true }
    }

    func unregister(_ channel: any Channel) {
        _ = lock.withLock { $0.clients.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// Applies a command; returns the reply (unless silent) and pushes any recall.
    @discardableResult
    func apply(_ c: HelvarCommand) -> (reply: HelvarMessage?, behaviour: HelvarRouterSimulator.Behaviour) {
        let (outcome, behaviour, targets) = lock.withLock { inner in
            inner.received.append(c)
            let outcome = inner.state.handle(c)
            if let r = outcome.recall { inner.recalls.append(r) }
            return (outcome, inner.behaviour, Array(inner.clients.values))
        }
        if let r = outcome.recall {
            logger.info("recall \(r)")
            let push = HelvarCommand(.recallSceneGroup, version: 2, group: r.group, block: r.block, scene: r.scene, fade: r.fade)
            for t in targets { t.channel.writeAndFlush(ByteBuffer(bytes: bytes(of: .command(push), raw: t.raw)), promise: nil) }
        }
        return (outcome.reply, behaviour)
    }

    /// The wire form of a message, ASCII or raw (a raw reply carries the code in word 7).
    func bytes(of message: HelvarMessage, raw: Bool) -> [UInt8] {
        do {
            if !raw { return try encoder.encode(message) }
            switch message {
            case .command(let c), .internalCommand(let c): return try HelvarRawEncoder().encode(HelvarRawMessage(c))
            case .error(let e):
                var m = try HelvarRawMessage(e.request, type: .reply)
                m.value = Int32(e.code.rawValue)
                return try HelvarRawEncoder().encode(m)
            case .reply(let r):
                return try HelvarRawEncoder().encode(HelvarRawMessage(r.request, type: .reply))
            }
        } catch {
            logger.warning("cannot encode \(message): \(error)")
            return []
        }
    }
}

/// True when a connection's first byte says it speaks raw (message type 0 or 1).
@inline(__always)
func isRawStart(_ byte: UInt8) -> Bool { byte <= 1 }

/// One TCP client of the simulated router.
final class HelvarRouterConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let shared: HelvarRouterShared
    private var ascii: HelvarDecoder
    private var raw = HelvarRawDecoder()
    private var mode: Bool?  // nil until the first byte; true = raw

    init(shared: HelvarRouterShared) {
        self.shared = shared
        ascii = HelvarDecoder(format: shared.format)
    }

    func channelActive(context: ChannelHandlerContext) {
        shared.register(context.channel)
        shared.logger.info("client connected: \(context.remoteAddress.map { "\($0)" } ?? "?")")
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        shared.unregister(context.channel)
        shared.logger.info("client disconnected")
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        if mode == nil, let first = buffer.readableBytesView.first {
            mode = isRawStart(first)
            if mode == true { shared.markRaw(context.channel) }
        }
        let isRaw = mode == true
        buffer.withUnsafeReadableBytes { bytes in
            if isRaw { raw.feed(bytes) } else { ascii.feed(bytes) }
        }
        while let command = nextCommand() {
            let (reply, behaviour) = shared.apply(command)
            switch behaviour {
            case .normal:
                if let reply {
                    let out = shared.bytes(of: reply, raw: isRaw)
                    context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: out)), promise: nil)
                }
            case .silent: break
            case .closeOnCommand:
                context.close(promise: nil)
                return
            }
        }
    }

    /// The next command from the client; bad input is logged and skipped.
    private func nextCommand() -> HelvarCommand? {
        while true {
            if mode == true {
                guard let result = raw.next() else { return nil }
                switch result {
                case .success(let m) where m.type == .command: return m.asciiCommand
                case .success(let m): shared.logger.warning("ignoring raw \(m.type) from client")
                case .failure(let e): shared.logger.warning("bad raw bytes from client: \(e)")
                }
            } else {
                guard let result = ascii.next() else { return nil }
                switch result {
                case .success(.command(let c)), .success(.internalCommand(let c)): return c
                case .success(let m): shared.logger.warning("ignoring \(m.startCharacter) message from client")
                case .failure(let e): shared.logger.warning("bad message from client: \(e)")
                }
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        shared.logger.info("client error: \(error)")
        context.close(promise: nil)
    }
}

/// UDP commands: each datagram holds whole messages; replies go back to the sender.
final class HelvarRouterDatagramHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    private let shared: HelvarRouterShared

    init(shared: HelvarRouterShared) { self.shared = shared }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        guard let first = envelope.data.readableBytesView.first else { return }
        let isRaw = isRawStart(first)
        var commands: [HelvarCommand] = []
        envelope.data.withUnsafeReadableBytes { bytes in
            if isRaw {
                var d = HelvarRawDecoder()
                d.feed(bytes)
                while let r = d.next() {
                    if case .success(let m) = r, m.type == .command { commands.append(m.asciiCommand) }
                }
            } else {
                var d = HelvarDecoder(format: shared.format)
                d.feed(bytes)
                while let r = d.next() {
                    switch r {
                    case .success(.command(let c)), .success(.internalCommand(let c)): commands.append(c)
                    case .success: break
                    case .failure(let e): shared.logger.warning("bad datagram: \(e)")
                    }
                }
            }
        }
        for c in commands {
            let (reply, behaviour) = shared.apply(c)
            guard behaviour == .normal, let reply else { continue }
            let out = ByteBuffer(bytes: shared.bytes(of: reply, raw: isRaw))
            context.writeAndFlush(
                wrapOutboundOut(AddressedEnvelope(remoteAddress: envelope.remoteAddress, data: out)), promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        shared.logger.info("udp error: \(error)")
    }
}
