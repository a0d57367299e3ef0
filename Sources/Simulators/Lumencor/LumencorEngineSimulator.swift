import LightProtocols
import Logging
import NIOCore
import NIOPosix

/// A simulated Lumencor light engine (issue 4 item 6; PROTOCOLS.md §4; seed
/// `001_f848b1d9500c0aec.txt`): the text protocol on TCP (default 8095, several clients at
/// once), UDP (each datagram answered to its sender) and a serial line (a new pseudo-terminal
/// or a given tty), all sharing one ``LumencorEngineState``.
///
/// Every seed command and the newer names get their `A` answer or `E <NAME>` (bad index, bad
/// value, unknown command, bad line); blank lines get no answer. Failure knobs: ``behaviour``
/// (silent, close on the next command), ``failsFirstCommandAfterConnect`` (the power-up quirk:
/// the first line after connecting fails, which a client's empty line absorbs) and the
/// engine's status, temperature and channel state through ``update(_:)``. Each line is logged
/// on stderr as `lumencor sim: CLIENT: LINE -> ANSWER`.
public final class LumencorEngineSimulator: Simulator {
    /// Where it serves and what engine it plays.
    public struct Configuration: Sendable {
        /// Address the sockets bind (loopback by default).
        public var host: String
        /// TCP port (8095; 0: any free one; `nil`: no TCP).
        public var tcpPort: Int?
        /// UDP port (0: any free one; `nil`: no UDP, the default).
        public var udpPort: Int?
        /// Serve UDP on the port number TCP got (when ``udpPort`` is `nil`), so that
        /// `--port 0` gives one free number for both.
        public var udpOnTCPPort: Bool
        /// A serial side (`nil`: none, the default).
        public var serial: Serial?
        /// The engine at start-up.
        public var engine: LumencorEngineState
        /// The power-up quirk: the first line of each connection (each UDP sender, or the serial
        /// line) fails.
        public var failFirstCommandAfterConnect: Bool
        /// Line limits.
        public var format: LumencorFormat

        /// Creates a configuration.
        public init(
            host: String = "127.0.0.1", tcpPort: Int? = LumencorFormat.tcpPort, udpPort: Int? = nil, udpOnTCPPort: Bool = false,
            serial: Serial? = nil,
            engine: LumencorEngineState = LumencorEngineState(), failFirstCommandAfterConnect: Bool = false,
            format: LumencorFormat = LumencorFormat()
        ) {
            self.host = host
            self.tcpPort = tcpPort
            self.udpPort = udpPort
            self.udpOnTCPPort = udpOnTCPPort
            self.serial = serial
            self.engine = engine
            self.failFirstCommandAfterConnect = failFirstCommandAfterConnect
            self.format = format
        }
    }

    /// The serial side.
    public enum Serial: Sendable, Hashable {
        /// A new pseudo-terminal; clients open ``LumencorEngineSimulator/serialPath``.
        case pseudoTerminal
        /// A given tty, e.g. a USB-serial adapter or one end of a `socat` pty pair.
        case device(path: String)
    }

    /// How it answers (failure injection).
    public enum Behaviour: Sendable, Hashable {
        /// As an engine does.
        case normal
        /// Reads and records requests, answers nothing (clients time out).
        case silent
        /// Closes the connection at the next command without answering (UDP: drops it), then
        /// goes back to ``normal``.
        case closeOnNextCommand
    }

    public let ports: [String: Int]
    /// The path of the serial side (the pty slave, or the given tty), if any.
    public let serialPath: String?
    let shared: LumencorEngineShared
    private let channels: [any Channel]
    private let serialEndpoint: LumencorSerialEndpoint?

    private init(
        ports: [String: Int], serialPath: String?, shared: LumencorEngineShared, channels: [any Channel],
        serialEndpoint: LumencorSerialEndpoint?
    ) {
        self.ports = ports
        self.serialPath = serialPath
        self.shared = shared
        self.channels = channels
        self.serialEndpoint = serialEndpoint
    }

