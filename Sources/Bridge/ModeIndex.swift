/// The position of each configured mode in the dispatcher's resolved list, by mode number:
/// the one lookup a mode frame makes before its packets leave (BENCHMARKS.md items 10 and 11).
///
/// Up to ``denseLimit`` it is a direct table (one load, no loop: a mode table of a few hundred
/// modes costs a few hundred bytes); beyond it, modes are found by a binary search of the
/// sorted numbers. A dictionary would run the hasher's code, on pages of its own.
struct ModeIndex {
    /// The highest mode number kept in a direct table (8 KiB of slots at most).
    static let denseLimit = 4096

    /// Position + 1 by mode number (0: not configured), when every mode is ≤ ``denseLimit``.
    private var slots: [UInt16] = []
    /// Otherwise the modes, sorted, and their positions.
    private var sorted: [(mode: UInt16, position: Int)] = []

    /// An empty index.
    init() {}

    /// The index of `modes` (distinct; the first of a repeated number wins): mode `modes[i]`
    /// is at position `i`.
    init(_ modes: [UInt16]) {
        let highest = Int(modes.max() ?? 0)
        if highest <= Self.denseLimit, modes.count < Int(UInt16.max) {
            slots = [UInt16](repeating: 0, count: highest + 1)
            for (position, mode) in modes.enumerated().reversed() { slots[Int(mode)] = UInt16(position + 1) }
        } else {
            var seen = Set<UInt16>()
            sorted = modes.enumerated().filter { seen.insert($0.element).inserted }.map { ($0.element, $0.offset) }
            sorted.sort { $0.mode < $1.mode }
        }
    }

    /// Whether the index is a direct table.
    var isDirect: Bool { !slots.isEmpty }

    /// The position of `mode`, if configured.
    subscript(mode: UInt16) -> Int? {
        if !slots.isEmpty {
            let index = Int(mode)
            guard index < slots.count else { return nil }
            let slot = Int(slots[index])
            return slot == 0 ? nil : slot - 1
        }
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle].mode < mode { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low].mode == mode ? sorted[low].position : nil
    }
}
