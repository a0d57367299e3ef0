/// Picks one GPIO line: by offset on the configured chip, or by the line's name (as the device
/// tree or `gpio-line-names` gives it; `gpioinfo` shows both).
public enum GPIOLineSelector: Hashable, Sendable, CustomStringConvertible {
    /// The line at this offset on the chip.
    case offset(UInt32)
    /// The first line with this name (on the chip if one is configured, else on any chip).
    case name(String)

    public var description: String {
        switch self {
        case .offset(let offset): return "offset \(offset)"
        case .name(let name): return "line \"\(name)\""
        }
    }
}

/// The internal bias asked of the GPIO controller for the mode lines.
public enum GPIOBias: String, Hashable, Sendable, CaseIterable {
    /// Leave the bias as it is (no flag in the request).
    case asIs = "as-is"
    /// Neither pull-up nor pull-down.
    case disable
    /// Internal pull-up (typical for opto-couplers that pull the line low when on).
    case pullUp = "pull-up"
    /// Internal pull-down.
    case pullDown = "pull-down"
}

/// Everything the GPIO mode source needs (issue 3 item 3, PROTOCOLS.md §1.5): which chip and
/// lines, their polarity and bias, and how the value is taken. Build it from a ``BoardProfile``
/// with ``init(board:useStrobe:settleWindow:)`` or spell the chip and lines out.
public struct ModeLinesConfiguration: Hashable, Sendable {
    /// The chip as libgpiod's `gpiod_chip_open_lookup` takes it: a label
    /// (`pinctrl-bcm2711`), a name (`gpiochip0`), a number (`0`) or a path (`/dev/gpiochip0`).
    /// `nil` only when every line is selected by name (then they are looked up on all chips
    /// and must all be on one).
    public var chip: String?
    /// The eight inputs, bit 0 first.
    public var inputs: [GPIOLineSelector]
    /// Per input (bit 0 first): `true` if the input is active-low (a low line is a 1 bit).
    public var inputActiveLow: [Bool]
    /// The strobe line; `nil` selects settle mode.
    public var strobe: GPIOLineSelector?
    /// `true` if the strobe is active while low (its falling edge latches).
    public var strobeActiveLow: Bool
    /// Bias for all requested lines (dropped with a warning if the kernel rejects it).
    public var bias: GPIOBias
    /// Quiet time after the last edge before the inputs are taken; also the strobe's
    /// debounce (PROTOCOLS.md §1.5 default: 20 ms).
    public var settleWindow: Duration
    /// The consumer name the kernel shows for the requested lines.
    public var consumer: String

    /// Creates a configuration with one polarity for all inputs (and the strobe).
    public init(
        chip: String?, inputs: [GPIOLineSelector], activeLow: Bool = false, strobe: GPIOLineSelector? = nil,
        bias: GPIOBias = .asIs, settleWindow: Duration = .milliseconds(20), consumer: String = "lightbridge"
    ) {
        self.chip = chip
        self.inputs = inputs
        self.inputActiveLow = Array(repeating: activeLow, count: inputs.count)
        self.strobe = strobe
        self.strobeActiveLow = activeLow
        self.bias = bias
        self.settleWindow = settleWindow
        self.consumer = consumer
    }

    /// The board's chip, inputs, polarity and bias; its strobe line only if `useStrobe`.
    public init(board: BoardProfile, useStrobe: Bool = false, settleWindow: Duration = .milliseconds(20)) {
        self.init(
            chip: board.gpio.chip, inputs: board.gpio.inputs.map { .offset($0) }, activeLow: board.gpio.activeLow,
            strobe: useStrobe ? board.gpio.strobe.map { .offset($0) } : nil, bias: board.gpio.bias,
            settleWindow: settleWindow)
    }

    /// The lines in request order: the eight inputs, then the strobe if any.
    public var allLines: [GPIOLineSelector] { inputs + (strobe.map { [$0] } ?? []) }

    /// The settler's view: window, active-low mask, strobe polarity.
    public var settlerConfiguration: ModeLineSettler.Configuration {
        var mask: UInt8 = 0
        for (index, low) in inputActiveLow.prefix(8).enumerated() where low { mask |= 1 << UInt8(index) }
        return ModeLineSettler.Configuration(
            settleWindow: settleWindow, activeLowMask: mask,
            strobe: strobe == nil ? nil : ModeLineSettler.Strobe(activeLow: strobeActiveLow))
    }

    /// Every problem with the configuration (empty when it is usable).
    public var problems: [ModeLinesConfigurationProblem] {
        var found: [ModeLinesConfigurationProblem] = []
        if inputs.count != 8 { found.append(.inputCount(inputs.count)) }
        if inputActiveLow.count != inputs.count { found.append(.activeLowCount(inputActiveLow.count)) }
        var seen = Set<GPIOLineSelector>()
        for line in allLines where !seen.insert(line).inserted { found.append(.duplicateLine(line)) }
        if chip == nil, let line = allLines.first(where: { if case .offset = $0 { true } else { false } }) {
            found.append(.offsetWithoutChip(line))
        }
        if chip?.isEmpty == true { found.append(.emptyChip) }
        for case .name(let name) in allLines where name.isEmpty { found.append(.emptyLineName) }
        if settleWindow <= .zero || settleWindow > .seconds(10) { found.append(.settleWindow(settleWindow)) }
        if consumer.isEmpty || consumer.utf8.count > 31 { found.append(.consumer(consumer)) }
        return found
    }

    /// Throws all ``problems`` at once, if there are any.
    public func validate() throws(ModeLinesConfigurationError) {
        let found = problems
        if !found.isEmpty { throw ModeLinesConfigurationError(problems: found) }
    }
}

/// One thing wrong with a ``ModeLinesConfiguration``.
public enum ModeLinesConfigurationProblem: Hashable, Sendable, CustomStringConvertible {
    /// Not exactly eight inputs.
    case inputCount(Int)
    /// The per-input active-low list does not match the inputs.
    case activeLowCount(Int)
    /// A line is used twice (two inputs, or an input and the strobe).
    case duplicateLine(GPIOLineSelector)
    /// A line is given by offset but no chip is configured.
    case offsetWithoutChip(GPIOLineSelector)
    /// The chip is an empty string.
    case emptyChip
    /// A line name is empty.
    case emptyLineName
    /// The settle window is not in (0, 10 s].
    case settleWindow(Duration)
    /// The consumer name is empty or longer than the kernel's 31 bytes.
    case consumer(String)

    public var description: String {
        switch self {
        case .inputCount(let n): return "exactly 8 mode inputs are needed, got \(n)"
        case .activeLowCount(let n): return "active-low is given for \(n) inputs, not for each of the inputs"
        case .duplicateLine(let line): return "\(line) is used more than once"
        case .offsetWithoutChip(let line): return "\(line) needs a chip (only lines by name can omit it)"
        case .emptyChip: return "the GPIO chip is empty"
        case .emptyLineName: return "a line name is empty"
        case .settleWindow(let d): return "settle window \(d) is not in (0, 10 s]"
        case .consumer(let c): return "consumer name \"\(c)\" must be 1 to 31 bytes"
        }
    }
}

/// A ``ModeLinesConfiguration`` that cannot be used, with every problem found.
public struct ModeLinesConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, in the order found.
    public var problems: [ModeLinesConfigurationProblem]

    /// Creates an error from the problems found.
    public init(problems: [ModeLinesConfigurationProblem]) { self.problems = problems }

    public var description: String {
        "invalid GPIO mode lines: " + problems.map(\.description).joined(separator: "; ")
    }
}
