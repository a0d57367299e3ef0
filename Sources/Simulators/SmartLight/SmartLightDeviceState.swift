import LightProtocols

/// What a simulated Smart Light shows (PROTOCOLS.md §1.1): the last display command applied.
public enum SmartLightDisplay: Sendable, Hashable, CustomStringConvertible {
    /// All off (mode 0, `C`, or never set).
    case cleared
    /// Recipe mode `n` (never 0).
    case mode(UInt16)
    /// Segment mode, direct.
    case segment(SmartLightSegmentMode)
    /// Level mode, direct.
    case level(SmartLightLevelMode)
    /// Run-light mode, direct.
    case runLight(SmartLightRunLight)

    public var description: String {
        switch self {
        case .cleared: return "cleared"
        case .mode(let n): return "mode \(n)"
        case .segment(let s):
            let segments = s.segments.map { "\($0.colour.rawValue)/\($0.type.rawValue)" }.joined(separator: " ")
            return "segments [\(segments)] blink \(s.blinkFrequency.rawValue) buzzer \(s.buzzer.rawValue)"
        case .level(let l):
            return "level \(l.lightCount) \(l.colour.rawValue) \(l.levelType.rawValue) buzzer \(l.buzzer.rawValue)"
        case .runLight(let r):
            return
                "run light \(r.segmentCount) \(r.runColour.rawValue) on \(r.backColour.rawValue) speed \(r.speed.rawValue) buzzer \(r.buzzer.rawValue)"
        }
    }
}

/// The state of a simulated Smart Light (issue 4 item 6; PROTOCOLS.md §1.1, §1.4): what it
/// shows, its temporary user colour, and which recipe modes it has.
public struct SmartLightDeviceState: Sendable, Hashable {
    /// What the light shows.
    public var display: SmartLightDisplay = .cleared
    /// The temporary user colour, until the next clear (`nil`: none set).
    public var userColour: SmartLightRGB?
    /// Recipe modes the light has besides 0 (clear, always accepted).
    public var configuredModes: [ClosedRange<UInt16>]

    /// Creates a cleared light with the given recipe modes.
    public init(configuredModes: [ClosedRange<UInt16>]) {
        self.configuredModes = configuredModes
    }

    /// The current recipe mode: 0 when cleared, `nil` while a direct-set display shows.
    public var mode: UInt16? {
        switch display {
        case .cleared: return 0
        case .mode(let n): return n
        case .segment, .level, .runLight: return nil
        }
    }

    /// Whether mode `n` is in the recipe (0 always is).
    public func isConfigured(_ n: UInt16) -> Bool {
        n == 0 || configuredModes.contains { $0.contains(n) }
    }

    /// Applies `command`; returns the refusal when the light does not take it (the state is then
    /// unchanged). Mode 0 and `clear` turn everything off, the user colour included.
    public mutating func apply(_ command: SmartLightCommand) -> SmartLightRefusal? {
        switch command {
        case .modeSet(0), .clear:
            display = .cleared
            userColour = nil
        case .modeSet(let n):
            guard isConfigured(n) else { return .modeNotConfigured }
            display = .mode(n)
        case .segment(let s): display = .segment(s)
        case .level(let l): display = .level(l)
        case .runLight(let r): display = .runLight(r)
        case .userColour(let c): userColour = c
        }
        return nil
    }

    /// The state in one line, for the log.
    public var summary: String {
        let colour = userColour.map { " user colour \($0.red),\($0.green),\($0.blue)" } ?? ""
        return "\(display)\(colour)"
    }
}
