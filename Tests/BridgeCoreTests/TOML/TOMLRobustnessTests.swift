import BridgeCore
import Testing

/// Mutated documents never crash the parser: each gives a value or a ``TOMLError`` whose
/// position is inside the document, and parsing is deterministic.
@Suite struct TOMLRobustnessTests {
    /// Valid documents the mutations start from: every golden document that parses, and a
    /// configuration-like one.
    static let seeds: [String] = {
        let golden =
            TOMLStringTests.basic + TOMLStringTests.literal + TOMLStringTests.multilineBasic
            + TOMLStringTests.multilineLiteral + TOMLNumberTests.integers + TOMLNumberTests.floats
            + TOMLNumberTests.booleans + TOMLStructureTests.documents + TOMLStructureTests.comments
            + TOMLStructureTests.keys + TOMLStructureTests.arrays + TOMLStructureTests.inlineTables
            + TOMLTableTests.tables + TOMLTableTests.arraysOfTables
        let valid = golden.compactMap { c -> String? in
            if case .value = c.expected { return c.toml } else { return nil }
        }
        return valid + [TOMLPositionTests.document, BoardProfileTests.valid]
    }()

    /// Pieces of TOML syntax the mutations insert.
    static let tokens: [String] = [
        "[", "]", "{", "}", "=", ",", ".", "\"", "'", "\\", "#", "\n", "\r", "\r\n", "\t", " ", "0", "1", "9",
        "a", "e", "x", "_", "+", "-", ":", "é", "\u{0}", "\u{7F}", "\u{FEFF}", "\"\"\"", "'''", "[[", "]]",
        "inf", "nan", "1e5", "0x", "true", "\\u", "\\U0010FFFF", "1979-05-27", "a.b", "= 1\n", "[a]\n", "[[a]]\n",
        "{x = 1}", "[1, 2]",
    ]

    /// SplitMix64: a small deterministic generator, so a failure can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(next() % UInt64(bound)) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    static func mutate(_ text: String, _ random: inout Generator) -> String {
        var scalars = Array(text.unicodeScalars)
        for _ in 0...random.below(4) {
            let index = random.below(scalars.count + 1)
            switch random.below(7) {
            case 0 where !scalars.isEmpty:
                let end = min(scalars.count, index + 1 + random.below(3))
                if index < end { scalars.removeSubrange(index..<end) }
            case 1: scalars.insert(contentsOf: random.pick(tokens).unicodeScalars, at: index)
            case 2 where index < scalars.count:
                scalars.replaceSubrange(index...index, with: random.pick(tokens).unicodeScalars)
            case 3, 4:
                var lines = String(String.UnicodeScalarView(scalars)).split(separator: "\n", omittingEmptySubsequences: false)
                let line = random.below(lines.count)
                if random.below(2) == 0 {
                    lines.insert(lines[line], at: random.below(lines.count + 1))
                } else {
                    lines.swapAt(line, random.below(lines.count))
                }
                scalars = Array(lines.joined(separator: "\n").unicodeScalars)
            case 5: scalars.removeSubrange(index...)
            default:
                let other = random.pick(seeds).split(separator: "\n", omittingEmptySubsequences: false)
                scalars.insert(contentsOf: (random.pick(other) + "\n").unicodeScalars, at: index)
            }
        }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Whether `position` is a place in `text`: an existing line, at most one column past its end.
    static func isInside(_ position: TOMLPosition, _ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        let lines = scalars.split(separator: "\n", omittingEmptySubsequences: false)
        guard position.line >= 1, position.line <= lines.count, position.column >= 1 else { return false }
        return position.column <= lines[position.line - 1].count + 1
    }

    static func allPositions(_ value: TOMLValue) -> [TOMLPosition] {
        switch value.kind {
        case .array(let elements): return [value.position] + elements.flatMap(allPositions)
        case .table(let table):
            return [value.position] + table.entries.flatMap { [$0.keyPosition] + allPositions($0.value) }
        default: return [value.position]
        }
    }

    @Test func seedsAreValid() throws {
        #expect(Self.seeds.count > 80)
        for seed in Self.seeds { _ = try TOMLTable(parsing: seed) }
    }

    @Test(arguments: 0..<8) func mutatedDocumentsGiveAValueOrAPositionedError(batch: Int) {
        var random = Generator(state: 0x70D1 &+ UInt64(batch) &* 1_000_003)
        var accepted = 0
        var rejected = 0
        for _ in 0..<2_600 {
            var text = random.pick(Self.seeds)
            for _ in 0...random.below(3) { text = Self.mutate(text, &random) }
            do {
                let table = try TOMLTable(parsing: text)
                accepted += 1
                let outside = Self.allPositions(TOMLValue(.table(table), at: TOMLPosition(line: 1, column: 1)))
                    .filter { !Self.isInside($0, text) }
                #expect(outside.isEmpty, "value positions outside \(text.debugDescription): \(outside)")
                #expect(render(table) == render(try TOMLTable(parsing: text)))
            } catch {
                rejected += 1
                #expect(Self.isInside(error.position, text), "\(error) is outside \(text.debugDescription)")
                #expect(!error.message.isEmpty && !error.message.contains("\n"))
                #expect(throws: error) { try TOMLTable(parsing: text) }
            }
        }
        // The mutations reach both outcomes, not just one.
        #expect(accepted > 100 && rejected > 1_000, "accepted \(accepted), rejected \(rejected)")
    }
}
