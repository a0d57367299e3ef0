import BridgeCore
import LightDrivers
import LightProtocols
import Logging
import NIOConcurrencyHelpers

/// A Lumencor light engine as a bridge output (PROTOCOLS.md §4): channel intensities in percent
/// and channels on or off, by colour name or channel number (from 0), through a ``LumencorDriver`` (which
/// reads MAXINT, NUMCH and CHMAP at connect and polls STAT and TEMP for the health).
final class LumencorLightOutput: LightOutput {
    let name: String
    let driver: LumencorDriver
    private let relay = HealthRelay()
    private let eventTask = NIOLockedValueBox<Task<Void, Never>?>(nil)

    init(name: String, settings: LumencorDriverSettings, logger: Logger) {
        self.name = name
        driver = LumencorDriver(settings: settings, logger: logger)
    }

    func start() async {
        let task = relay.follow(driver.events) { if case .health(let health) = $0 { health } else { nil } }
        eventTask.withLockedValue { $0 = task }
        await driver.start()
    }

    func healthChanges() async -> AsyncStream<OutputHealth> { relay.stream() }

    /// A configured channel name: a number is an index, anything else a colour.
    static func channel(_ text: String) -> LumencorChannel {
        if let index = Int(text) { return .index(index) }
        return .colour(text)
    }

    func apply(_ actions: [LightAction]) async throws {
        for action in actions {
            switch action {
            case .lumencorIntensities(let levels):
                var map: [LumencorChannel: Double] = [:]
                for level in levels { map[Self.channel(level.channel)] = level.percent }
                try await driver.setIntensities(percent: map)
            case .lumencorPower(let channels, let on):
                if channels.isEmpty {
                    let count = await driver.engine?.channelCount ?? 0
                    guard count > 0 else { throw LumencorDriverError.notConnected }
                    try await driver.setPower(
                        Dictionary(uniqueKeysWithValues: (0..<count).map { (LumencorChannel.index($0), on) }))
                } else {
                    try await driver.setPower(Dictionary(channels.map { (Self.channel($0), on) }, uniquingKeysWith: { $1 }))
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
}
