import LightProtocols
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A simulated LightwaveRF Link (issue 4, item 6; PROTOCOLS.md §3) on UDP: commands on
/// ``LightwaveLinkSimulatorSettings/port``, every reply sent twice to the client's
/// ``LightwaveLinkSimulatorSettings/replyPort`` — unicast and to the broadcast address — as a
/// Link from firmware 2.91Z does. Registration needs a button press (``pressButton()``, or
/// automatically with ``LightwaveLinkSimulatorSettings/autoRegisterAfter``); unregistered
/// clients get `ERR,1`/`ERR,2` with the real texts; radio commands answer `OK` plus the JSON
/// line and change the simulated device states, which tests read back.
public final class LightwaveLinkSimulator: Simulator {
    private let core: Core
    private let channel: any Channel

    /// Binds the command socket and starts answering.
    public static func start(
        _ settings: LightwaveLinkSimulatorSettings, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "lightbridge.simulator.lightwave")
    ) async throws -> LightwaveLinkSimulator {
        let core = Core(settings: settings, logger: logger)
        let channel = try await DatagramBootstrap(group: group)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelOption(.socketOption(.so_broadcast), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Handler(core: core))
                }
            }
            .bind(host: settings.host, port: settings.port)
            .get()
        core.channel.withLockedValue { $0 = channel }
        return LightwaveLinkSimulator(core: core, channel: channel)
    }

    private init(core: Core, channel: any Channel) {
        self.core = core
        self.channel = channel
    }

    /// `["udp": command port, "reply": reply port]`.
    public var ports: [String: Int] {
        ["udp": channel.localAddress?.port ?? core.settings.port, "reply": core.settings.replyPort]
    }

    /// The bound command port.
    public var port: Int { ports["udp"] ?? 0 }

    public func stop() async throws {
        try await channel.close()
    }

    /// Presses the Link's button: registers the client waiting after `!F*p` and sends it the
    /// JSON success line. `false` when no client waits (or its 12 s ran out).
    @discardableResult
    public func pressButton() -> Bool { core.pressButton() }

    /// The next `count` radio commands answer `ERR,6,"Transmit fail"`.
    public func injectTransmitFailures(_ count: Int) {
        core.state.withLockedValue { $0.failTransmit += count }
    }

    /// What the Link last "transmitted" to each device.
    public var devices: [LightwaveDeviceAddress: LightwaveDeviceState] { core.state.withLockedValue { $0.devices } }

    /// What the Link last "transmitted" to one device (`nil`: nothing yet).
    public func device(room: UInt8, device: UInt8) -> LightwaveDeviceState? {
        devices[LightwaveDeviceAddress(room: room, device: device)]
    }

    /// Every command received that addressed this Link, oldest first.
    public var receivedCommands: [LightwaveReceivedCommand] { core.state.withLockedValue { $0.received } }

    /// The registered clients' IP addresses.
    public var registeredClients: [String] { core.state.withLockedValue { $0.registered } }

    /// The LW500 screen's two lines.
    public var screen: (line1: String?, line2: String?) { core.state.withLockedValue { $0.screen } }

    /// Shared by the handler and the public API.
    final class Core: Sendable {
        let settings: LightwaveLinkSimulatorSettings
        let logger: Logger
        let state: NIOLockedValueBox<LightwaveLinkState>
        let channel = NIOLockedValueBox<(any Channel)?>(nil)
        private let encoder = LightwaveEncoder()

        init(settings: LightwaveLinkSimulatorSettings, logger: Logger) {
            self.settings = settings
            self.logger = logger
            self.state = NIOLockedValueBox(LightwaveLinkState(settings: settings))
        }

        static var unixTime: Int64 { Int64(time(nil)) }

        func handle(_ bytes: [UInt8], from sender: SocketAddress, on channel: any Channel) {
            guard let client = sender.ipAddress else { return }
            let command: LightwaveCommand
            do {
                guard case .command(let c) = try LightwaveUDP.decodeDatagram(bytes) else {
                    logger.warning("lightwave sim: not a command from \(client), ignored")
                    return
                }
                command = c
            } catch {
                logger.warning("lightwave sim: bad datagram from \(client): \(error)")
                return
            }
            let now = ContinuousClock.now
            let outcome = state.withLockedValue { $0.handle(command, from: client, now: now, unixTime: Self.unixTime) }
            if outcome.ignored {
                logger.info("lightwave sim: \(client) addressed Link \(command.link?.hexText ?? "?"), ignored")
                return
            }
            log(command, from: client, outcome.replies)
            send(outcome.replies, to: client, on: channel)
            if outcome.scheduleAutoPress, let delay = settings.autoRegisterAfter {
                channel.eventLoop.scheduleTask(in: TimeAmount(delay)) { [self] in
                    logger.info("lightwave sim: button pressed automatically")
                    _ = pressButton()
                }
            }
        }

        func pressButton() -> Bool {
            guard let channel = channel.withLockedValue({ $0 }) else { return false }
            let pressed = state.withLockedValue { $0.pressButton(now: .now, unixTime: Self.unixTime) }
            guard let pressed else {
                logger.info("lightwave sim: button pressed, nobody waiting")
                return false
            }
            logger.info("lightwave sim: \(pressed.client) registered")
            send([pressed.reply], to: pressed.client, on: channel)
            return true
        }

        /// Sends each reply unicast to the client and again to the broadcast address.
        func send(_ replies: [LightwaveMessage], to client: String, on channel: any Channel) {
            var targets: [SocketAddress] = []
            for host in [client, settings.broadcastAddress].compactMap({ $0 }) {
                do {
                    targets.append(try SocketAddress(ipAddress: host, port: settings.replyPort))
                } catch {
                    logger.error("lightwave sim: bad reply address \(host): \(error)")
                }
            }
            for reply in replies {
                let bytes: [UInt8]
                do {
                    bytes = try encoder.encode(reply)
                } catch {
                    logger.error("lightwave sim: cannot encode reply: \(error)")
                    continue
                }
                for target in targets {
                    let envelope = AddressedEnvelope(remoteAddress: target, data: channel.allocator.buffer(bytes: bytes))
                    channel.writeAndFlush(envelope).whenFailure { [logger] error in
                        logger.warning("lightwave sim: reply to \(target) failed: \(error)")
                    }
                }
            }
        }

        /// One stderr line per command: what it did to the simulated devices.
        private func log(_ command: LightwaveCommand, from client: String, _ replies: [LightwaveMessage]) {
            let answer = replies.first.map { String(decoding: (try? encoder.encode($0)) ?? [], as: UTF8.self) } ?? ""
            var line = "lightwave sim: \(client) \(command.action.functionName)"
            if case .device(let room, let device, _) = command.action {
                let address = LightwaveDeviceAddress(room: room, device: device)
                let state = self.state.withLockedValue { $0.devices[address] }
                line += " \(address) -> \(state.map { "\($0)" } ?? "unchanged")"
            } else if case .room(let room, _) = command.action {
                line += " R\(room)"
            }
            logger.info("\(line) [\(answer)]")
        }
    }

    /// Reads datagrams and hands them to the core.
    final class Handler: ChannelInboundHandler, Sendable {
        typealias InboundIn = AddressedEnvelope<ByteBuffer>
        let core: Core

        init(core: Core) { self.core = core }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let envelope = unwrapInboundIn(data)
            core.handle(Array(envelope.data.readableBytesView), from: envelope.remoteAddress, on: context.channel)
        }
    }
}
