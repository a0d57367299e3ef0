/// Exponential back-off for reconnects and retries: `initial`, then each delay times `factor`,
/// capped at `maximum`; ``next()`` returns `nil` once `giveUpAfter` of delays would be exceeded
/// (never, when it is `nil`).
///
/// Used for TCP reconnects (HelvarNet, Lumencor, Smart Light, Heliospectra) and for LightwaveRF
/// `ERR,6` retries (PROTOCOLS.md §3: 125 ms doubling, give up after about 5 s).
public struct Backoff: Sendable, Hashable {
    /// The first delay.
    public var initial: Duration
    /// Each delay is the previous one times this.
    public var factor: Int
    /// No delay is longer than this.
    public var maximum: Duration
    /// The total of all delays after which ``next()`` gives up (`nil`: never).
    public var giveUpAfter: Duration?
    private var current: Duration?
    private var total: Duration = .zero

    /// Creates a back-off.
    public init(initial: Duration, factor: Int = 2, maximum: Duration, giveUpAfter: Duration? = nil) {
        self.initial = initial
        self.factor = factor
        self.maximum = maximum
        self.giveUpAfter = giveUpAfter
    }

    /// The next delay, or `nil` when the retries are used up.
    public mutating func next() -> Duration? {
        let delay = current.map { min($0 * factor, maximum) } ?? initial
        if let limit = giveUpAfter, total + delay > limit { return nil }
        current = delay
        total += delay
        return delay
    }

    /// Starts again from `initial` (after a success).
    public mutating func reset() {
        current = nil
        total = .zero
    }
}
