/// Turns edges on the eight mode inputs (and an optional strobe) into mode numbers
/// (PROTOCOLS.md §1.5). A pure state machine: feed it edges with monotonic timestamps, ask it
/// what is due at a time, and it never looks at a clock itself.
///
/// **Settle mode** (no strobe): every edge on an input restarts a settle window (default
/// 20 ms). When the window passes with no edge, the inputs are taken as the mode. Bounces and
/// intermediate values shorter than the window (bits of one change arriving at slightly
/// different times, contact bounce) are never reported. Only a settled value that differs from
/// the last reported one is reported: without a strobe the lines *are* the state, so a burst of
/// edges that settles back on the same value is noise. A mode that the PLC re-sends after a
/// clear (5 → 0 → 5) is applied, because 0 and then 5 are each a change — provided the clear is
/// held for at least one settle window (a shorter 0 is a bounce by definition). The first
/// settled value after ``start(levels:at:)`` is always reported, so the mode is known at
/// start-up (mode 0, all inputs inactive, is reported as `.modeSet(mode: 0)`, the clear mode).
///
/// **Strobe mode**: input edges only update the tracked levels. The strobe's active edge
/// latches the eight inputs and reports them **every time, even when the value repeats**: a
/// strobe is an explicit "apply this mode" from the PLC, so re-sending a mode is honoured. A
/// strobe active edge counts only after the strobe was inactive for a whole settle window, so a
/// bouncing strobe (on press or on release) latches once. Nothing is reported at start-up in
/// strobe mode: the inputs are only valid when strobed (the bridge re-applies its persisted
/// mode instead).
///
/// Active-low is applied here, per line, so sources deliver physical levels.
public struct ModeLineSettler: Sendable, Hashable {
    /// How the value is taken.
    public struct Configuration: Sendable, Hashable {
        /// The quiet time after the last edge before the inputs are taken (settle mode), and
        /// the time the strobe must be inactive before its next active edge counts.
        public var settleWindow: Duration
        /// Bit `i` set: input `i` is active-low (a low line is a 1 bit).
        public var activeLowMask: UInt8
        /// The strobe, if one latches the inputs; `nil` selects settle mode.
        public var strobe: Strobe?

        /// Creates a configuration.
        public init(settleWindow: Duration = .milliseconds(20), activeLowMask: UInt8 = 0, strobe: Strobe? = nil) {
            self.settleWindow = settleWindow
            self.activeLowMask = activeLowMask
            self.strobe = strobe
        }
    }

    /// The strobe line's polarity.
    public struct Strobe: Sendable, Hashable {
        /// `true`: the strobe is active while low, so the falling edge latches.
        public var activeLow: Bool

        /// Creates a strobe setting.
        public init(activeLow: Bool = false) { self.activeLow = activeLow }
    }

    /// The configuration.
    public let configuration: Configuration
    /// Physical levels of the inputs as last seen (bit `i` = input `i` high).
    public private(set) var physicalInputs: UInt8 = 0
    /// Whether the strobe is currently active (after polarity).
    public private(set) var strobeActive = false
    /// The last mode reported, if any.
    public private(set) var lastReported: UInt8?
    private var lastEdge: MonotonicInstant?
    private var pending = false
    private var strobeInactiveSince: MonotonicInstant?

    /// Creates a settler; call ``start(levels:at:)`` with the lines' levels before any edge.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// The mode the inputs show now (active-low applied), settled or not.
    public var currentMode: UInt8 { physicalInputs ^ configuration.activeLowMask }

    /// When ``due(at:)`` next has something to decide, or `nil` when nothing is pending (strobe
    /// mode never has a deadline). A source waits for edges until then.
    public var deadline: MonotonicInstant? {
        guard pending, let lastEdge else { return nil }
        return lastEdge + configuration.settleWindow
    }

    /// Takes the lines' levels at start-up. In settle mode this opens a settle window, so the
    /// start-up mode is reported once the lines have been quiet for the window.
    public mutating func start(levels: ModeLineLevels, at time: MonotonicInstant) {
        physicalInputs = levels.inputs
        lastReported = nil
        if let strobe = configuration.strobe {
            strobeActive = (levels.strobe ?? strobe.activeLow) != strobe.activeLow
            // An inactive strobe at start-up has been inactive "long enough".
            strobeInactiveSince = strobeActive ? nil : time + .nanoseconds(-configuration.settleWindow.nanoseconds)
            pending = false
        } else {
            lastEdge = time
            pending = true
        }
    }

    /// Feeds one edge. Returns the latched mode when this edge is the strobe's active edge
    /// (strobe mode); settled values come from ``due(at:)``.
    public mutating func edge(_ edge: ModeLineEdge) -> UInt8? {
        switch edge.line {
        case .input(let index):
            guard (0..<8).contains(index) else { return nil }
            let bit = UInt8(1) << UInt8(index)
            if edge.level { physicalInputs |= bit } else { physicalInputs &= ~bit }
            if configuration.strobe == nil { noteActivity(at: edge.time) }
            return nil
        case .strobe:
            guard let strobe = configuration.strobe else { return nil }
            let active = edge.level != strobe.activeLow
            defer { strobeActive = active }
            guard active else {
                // Any inactive report restarts the quiet time, even a repeated one: an edge
                // pair happened that the source could not resolve.
                strobeInactiveSince = edge.time
                return nil
            }
            guard !strobeActive, let since = strobeInactiveSince else { return nil }
            strobeInactiveSince = nil
            guard edge.time - since >= configuration.settleWindow else { return nil }
            lastReported = currentMode
            return currentMode
        }
    }

    /// Reconciles the tracked levels with levels read from the lines (a source does this when a
    /// deadline passes, in case an edge was lost or reported with the wrong level). A difference
    /// on the inputs counts as an edge at `time` in settle mode; the strobe is only updated
    /// (a missed strobe edge does not latch).
    public mutating func resync(levels: ModeLineLevels, at time: MonotonicInstant) {
        if levels.inputs != physicalInputs {
            physicalInputs = levels.inputs
            if configuration.strobe == nil { noteActivity(at: time) }
        }
        if let strobe = configuration.strobe, let level = levels.strobe {
            let active = level != strobe.activeLow
            if active != strobeActive {
                strobeActive = active
                strobeInactiveSince = active ? nil : time
            }
        }
    }

    /// The settled mode if the settle window has passed by `time` and the value differs from
    /// the last reported one; `nil` otherwise. Settle mode only.
    public mutating func due(at time: MonotonicInstant) -> UInt8? {
        guard let deadline, time >= deadline else { return nil }
        pending = false
        let mode = currentMode
        guard mode != lastReported else { return nil }
        lastReported = mode
        return mode
    }

    private mutating func noteActivity(at time: MonotonicInstant) {
        if let lastEdge, lastEdge > time {
            // Edges from different lines can arrive slightly out of order: keep the latest.
        } else {
            lastEdge = time
        }
        pending = true
    }
}
