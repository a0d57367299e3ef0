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

/// A simulated Caron Smart Light (issue 4 item 6; PROTOCOLS.md §1.2–§1.4; seed
/// `002_5fdeac084bbe168a.txt`).
///
/// - TCP server (port 13000, seed), any number of clients. Packets are decoded with the codec's
///   ``SmartLightPacketDecoder`` and applied to one shared ``SmartLightDeviceState``; the reply is
///   `[id, 4, command, 0]`, or `[id, 5, 0x7F, command, code]` with code 1 for a value out of
///   range and 2 for a mode outside ``SmartLightDeviceSimulatorSettings/configuredModes``. A
///   malformed packet (length disagreeing with the command, unknown command or subtype, or a
///   reply sent to the light) closes that client's connection at once, with no reply, and the
///   reason is logged; other clients carry on.
/// - Optionally a serial side (a new pseudo-terminal, or a tty path) that decodes RS232 frames
///   (§1.2) into the same state and never answers, like the light.
///
/// Every applied command is logged with the resulting state. Test hooks: ``state``,
/// ``received``, ``refusals``, ``malformedReasons``, ``serialErrors``, ``connectionCount``,
/// ``clientCount`` and the ``behaviour`` knob.
public final class SmartLightDeviceSimulator: Simulator {
    /// How the TCP side answers (failure injection for tests).
    public enum Behaviour: Sendable, Hashable {
        /// Answers as the light does.
        case normal
        /// Applies commands but never answers (replies time out).
        case silent
        /// Closes the connection when the next command arrives, without applying or answering
        /// it; then back to ``normal``.
        case closeOnNextCommand
        /// Holds replies until this many are due on a connection, then sends them newest first
        /// (out of order, to prove clients match replies by id).
        case holdReplies(Int)
    }

    public let ports: [String: Int]
    /// The serial side's path (the pseudo-terminal's slave, or the tty), if any.
    public let serialPath: String?
    let shared: SmartLightDeviceShared
    private let channels: [any Channel]
    /// The pty slave held open (closed once, by ``stop()``: see ``closeKeptOpen()``).
    private let keptOpen: Mutex<Int32?>

    private init(
        ports: [String: Int], serialPath: String?, shared: SmartLightDeviceShared, channels: [any Channel], keptOpen: Int32?
    ) {
        self.ports = ports
        self.serialPath = serialPath
        self.shared = shared
        self.channels = channels
        self.keptOpen = Mutex(keptOpen)
    }

    /// Starts the TCP server and the serial side as configured.
    public static func start(
        _ settings: SmartLightDeviceSimulatorSettings = SmartLightDeviceSimulatorSettings(),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "lightbridge.simulator.smartlight")
    ) async throws -> SmartLightDeviceSimulator {
        let shared = SmartLightDeviceShared(
            state: SmartLightDeviceState(configuredModes: settings.configuredModes),
            packetFormat: SmartLightPacketFormat(modeByteOrder: settings.modeByteOrder), frameFormat: settings.frameFormat,
            logger: logger)
        var ports: [String: Int] = [:]
        var channels: [any Channel] = []
        if let port = settings.port {
            let tcp = try await ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(SmartLightDeviceConnectionHandler(shared: shared))
                    }
                }
                .bind(host: settings.host, port: port).get()
            ports["tcp"] = tcp.localAddress?.port ?? port
            channels.append(tcp)
        }
        var serialPath: String?
        var keptOpen: Int32?
        if let serial = settings.serial {
            do {
                let opened = try SmartLightSerialEndpoint.open(serial)
                keptOpen = opened.keptOpen
                let name = opened.path
                let channel: any Channel
                do {
                    channel = try await NIOPipeBootstrap(group: group)
                        .channelInitializer { channel in
                            channel.eventLoop.makeCompletedFuture {
                                try channel.pipeline.syncOperations.addHandler(
                                    SmartLightDeviceSerialHandler(shared: shared, name: name))
                            }
                        }
                        .takingOwnershipOfDescriptor(inputOutput: opened.descriptor).get()
                } catch {
                    close(opened.descriptor)
                    throw error
                }
                channels.append(channel)
                serialPath = opened.path
                logger.info("smartlight sim: serial side on \(opened.path) (RS232 frames, no replies)")
            } catch {
                for c in channels { try? await c.close() }
                if let keptOpen { close(keptOpen) }
                throw error
            }
        }
        return SmartLightDeviceSimulator(
            ports: ports, serialPath: serialPath, shared: shared, channels: channels, keptOpen: keptOpen)
    }

    /// The TCP port (0 when there is no TCP server).
    public var port: Int { ports["tcp"] ?? 0 }

    public func stop() async throws {
        for c in channels { try? await c.close() }
        for c in shared.clients() { try? await c.close() }
        closeKeptOpen()
    }

    /// Closes the held pty slave once; a second stop must not close a descriptor number the
    /// kernel has since given to someone else.
    private func closeKeptOpen() {
        let fd = keptOpen.withLock { held in
            defer { held = nil }
            return held
        }
        if let fd { close(fd) }
    }

    /// The light's state.
    public var state: SmartLightDeviceState { shared.lock.withLock { $0.state } }
    /// Every well-formed command received (TCP and serial, refused ones too), oldest first.
    public var received: [SmartLightCommand] { shared.lock.withLock { $0.received } }
    /// Every refusal sent, oldest first.
    public var refusals: [SmartLightRefusal] { shared.lock.withLock { $0.refusals } }
    /// Why connections were closed for malformed packets, oldest first.
    public var malformedReasons: [String] { shared.lock.withLock { $0.malformed } }
    /// Bad RS232 frames on the serial side, oldest first.
    public var serialErrors: [String] { shared.lock.withLock { $0.serialErrors } }
    /// TCP connections accepted so far.
    public var connectionCount: Int { shared.lock.withLock { $0.connections } }
    /// TCP clients connected now.
    public var clientCount: Int { shared.clients().count }

    /// How the TCP side answers from now on.
    public var behaviour: Behaviour {
        get { shared.lock.withLock { $0.behaviour } }
        set { shared.lock.withLock { $0.behaviour = newValue } }
    }

    /// Closes every client connection (the server stays open).
    public func disconnectClients() async {
        for c in shared.clients() { try? await c.close() }
    }
}
