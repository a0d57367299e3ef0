/// Converts between intensity percentages and counts (PROTOCOLS.md §4: intensity is
/// 0…`MAXINT`, 4095 in the seed and 1000 on newer engines, so always read `MAXINT` first).
public enum LumencorIntensity {
    /// The counts for `percent` (0…100) of `maxIntensity`, rounded to the nearest count.
    public static func counts(percent: Double, maxIntensity: Int) throws(LumencorError) -> Int {
        try checkMax(maxIntensity)
        guard percent.isFinite, percent >= 0, percent <= 100 else { throw .invalidPercentage(percent) }
        let value = Int((percent * Double(maxIntensity) / 100).rounded())
        return min(max(value, 0), maxIntensity)
    }

    /// The percentage (0…100) that `counts` is of `maxIntensity`.
    public static func percent(counts: Int, maxIntensity: Int) throws(LumencorError) -> Double {
        try checkMax(maxIntensity)
        guard (0...maxIntensity).contains(counts) else {
            throw .valueOutOfRange(command: "CHINT", field: "intensity", value: counts, range: 0...maxIntensity)
        }
        return Double(counts) * 100 / Double(maxIntensity)
    }

    private static func checkMax(_ maxIntensity: Int) throws(LumencorError) {
        guard LumencorFormat.maxIntensityRange.contains(maxIntensity) else {
            throw .valueOutOfRange(
                command: "MAXINT", field: "maximum intensity", value: maxIntensity, range: LumencorFormat.maxIntensityRange)
        }
    }
}
