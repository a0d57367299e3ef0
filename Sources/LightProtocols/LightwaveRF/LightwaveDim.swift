/// Percent ↔ Link dim level conversion (PROTOCOLS.md §3: `ceil(p × 32 / 100)`, 0 % → `F0`).
///
/// A level covers a band of percentages; ``percent(level:)`` answers the top of the band (the
/// largest percentage that maps to that level, `floor(level × 100 / 32)`), so percent → level →
/// percent → level always lands on the same level and a percentage read back from a level
/// converts to itself: e.g. 50 % → 16 → 50 %, 1 % → 1 → 3 %, 3 % → 1 → 3 %.
public enum LightwaveDim {
    /// Full brightness.
    public static let fullLevel: UInt8 = 32

    /// The dim level 0–32 for `percent` (clamped to 0–100): `ceil(percent × 32 / 100)`.
    /// 0 % gives 0, which ``function(percent:)`` sends as off.
    public static func level(percent: Int) -> UInt8 {
        let p = min(max(percent, 0), 100)
        return UInt8((p * 32 + 99) / 100)
    }

    /// The percentage a dim level 0–32 (clamped) stands for: `floor(level × 100 / 32)`.
    public static func percent(level: UInt8) -> Int {
        Int(min(level, fullLevel)) * 100 / 32
    }

    /// The device function that sets `percent` (clamped to 0–100): off for 0 %, otherwise a dim.
    public static func function(percent: Int) -> LightwaveDeviceFunction {
        let level = level(percent: percent)
        return level == 0 ? .off : .dim(level: level)
    }

    /// The percentage a device function leaves a light at: 100 for on, 0 for off, the
    /// level's percentage for a dim; `nil` for functions that do not set a brightness.
    public static func percent(of function: LightwaveDeviceFunction) -> Int? {
        switch function {
        case .on: return 100
        case .off: return 0
        case .dim(let level): return percent(level: level)
        default: return nil
        }
    }
}
