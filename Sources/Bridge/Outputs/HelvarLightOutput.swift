import BridgeCore
import LightDrivers
import LightProtocols
import Logging
import NIOConcurrencyHelpers

/// A HelvarNet router as a bridge output (PROTOCOLS.md §2): scene recalls and direct levels on
/// groups or devices through a ``HelvarDriver``. Pushed scene recalls are handed to the
/// `helvar-recalls` inputs that registered a handler.
final class HelvarLightOutput: LightOutput {
    let name: String
    let driver: HelvarDriver
    private let relay = HealthRelay()
    private let recallHandlers = NIOLockedValueBox<[@Sendable (UInt16, UInt8, UInt8) -> Void]>([])
    private let eventTask = NIOLockedValueBox<Task<Void, Never>?>(nil)

    init(name: String, settings: HelvarDriverSettings, logger: Logger) {
        self.name = name
        driver = HelvarDriver(settings: settings, logger: logger)
    }

    /// Calls `handler(group, block, scene)` for every recall the router pushes.
    func onRecall(_ handler: @escaping @Sendable (UInt16, UInt8, UInt8) -> Void) {
        recallHandlers.withLockedValue { $0.append(handler) }
    }

    func start() async {
        let (events, relay, handlers) = (driver.events, relay, recallHandlers)
        eventTask.withLockedValue {
            $0 = Task {
                for await event in events {
                    switch event {
                    case .health(let health): relay.report(health)
                    case .sceneRecalled(let group, let block, let scene, _):
                        for handler in handlers.withLockedValue({ $0 }) { handler(group, block, scene) }
                    default: break
                    }
                }
            }
        }
        await driver.start()
    }

    func healthChanges() async -> AsyncStream<OutputHealth> { relay.stream() }

    func apply(_ actions: [LightAction]) async throws {
        for action in actions {
            switch action {
            case .helvarRecall(let target, let block, let scene, let fade):
                let centiseconds = fade.map(Self.centiseconds)
                switch target {
                case .group(let group):
                    try await driver.recallScene(
                        group: UInt16(group), block: UInt8(block), scene: UInt8(scene), fade: centiseconds)
                case .device(let address):
                    try await driver.send(
                        HelvarCommand(
                            .recallSceneDevice, version: driver.settings.version, address: address, block: UInt8(block),
                            scene: UInt8(scene), fade: centiseconds))
                }
            case .helvarLevel(let target, let percent, let fade):
                let centiseconds = fade.map(Self.centiseconds)
                switch target {
                case .group(let group): try await driver.setLevel(group: UInt16(group), percent: percent, fade: centiseconds)
                case .device(let address): try await driver.setLevel(device: address, percent: percent, fade: centiseconds)
                }
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

    /// HelvarNet fade times are in hundredths of a second.
    static func centiseconds(_ fade: Duration) -> UInt32 {
        let (seconds, attoseconds) = fade.components
        return UInt32(clamping: seconds * 100 + attoseconds / 10_000_000_000_000_000)
    }
}
