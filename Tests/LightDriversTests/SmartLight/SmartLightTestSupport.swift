import LightDrivers
import LightProtocols
import NIOCore
import NIOPosix
import Simulators
import Synchronization

/// Thread-safe list of a driver's events.
final class SmartLightEventBox: Sendable {
    let events = Mutex<[SmartLightDriverEvent]>([])
}

/// Collects a Smart Light driver's events for assertions.
final class SmartLightEventLog: Sendable {
    private let box = SmartLightEventBox()
    private let task: Task<Void, Never>

    init(_ driver: SmartLightDriver) {
        let box = self.box
        let stream = driver.events
        task = Task {
            for await e in stream { box.events.withLock { $0.append(e) } }
        }
    }

    var all: [SmartLightDriverEvent] { box.events.withLock { $0 } }

    func cancel() { task.cancel() }
}

/// Driver settings for a simulator on loopback, with quick reconnects.
func smartLightTCPSettings(
    port: Int, replyTimeout: Duration = .seconds(5), modeByteOrder: SmartLightPacketFormat.ModeByteOrder = .msbFirst
) -> SmartLightDriverSettings {
    SmartLightDriverSettings(
        transport: .tcp(host: "127.0.0.1", port: port), replyTimeout: replyTimeout,
        reconnect: Backoff(initial: .milliseconds(50), maximum: .milliseconds(200)), modeByteOrder: modeByteOrder)
}

/// A simulator on a free loopback port.
func startSmartLightSimulator(
    port: Int = 0, configuredModes: [ClosedRange<UInt16>] = [1...255],
    modeByteOrder: SmartLightPacketFormat.ModeByteOrder = .msbFirst
) async throws -> SmartLightDeviceSimulator {
    try await SmartLightDeviceSimulator.start(
        SmartLightDeviceSimulatorSettings(
            host: "127.0.0.1", port: port, configuredModes: configuredModes, modeByteOrder: modeByteOrder))
}

/// Starts a simulator and a driver connected to it, runs `body`, then stops both.
func withSmartLight(
    configuredModes: [ClosedRange<UInt16>] = [1...255],
    settings: (Int) -> SmartLightDriverSettings = { smartLightTCPSettings(port: $0) },
    _ body: (SmartLightDeviceSimulator, SmartLightDriver) async throws -> Void
) async throws {
    let sim = try await startSmartLightSimulator(configuredModes: configuredModes)
    let driver = SmartLightDriver(settings: settings(sim.port))
    await driver.start()
    do {
        try await body(sim, driver)
    } catch {
        await driver.stop()
        try await sim.stop()
        throw error
    }
    await driver.stop()
    try await sim.stop()
}

/// The outcome of a send, as a value.
func outcome(_ driver: SmartLightDriver, _ command: SmartLightCommand) async -> SmartLightDriverError? {
    do throws(SmartLightDriverError) {
        try await driver.send(command)
        return nil
    } catch {
        return error
    }
}

/// One of every command kind, with values off their defaults.
let everyKind: [SmartLightCommand] = [
    .modeSet(mode: 5),
    .segment(
        SmartLightSegmentMode(
            segments: [
                SmartLightSegment(colour: .red, type: .solid), SmartLightSegment(colour: .green, type: .blink),
                SmartLightSegment(colour: .user, type: .flash),
            ], blinkFrequency: .fast, buzzer: .slowPulse)),
    .level(SmartLightLevelMode(levelType: .fillFromBottom, colour: .orange, lightCount: 17, buzzer: .continuous)),
    .runLight(SmartLightRunLight(segmentCount: 3, runColour: .blue, backColour: .white, speed: .verySlow, buzzer: .fastPulse)),
    .userColour(SmartLightRGB(red: 255, green: 128, blue: 1)),
    .clear,
]

/// A raw TCP client for sending arbitrary bytes to the simulator.
final class RawSmartLightClient: Sendable {
    private let channel: any Channel
    private let collected: RawCollector

    private init(channel: any Channel, collected: RawCollector) {
        self.channel = channel
        self.collected = collected
    }

    static func connect(port: Int) async throws -> RawSmartLightClient {
        let collected = RawCollector()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(collected) }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return RawSmartLightClient(channel: channel, collected: collected)
    }

    func send(_ bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes)).get()
    }

    /// Everything received so far.
    var received: [UInt8] { collected.state.withLock { $0.bytes } }
    /// Whether the server closed the connection.
    var closed: Bool { collected.state.withLock { $0.closed } }

    func close() async {
        try? await channel.close()
    }
}

/// The raw client's pipeline end.
final class RawCollector: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let state = Mutex<(bytes: [UInt8], closed: Bool)>(([], false))

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = Array(unwrapInboundIn(data).readableBytesView)
        state.withLock { $0.bytes += bytes }
    }

    func channelInactive(context: ChannelHandlerContext) {
        state.withLock { $0.closed = true }
        context.fireChannelInactive()
    }
}