    /// Opens every configured side and starts answering.
    public static func start(
        _ configuration: Configuration = Configuration(), group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "lightbridge.simulator.lumencor")
    ) async throws -> LumencorEngineSimulator {
        let shared = LumencorEngineShared(
            engine: configuration.engine, failFirstCommand: configuration.failFirstCommandAfterConnect,
            format: configuration.format, logger: logger)
        var ports: [String: Int] = [:]
        var channels: [any Channel] = []
        var endpoint: LumencorSerialEndpoint?
        do {
            if let tcpPort = configuration.tcpPort {
                let tcp = try await ServerBootstrap(group: group)
                    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                    .childChannelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(LumencorEngineStreamHandler(shared: shared))
                        }
                    }
                    .bind(host: configuration.host, port: tcpPort).get()
                ports["tcp"] = tcp.localAddress?.port ?? tcpPort
                channels.append(tcp)
            }
            if let udpPort = configuration.udpPort ?? (configuration.udpOnTCPPort ? ports["tcp"] : nil) {
                let udp = try await DatagramBootstrap(group: group)
                    .channelOption(.socketOption(.so_reuseaddr), value: 1)
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(LumencorEngineDatagramHandler(shared: shared))
                        }
                    }
                    .bind(host: configuration.host, port: udpPort).get()
                ports["udp"] = udp.localAddress?.port ?? udpPort
                channels.append(udp)
            }
            if let serial = configuration.serial {
                let opened: LumencorSerialEndpoint
                switch serial {
                case .pseudoTerminal: opened = try LumencorSerialEndpoint.pseudoTerminal()
                case .device(let path): opened = try LumencorSerialEndpoint.device(path)
                }
                endpoint = opened
                let pipe = try await NIOPipeBootstrap(group: group)
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(LumencorEngineStreamHandler(shared: shared))
                        }
                    }
                    .takingOwnershipOfDescriptor(inputOutput: opened.descriptor).get()
                channels.append(pipe)
                logger.info("lumencor sim: serial line on \(opened.path)")
            }
        } catch {
            for c in channels { try? await c.close() }
            endpoint?.releaseSlave()
            throw error
        }
        return LumencorEngineSimulator(
            ports: ports, serialPath: endpoint?.path, shared: shared, channels: channels, serialEndpoint: endpoint)
    }

    /// The TCP port, if serving TCP.
    public var tcpPort: Int? { ports["tcp"] }
    /// The UDP port, if serving UDP.
    public var udpPort: Int? { ports["udp"] }

    public func stop() async throws {
        for c in shared.clients() { try? await c.close() }
        for c in channels { try? await c.close() }
        serialEndpoint?.releaseSlave()
    }

    /// The engine now (channel power and intensities, status…).
    public var engine: LumencorEngineState { shared.lock.withLock { $0.engine } }

    /// Changes the engine (status, temperature, channel state…) as the hardware would.
    public func update(_ change: (inout LumencorEngineState) -> Void) {
        shared.lock.withLock { change(&$0.engine) }
    }

    /// Sets what `GET STAT` answers.
    public func setStatus(_ status: LumencorEngineStatus) { update { $0.status = status } }

    /// How it answers from now on.
    public var behaviour: Behaviour {
        get { shared.lock.withLock { $0.behaviour } }
        set { shared.lock.withLock { $0.behaviour = newValue } }
    }

    /// Whether the first line of each new connection fails (the power-up quirk).
    public var failsFirstCommandAfterConnect: Bool {
        get { shared.lock.withLock { $0.failFirstCommand } }
        set { shared.lock.withLock { $0.failFirstCommand = newValue } }
    }

    /// Every request received so far (on every side), oldest first.
    public var received: [LumencorRequest] { shared.lock.withLock { $0.received } }
    /// How many lines failed to decode.
    public var badLineCount: Int { shared.lock.withLock { $0.badLines } }
    /// TCP connections accepted so far (the serial line counts as one).
    public var connectionCount: Int { shared.lock.withLock { $0.connections } }
    /// TCP clients connected now (plus the serial line).
    public var clientCount: Int { shared.clients().count }

    /// Writes `bytes` as they are to every TCP client and the serial line (for tests of odd
    /// input).
    public func broadcast(_ bytes: [UInt8]) {
        for c in shared.clients() { c.writeAndFlush(ByteBuffer(bytes: bytes), promise: nil) }
    }

    /// Closes every TCP client connection (the listener stays open).
    public func disconnectClients() async {
        for c in shared.clients() where c.localAddress != nil { try? await c.close() }
    }
}
