import LightProtocols
import Logging
import NIOConcurrencyHelpers
import NIOCore

/// State shared by the control socket, the UDP socket and the public API of one simulated
/// lamp (PROTOCOLS.md §5).
final class HeliospectraLampCore: Sendable {
    struct Inner: Sendable {
        var lamp: HeliospectraLampState
        var behaviour: HeliospectraLampSimulator.Behaviour = .normal
        var client: (any Channel)?
        var connections = 0
        var refused = 0
        var byes = 0
        var idleCloses = 0
        var discoveryQueries = 0
        var controlPort = 0
    }

    let settings: HeliospectraLampSimulatorSettings
    let logger: Logger
    let inner: NIOLockedValueBox<Inner>
    let encoder: HeliospectraControlEncoder

    init(settings: HeliospectraLampSimulatorSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
        inner = NIOLockedValueBox(Inner(lamp: HeliospectraLampState(settings: settings)))
        encoder = HeliospectraControlEncoder(format: settings.controlFormat)
    }

    /// The wire bytes of a reply; an error text that cannot be written becomes a plain one.
    func bytes(_ reply: HeliospectraControlReply) -> [UInt8] {
        do {
            return try encoder.encode(reply)
        } catch {
            logger.error("heliospectra sim: cannot encode \(reply): \(error)")
            return (try? encoder.encode(HeliospectraControlReply.error("ERROR: internal"))) ?? []
        }
    }

    /// Takes the single client slot; `false` when another client holds it.
    func claim(_ channel: any Channel) -> Bool {
        inner.withLockedValue { inner in
            guard inner.client == nil else {
                inner.refused += 1
                return false
            }
            inner.client = channel
            inner.connections += 1
            return true
        }
    }

    /// Frees the slot if `channel` holds it.
    func release(_ channel: any Channel) {
        inner.withLockedValue { inner in
            if let c = inner.client, c === channel { inner.client = nil }
        }
    }
}
