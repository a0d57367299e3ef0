import BridgeCore
import LightDrivers
import LightProtocols
import Logging
import NIOConcurrencyHelpers

/// A Caron Smart Light as a bridge output (PROTOCOLS.md §1): each action is one command through
/// a ``SmartLightDriver`` (TCP with replies, serial write-only, or USB).
final class SmartLightLightOutput: LightOutput {
    let name: String
    let driver: SmartLightDriver
    private let relay = HealthRelay()
    private let eventTask = NIOLockedValueBox<Task<Void, Never>?>(nil)

    init(name: String, settings: SmartLightDriverSettings, logger: Logger) {
        self.name = name
        driver = SmartLightDriver(settings: settings, logger: logger)
    }

    func start() async {
        let task = relay.follow(driver.events) { if case .health(let health) = $0 { health } else { nil } }
        eventTask.withLockedValue { $0 = task }
        await driver.start()
    }

    func healthChanges() async -> AsyncStream<OutputHealth> { relay.stream() }

    func apply(_ actions: [LightAction]) async throws {
        for action in actions {
            guard case .smartLight(let command) = action else { throw WrongProtocolAction(light: name, action: action) }
            try await driver.send(command)
        }
    }

    func stop() async {
        await driver.stop()
        await eventTask.withLockedValue { $0 }?.value
        relay.finish()
    }
}
