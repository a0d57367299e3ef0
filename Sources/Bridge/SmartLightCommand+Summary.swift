import LightProtocols

extension SmartLightCommand {
    /// A short text for log lines: `mode 5`, `clear`, `segment (2 segments)` …
    var summary: String {
        switch self {
        case .modeSet(let mode): return "mode \(mode)"
        case .clear: return "clear"
        case .segment(let s): return "segment (\(s.segments.count) segments)"
        case .level(let l): return "level (\(l.lightCount) lights \(l.colour.rawValue))"
        case .runLight(let r): return "run light (\(r.runColour.rawValue) on \(r.backColour.rawValue))"
        case .userColour(let c): return "user colour \(c.red),\(c.green),\(c.blue)"
        }
    }
}
