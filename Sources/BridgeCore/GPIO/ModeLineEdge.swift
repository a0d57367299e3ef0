/// One of the lines the 8-bit mode is read from (PROTOCOLS.md §1.5).
public enum ModeLine: Hashable, Sendable, CustomStringConvertible {
    /// Data input `index` (0…7); input 0 is bit 0 of the mode number.
    case input(Int)
    /// The optional ninth line that latches the inputs on its active edge.
    case strobe

    public var description: String {
        switch self {
        case .input(let index): return "input \(index)"
        case .strobe: return "strobe"
        }
    }
}

/// A level change on one line, as a source saw it: the **physical** level after the edge
/// (`true` = high; active-low is applied by ``ModeLineSettler``, not by the source) and when
/// it happened on the source's monotonic clock.
public struct ModeLineEdge: Hashable, Sendable {
    /// Which line changed.
    public var line: ModeLine
    /// The physical level after the edge: `true` = high (rising edge), `false` = low.
    public var level: Bool
    /// When the edge happened.
    public var time: MonotonicInstant

    /// Creates an edge.
    public init(line: ModeLine, level: Bool, time: MonotonicInstant) {
        self.line = line
        self.level = level
        self.time = time
    }
}

/// The physical levels of all lines at one moment (`true` = high).
public struct ModeLineLevels: Hashable, Sendable {
    /// The eight data inputs, input `i` in bit `i` (1 = high).
    public var inputs: UInt8
    /// The strobe line, or `nil` when no strobe is used.
    public var strobe: Bool?

    /// Creates a snapshot.
    public init(inputs: UInt8, strobe: Bool? = nil) {
        self.inputs = inputs
        self.strobe = strobe
    }
}
