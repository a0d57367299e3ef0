/// One configured light as the bridge core sees it (DESIGN.md: "a driver applies actions to
/// one light"). Adapters in the `Bridge` target wrap each protocol's driver in one of these.
public protocol LightOutput: Sendable {
    /// Connects (and keeps reconnecting in the background); returns at once.
    func start() async
    /// Carries out `actions` in order; throws the first failure (the worker retries the whole
    /// list, so each action must be idempotent — they all set a state).
    func apply(_ actions: [LightAction]) async throws
    /// Every health change of the link, starting with the current one (one consumer: the
    /// worker re-applies its state when the light comes back).
    func healthChanges() async -> AsyncStream<OutputHealth>
    /// Closes everything.
    func stop() async
    /// Puts the first of `actions` on the wire now, synchronously, when the link is idle and
    /// can (the trigger-to-wire fast path: the bridge calls this in the same event-loop turn
    /// as the input's read); returns `nil` when it cannot, and the worker uses ``apply(_:)``.
    /// The worker awaits ``LightApplication/finish()`` for the outcome.
    func begin(_ actions: [LightAction]) -> (any LightApplication)?
    /// `actions` made ready ahead for ``begin(_:)``: the bridge prepares each configured mode's
    /// list when the mode table or the light changes, so that the fast path then only sends
    /// (BENCHMARKS.md item 11). `nil` when the output has no fast path for them.
    func prepare(_ actions: [LightAction]) -> (any PreparedLightStart)?
}

extension LightOutput {
    /// Outputs without a fast path always go through ``apply(_:)``.
    public func begin(_ actions: [LightAction]) -> (any LightApplication)? { nil }
    /// Outputs without a fast path prepare nothing.
    public func prepare(_ actions: [LightAction]) -> (any PreparedLightStart)? { nil }
}

/// A list of actions an output prepared for its fast path (``LightOutput/prepare(_:)``).
public protocol PreparedLightStart: AnyObject, Sendable {
    /// ``LightOutput/begin(_:)`` of the prepared list: its first action on the wire now, or
    /// `nil` when the link is not idle.
    func begin() -> (any LightApplication)?
}

/// An apply already begun by ``LightOutput/begin(_:)``: its first action is on the wire.
/// A class: the worker keeps it in its queue's lock, where an existential of a class is copied
/// with a retain (an existential of a struct is copied through its type's value witnesses, code
/// the trigger path would otherwise run cold; BENCHMARKS.md item 10).
public protocol LightApplication: AnyObject, Sendable {
    /// Waits for the light's answer and carries out the remaining actions; throws like
    /// ``LightOutput/apply(_:)``.
    func finish() async throws
}

/// The health the bridge shows per light (from the driver's own health where it has one).
public enum OutputHealth: Sendable, Hashable, CustomStringConvertible {
    /// Not connected yet or reconnecting.
    case connecting
    /// Reachable and answering.
    case healthy
    /// Answering with errors.
    case degraded(String)
    /// Unreachable.
    case down(String)

    /// Whether actions can be expected to land.
    public var isUp: Bool {
        switch self {
        case .healthy, .degraded: return true
        case .connecting, .down: return false
        }
    }

    public var description: String {
        switch self {
        case .connecting: return "connecting"
        case .healthy: return "healthy"
        case .degraded(let why): return "degraded: \(why)"
        case .down(let why): return "down: \(why)"
        }
    }
}
