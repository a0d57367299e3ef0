import BridgeCore
import LightDrivers
import LightProtocols
import Logging
import NIOConcurrencyHelpers

/// A Heliospectra lamp as a bridge output (PROTOCOLS.md §5), reached one of two ways:
///
/// - `via = "control"`: the lamp's TCP 50630 control socket through a
///   ``HeliospectraControlClient`` (`setWlRelPower` per wavelength, `setAll`);
/// - `via = "master"`: a group of lamps as their master through a ``HeliospectraMaster``
///   (multicast light-setting packages, re-sent periodically). A package carries every
///   wavelength, so the output keeps the whole spectrum (the configured `wavelengths`, else
///   the seed's seven at 0) and changes only the ones an action names.
final class HeliospectraLightOutput: LightOutput {
    enum Link {
        case control(HeliospectraControlClient)
        case master(HeliospectraMaster)
    }

    let name: String
    let link: Link
    private let relay = HealthRelay()
    private let spectrum: NIOLockedValueBox<[UInt16: UInt16]>
    private let eventTask = NIOLockedValueBox<Task<Void, Never>?>(nil)
    private let logger: Logger

    /// The seed's example channel map (PROTOCOLS.md §5).
    static let seedWavelengths: [UInt16] = [400, 420, 450, 530, 630, 660, 735]

    init(name: String, link: Link, wavelengths: [UInt16], logger: Logger) {
        self.name = name
        self.link = link
        self.logger = logger
        let initial = wavelengths.isEmpty ? Self.seedWavelengths : wavelengths
        spectrum = NIOLockedValueBox(Dictionary(initial.map { ($0, 0) }, uniquingKeysWith: { first, _ in first }))
    }

    func start() async {
        switch link {
        case .control(let client):
            let task = relay.follow(client.events) { if case .health(let health) = $0 { health } else { nil } }
            eventTask.withLockedValue { $0 = task }
            await client.start()
        case .master(let master):
            let task = relay.follow(master.events) { if case .health(let health) = $0 { health } else { nil } }
            eventTask.withLockedValue { $0 = task }
            do {
                try await master.start()
            } catch {
                logger.error("light \(name): \(error)")
                relay.report(OutputHealth.down("\(error)"))
            }
        }
    }

    func healthChanges() async -> AsyncStream<OutputHealth> { relay.stream() }

    func apply(_ actions: [LightAction]) async throws {
        for action in actions {
            switch (action, link) {
            case (.heliospectraPowers(let powers), .control(let client)):
                for power in powers {
                    try await client.setRelativePower(wavelength: UInt16(power.nanometres), value: UInt16(power.power))
                }
            case (.heliospectraAll(let value), .control(let client)):
                try await client.setAll(UInt16(value))
            case (.heliospectraPowers(let powers), .master(let master)):
                let full = spectrum.withLockedValue { spectrum in
                    for power in powers { spectrum[UInt16(power.nanometres)] = UInt16(power.power) }
                    return spectrum
                }
                try await master.set(powers: full)
            case (.heliospectraAll(let value), .master(let master)):
                let full = spectrum.withLockedValue { spectrum in
                    for key in spectrum.keys { spectrum[key] = UInt16(value) }
                    return spectrum
                }
                try await master.set(powers: full)
            default:
                throw WrongProtocolAction(light: name, action: action)
            }
        }
    }

    func stop() async {
        switch link {
        case .control(let client): await client.stop()
        case .master(let master): await master.stop()
        }
        await eventTask.withLockedValue { $0 }?.value
        relay.finish()
    }
}
