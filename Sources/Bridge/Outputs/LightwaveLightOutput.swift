import BridgeCore
import LightDrivers
import LightProtocols
import Logging
import NIOConcurrencyHelpers

/// A LightwaveRF Link as a bridge output (PROTOCOLS.md §3): device levels and on/off through a
/// ``LightwaveDriver`` (UDP; health follows the replies).
final class LightwaveLightOutput: LightOutput {
    let name: String
    let driver: LightwaveDriver
    private let relay = HealthRelay()
    private let eventTask = NIOLockedValueBox<Task<Void, Never>?>(nil)
    private let logger: Logger

    init(name: String, settings: LightwaveDriverSettings, logger: Logger) {
        self.name = name
        self.logger = logger
        driver = LightwaveDriver(settings: settings, logger: logger)
    }

    func start() async {
        let task = relay.follow(driver.events) { if case .health(let health) = $0 { health } else { nil } }
        eventTask.withLockedValue { $0 = task }
        do {
            try await driver.start()
        } catch {
            // The reply port could not be bound: every apply fails and is retried.
            logger.error("light \(name): \(error)")
            relay.report(OutputHealth.down("\(error)"))
        }
    }

    func healthChanges() async -> AsyncStream<OutputHealth> { relay.stream() }

    func apply(_ actions: [LightAction]) async throws {
        for action in actions {
            try await driver.send(lightwaveAction(action))
        }
    }

    /// The fast path: the first action's datagram is written now when the Link is idle (the
    /// list prepared on the spot; configured modes come prepared, ``prepare(_:)``).
    func begin(_ actions: [LightAction]) -> (any LightApplication)? {
        prepare(actions)?.begin()
    }

    /// The first action's datagram prepared ahead (the trigger path then copies it and writes
    /// the transaction id); `nil` when the first action is not a valid Lightwave one.
    func prepare(_ actions: [LightAction]) -> (any PreparedLightStart)? {
        guard let first = actions.first, let action = try? lightwaveAction(first), let prepared = try? driver.prepare(action)
        else { return nil }
        return PreparedLightwaveStart(output: self, prepared: prepared, rest: Array(actions.dropFirst()))
    }

    private func lightwaveAction(_ action: LightAction) throws -> LightwaveAction {
        switch action {
        case .lightwaveLevel(let room, let device, let percent):
            return .device(room: UInt8(room), device: UInt8(device), LightwaveDim.function(percent: percent))
        case .lightwavePower(let room, let device, let on):
            return .device(room: UInt8(room), device: UInt8(device), on ? .on : .off)
        default:
            throw WrongProtocolAction(light: name, action: action)
        }
    }

    func stop() async {
        await driver.stop()
        await eventTask.withLockedValue { $0 }?.value
        relay.finish()
    }
}

/// A Lightwave list prepared ahead: its first command's datagram but for the transaction id.
private final class PreparedLightwaveStart: PreparedLightStart {
    let output: LightwaveLightOutput
    let prepared: LightwavePreparedCommand
    let rest: [LightAction]

    init(output: LightwaveLightOutput, prepared: LightwavePreparedCommand, rest: [LightAction]) {
        self.output = output
        self.prepared = prepared
        self.rest = rest
    }

    func begin() -> (any LightApplication)? {
        guard let begun = output.driver.begin(prepared) else { return nil }
        return LightwaveApplication(start: self, begun: begun)
    }
}

/// A Lightwave apply whose first datagram is on the wire: waits for the Link, then sends the
/// rest.
private final class LightwaveApplication: LightApplication {
    let start: PreparedLightwaveStart
    let begun: LightwaveBegunCommand

    init(start: PreparedLightwaveStart, begun: LightwaveBegunCommand) {
        self.start = start
        self.begun = begun
    }

    func finish() async throws {
        try await start.output.driver.finish(begun)
        try await start.output.apply(start.rest)
    }
}
