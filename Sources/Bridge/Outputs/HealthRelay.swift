import BridgeCore
import LightDrivers
import NIOConcurrencyHelpers

/// Hands an output's health changes to the one ``LightWorker`` that listens, replaying the
/// current health first.
final class HealthRelay: Sendable {
    private struct State {
        var current: OutputHealth = .connecting
        var sink: AsyncStream<OutputHealth>.Continuation?
    }
    private let state = NIOLockedValueBox(State())

    /// The stream for the worker (replaces an earlier one).
    func stream() -> AsyncStream<OutputHealth> {
        let (stream, sink) = AsyncStream.makeStream(of: OutputHealth.self, bufferingPolicy: .bufferingNewest(16))
        state.withLockedValue {
            $0.sink?.finish()
            $0.sink = sink
            sink.yield($0.current)
        }
        return stream
    }

    /// Reports a health if it differs from the current one.
    func report(_ health: OutputHealth) {
        state.withLockedValue {
            guard $0.current != health else { return }
            $0.current = health
            $0.sink?.yield(health)
        }
    }

    /// Reports a driver's ``LightHealth``.
    func report(_ health: LightHealth) { report(OutputHealth(health)) }

    /// Ends the stream.
    func finish() { state.withLockedValue { $0.sink?.finish() } }

    /// Follows a driver's events until they end, reporting every health one carries.
    func follow<Event: Sendable>(
        _ events: AsyncStream<Event>, health: @escaping @Sendable (Event) -> LightHealth?
    ) -> Task<Void, Never> {
        Task { [self] in
            for await event in events {
                if let change = health(event) { report(change) }
            }
        }
    }
}

extension OutputHealth {
    /// The bridge's view of a driver's health.
    init(_ health: LightHealth) {
        switch health {
        case .connecting: self = .connecting
        case .healthy: self = .healthy
        case .degraded(let why): self = .degraded(why)
        case .down(let why): self = .down(why)
        }
    }
}

/// An action handed to an output of another protocol (the configuration reader prevents it;
/// this guards the adapters).
struct WrongProtocolAction: Error, CustomStringConvertible {
    var light: String
    var action: LightAction
    var description: String { "light \(light) (\(action.kind) action) cannot carry this out" }
}
