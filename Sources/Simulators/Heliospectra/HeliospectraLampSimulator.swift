import BridgeIO
import LightProtocols
import Logging
import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A simulated Heliospectra LX/RX lamp (issue 4 item 6; PROTOCOLS.md §5; seed
/// `000_f8b5ddd0b5e923dc.txt`):
/// - the TCP control socket (50630): greeting, `>` prompt after every reply, one client at a
///   time, idle clients closed after ``HeliospectraLampSimulatorSettings/idleTimeout``;
/// - a multicast slave on UDP 50632 that joins its master's group and applies valid master
///   packages, dropping (and counting) bad CRCs, stale timestamps, other masters' packages;
/// - discovery: `ABC321` queries answered with an info reply (XML with MACAddress, IPAddress,
///   FwVersion, SerialNr and, a simulator extension, ControlPort).
/// Several lamps can run at once: the UDP socket is bound with address and port reuse.
public final class HeliospectraLampSimulator: Simulator {
    /// How the control socket answers (failure injection for tests).
    public enum Behaviour: Sendable, Hashable {
        /// As a lamp does.
        case normal
        /// Applies commands but sends no reply and no prompt (replies time out).
        case silent
        /// Answers every command with an `ERROR: …` line (and a prompt).
        case errorReplies
        /// Closes the connection when a command arrives, without answering.
        case closeOnCommand
        /// Answers every command with `OK ?` (a payload no data reply can have) and a prompt.
        case malformedReplies
    }

    private let core: HeliospectraLampCore
    private let tcp: any Channel
    private let udp: any Channel

    private init(core: HeliospectraLampCore, tcp: any Channel, udp: any Channel) {
        self.core = core
        self.tcp = tcp
        self.udp = udp
    }

    /// Binds the control socket and the UDP socket, joins the master group and starts answering.
    public static func start(
        _ settings: HeliospectraLampSimulatorSettings = HeliospectraLampSimulatorSettings(),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "lightbridge.simulator.heliospectra")
    ) async throws -> HeliospectraLampSimulator {
        let core = HeliospectraLampCore(settings: settings, logger: logger)
        let tcp = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(HeliospectraControlHandler(core: core))
                }
            }
            .bind(host: settings.host, port: settings.controlPort).get()
        let udp: any Channel
        do {
            udp = try await DatagramBootstrap(group: group)
                .channelOption(.socketOption(.so_reuseaddr), value: 1)
                .channelOption(ChannelOptions.Types.SocketOption(level: .socket, name: .init(rawValue: SO_REUSEPORT)), value: 1)
                .channelOption(.socketOption(.so_broadcast), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(HeliospectraDatagramHandler(core: core))
                    }
                }
                .bind(host: settings.udpHost, port: settings.multicastPort).get()
            if let master = settings.group {
                try await MulticastMembership.join(master, on: settings.interface, udp)
            }
        } catch {
            try? await tcp.close()
            throw error
        }
        let controlPort = tcp.localAddress?.port ?? settings.controlPort
        core.inner.withLockedValue { $0.controlPort = controlPort }
        let following = settings.group.map { ", master group \($0) on \(settings.interface)" } ?? ""
        logger.info(
            "heliospectra sim: control tcp \(settings.host):\(controlPort), udp \(settings.udpHost):\(udp.localAddress?.port ?? 0)\(following)"
        )
        return HeliospectraLampSimulator(core: core, tcp: tcp, udp: udp)
    }

    /// `["tcp": control port, "udp": master/discovery port]` (the real ports after binding 0).
    public var ports: [String: Int] { ["tcp": controlPort, "udp": multicastPort] }
    /// The bound control port.
    public var controlPort: Int { tcp.localAddress?.port ?? core.settings.controlPort }
    /// The bound UDP port (give it to other lamps and the master with port 0).
    public var multicastPort: Int { udp.localAddress?.port ?? core.settings.multicastPort }
    /// The settings.
    public var settings: HeliospectraLampSimulatorSettings { core.settings }

    public func stop() async throws {
        try? await tcp.close()
        try? await udp.close()
        let client = core.inner.withLockedValue { $0.client }
        try? await client?.close()
    }

    /// How the control socket answers from now on.
    public var behaviour: Behaviour {
        get { core.inner.withLockedValue { $0.behaviour } }
        set { core.inner.withLockedValue { $0.behaviour = newValue } }
    }

    /// The relative powers, in ``HeliospectraLampSimulatorSettings/wavelengths`` order.
    public var powers: [UInt16] { core.inner.withLockedValue { $0.lamp.powers } }

    /// The relative power of the channel at `wavelength` nm (`nil`: no such channel).
    public func power(at wavelength: UInt16) -> UInt16? {
        guard let i = core.settings.wavelengths.firstIndex(of: wavelength) else { return nil }
        return powers[i]
    }

    /// What happened to master packages so far.
    public var masterCounters: HeliospectraMasterCounters { core.inner.withLockedValue { $0.lamp.counters } }
    /// The last master package applied.
    public var lastMasterPackage: HeliospectraMasterPackage? { core.inner.withLockedValue { $0.lamp.lastPackage } }
    /// Every control request received (including `bye`), oldest first.
    public var requests: [HeliospectraControlRequest] { core.inner.withLockedValue { $0.lamp.requests } }
    /// Control connections accepted (the one-client rule's refusals not counted).
    public var connectionCount: Int { core.inner.withLockedValue { $0.connections } }
    /// Second clients refused while one was connected.
    public var refusedCount: Int { core.inner.withLockedValue { $0.refused } }
    /// `bye` commands received.
    public var byeCount: Int { core.inner.withLockedValue { $0.byes } }
    /// Clients closed for being idle.
    public var idleCloseCount: Int { core.inner.withLockedValue { $0.idleCloses } }
    /// Discovery queries answered.
    public var discoveryQueryCount: Int { core.inner.withLockedValue { $0.discoveryQueries } }
    /// Whether a control client is connected.
    public var hasClient: Bool { core.inner.withLockedValue { $0.client != nil } }

    /// Sends `bytes` as they are to the control client, if any (for tests of odd input).
    public func sendToClient(_ bytes: [UInt8]) {
        let client = core.inner.withLockedValue { $0.client }
        client?.writeAndFlush(ByteBuffer(bytes: bytes), promise: nil)
    }

    /// Closes the control client, if any (the listener stays open).
    public func disconnectClient() async {
        let client = core.inner.withLockedValue { $0.client }
        try? await client?.close()
    }
}
