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
