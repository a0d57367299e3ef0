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
            switch action {
            case .lightwaveLevel(let room, let device, let percent):
                try await driver.set(room: UInt8(room), device: UInt8(device), percent: percent)
            case .lightwavePower(let room, let device, let on):
                try await driver.send(.device(room: UInt8(room), device: UInt8(device), on ? .on : .off))
            default:
                throw WrongProtocolAction(light: name, action: action)
            }
        }
    }

    func stop() async {
        await driver.stop()
        await eventTask.withLockedValue { $0 }?.value
        relay.finish()
    }
}
