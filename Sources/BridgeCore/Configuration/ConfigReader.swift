/// Reads a TOML tree key by key for the configuration, collecting every problem with its
/// position instead of stopping at the first (issue 5 item 1). Each getter returns `nil` when
/// the key is absent or wrong, and notes a problem when it is wrong (or absent and required).
struct ConfigReader {
    /// Problems so far.
    private(set) var problems: [ConfigurationProblem] = []

    /// Notes a problem.
    mutating func problem(_ position: TOMLPosition, _ key: String, _ message: String) {
        problems.append(ConfigurationProblem(at: position, key: key, message))
    }

    /// Notes every key of `table` that is not in `known` as unknown (with the nearest known
    /// key as a hint when one is close).
    mutating func checkKeys(_ table: TOMLTable, path: String, known: Set<String>) {
        for entry in table.entries where !known.contains(entry.key) {
            var message = "unknown key"
            if let hint = Self.nearest(entry.key, in: known) { message += " (did you mean \(hint)?)" }
            problem(entry.keyPosition, path + entry.key, message)
        }
    }

    /// A required or optional value of one type. `position` is the table's, for a missing key.
    mutating func value(
        _ table: TOMLTable, _ key: String, path: String, required: Bool, at position: TOMLPosition
    ) -> TOMLValue? {
        guard let value = table[key] else {
            if required { problem(position, path + key, "missing (required)") }
            return nil
        }
        return value
    }

    mutating func string(_ table: TOMLTable, _ key: String, path: String, required: Bool = false, at position: TOMLPosition)
        -> String?
    {
        guard let value = value(table, key, path: path, required: required, at: position) else { return nil }
        guard let text = value.string else {
            problem(value.position, path + key, "must be a string, not a \(value.typeName)")
            return nil
        }
        if text.isEmpty {
            problem(value.position, path + key, "must not be empty")
            return nil
        }
        return text
    }

    mutating func integer(
        _ table: TOMLTable, _ key: String, path: String, in range: ClosedRange<Int64>, required: Bool = false,
        at position: TOMLPosition
    ) -> Int? {
        guard let value = value(table, key, path: path, required: required, at: position) else { return nil }
        return integer(value, key: path + key, in: range)
    }

    mutating func integer(_ value: TOMLValue, key: String, in range: ClosedRange<Int64>) -> Int? {
        guard let number = value.integer else {
            problem(value.position, key, "must be an integer, not a \(value.typeName)")
            return nil
        }
        guard range.contains(number) else {
            problem(value.position, key, "\(number) is out of range \(range.lowerBound)…\(range.upperBound)")
            return nil
        }
        return Int(number)
    }

    /// A number (integer or float) within `range`.
    mutating func number(_ value: TOMLValue, key: String, in range: ClosedRange<Double>) -> Double? {
        let number: Double
        if let n = value.integer {
            number = Double(n)
        } else if let n = value.float {
            number = n
        } else {
            problem(value.position, key, "must be a number, not a \(value.typeName)")
            return nil
        }
        guard range.contains(number) else {
            problem(value.position, key, "\(number) is out of range \(range.lowerBound)…\(range.upperBound)")
            return nil
        }
        return number
    }

    mutating func bool(_ table: TOMLTable, _ key: String, path: String, at position: TOMLPosition) -> Bool? {
        guard let value = value(table, key, path: path, required: false, at: position) else { return nil }
        guard let flag = value.bool else {
            problem(value.position, path + key, "must be true or false, not a \(value.typeName)")
            return nil
        }
        return flag
    }

    /// A duration given in milliseconds (integer) within `range` milliseconds.
    mutating func milliseconds(
        _ table: TOMLTable, _ key: String, path: String, in range: ClosedRange<Int64>, at position: TOMLPosition
    ) -> Duration? {
        integer(table, key, path: path, in: range, at: position).map { .milliseconds($0) }
    }

    /// A duration given in seconds (integer or float) within `range` seconds.
    mutating func seconds(
        _ table: TOMLTable, _ key: String, path: String, in range: ClosedRange<Double>, at position: TOMLPosition
    ) -> Duration? {
        guard let value = table[key] else { return nil }
        return number(value, key: path + key, in: range).map { .milliseconds(Int64(($0 * 1000).rounded())) }
    }

    /// One of `choices` (a string).
    mutating func choice(
        _ table: TOMLTable, _ key: String, path: String, of choices: [String], at position: TOMLPosition
    ) -> String? {
        guard let text = string(table, key, path: path, at: position) else { return nil }
        guard choices.contains(text) else {
            let entryPosition = table[key]?.position ?? position
            problem(entryPosition, path + key, "\"\(text)\" is not one of \(choices.joined(separator: ", "))")
            return nil
        }
        return text
    }

    /// A table (inline or `[header]`).
    mutating func table(_ table: TOMLTable, _ key: String, path: String, at position: TOMLPosition) -> TOMLTable? {
        guard let value = table[key] else { return nil }
        guard let inner = value.table else {
            problem(value.position, path + key, "must be a table, not a \(value.typeName)")
            return nil
        }
        return inner
    }

    /// An array of strings.
    mutating func strings(_ table: TOMLTable, _ key: String, path: String, at position: TOMLPosition) -> [String]? {
        guard let value = table[key] else { return nil }
        guard let items = value.array else {
            problem(value.position, path + key, "must be an array of strings, not a \(value.typeName)")
            return nil
        }
        var out: [String] = []
        for item in items {
            guard let text = item.string else {
                problem(item.position, path + key, "must hold only strings, not a \(item.typeName)")
                return nil
            }
            out.append(text)
        }
        return out
    }

    /// The known key closest to `key` by edit distance, if it is within 2 edits.
    static func nearest(_ key: String, in known: Set<String>) -> String? {
        let best = known.map { (key: $0, distance: editDistance(Array(key), Array($0))) }
            .min { $0.distance != $1.distance ? $0.distance < $1.distance : $0.key < $1.key }
        guard let best, best.distance <= 2, best.distance < key.count else { return nil }
        return best.key
    }

    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, cb) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
