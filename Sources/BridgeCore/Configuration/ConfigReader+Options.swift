import LightProtocols

extension ConfigReader {
    /// Reads `table` against `schema`: unknown keys (except `extraKeys`, read elsewhere),
    /// missing required keys and wrong values are problems; every good value is returned.
    mutating func options(
        _ table: TOMLTable, path: String, at position: TOMLPosition, schema: [OptionSpec], extraKeys: Set<String> = []
    ) -> Options {
        checkKeys(table, path: path, known: Set(schema.map(\.key)).union(extraKeys))
        var options = Options()
        for spec in schema {
            guard let value = table[spec.key] else {
                if spec.required { problem(position, path + spec.key, "missing (required)") }
                continue
            }
            if let read = option(value, key: path + spec.key, kind: spec.kind) { options.values[spec.key] = read }
        }
        return options
    }

    /// One value of one kind, or `nil` with a problem noted.
    mutating func option(_ value: TOMLValue, key: String, kind: OptionKind) -> OptionValue? {
        switch kind {
        case .text, .host, .multicastGroup, .path, .usbID, .character, .choice:
            return text(value, key: key, kind: kind).map { .text($0) }
        case .port:
            return integer(value, key: key, in: 0...65535).map { .integer($0) }
        case .integer(let range):
            return integer(value, key: key, in: range).map { .integer($0) }
        case .milliseconds(let range):
            return integer(value, key: key, in: range).map { .duration(.milliseconds($0)) }
        case .seconds(let range):
            return number(value, key: key, in: range).map { .duration(.milliseconds(Int64(($0 * 1000).rounded()))) }
        case .flag:
            guard let flag = value.bool else {
                problem(value.position, key, "must be true or false, not a \(value.typeName)")
                return nil
            }
            return .flag(flag)
        case .texts:
            guard let items = value.array, items.allSatisfy({ $0.string != nil }) else {
                problem(value.position, key, "must be an array of strings")
                return nil
            }
            return .texts(items.compactMap(\.string))
        case .integers(let range):
            guard let items = value.array else {
                problem(value.position, key, "must be an array of integers, not a \(value.typeName)")
                return nil
            }
            var numbers: [Int] = []
            for item in items {
                guard let n = integer(item, key: key, in: range) else { return nil }
                numbers.append(n)
            }
            return .integers(numbers)
        }
    }

    private mutating func text(_ value: TOMLValue, key: String, kind: OptionKind) -> String? {
        guard let text = value.string else {
            problem(value.position, key, "must be a string, not a \(value.typeName)")
            return nil
        }
        if let why = Self.textProblem(text, kind: kind) {
            problem(value.position, key, why)
            return nil
        }
        return text
    }

    /// What is wrong with `text` as a value of `kind`, if anything.
    static func textProblem(_ text: String, kind: OptionKind) -> String? {
        if text.isEmpty { return "must not be empty" }
        switch kind {
        case .host:
            if text.contains(where: { $0 == " " || $0 == "/" || $0 == ":" }) {
                return "\"\(text)\" is not a host name or IPv4 address"
            }
        case .multicastGroup:
            guard let address = IPv4Address(text), address.isMulticast else {
                return "\"\(text)\" is not an IPv4 multicast group (224.0.0.0–239.255.255.255)"
            }
        case .path:
            if !text.hasPrefix("/") { return "\"\(text)\" is not an absolute path" }
        case .usbID:
            if (try? USBID(parsing: text)) == nil { return "\"\(text)\" is not a USB VID:PID such as 0403:6001" }
        case .character:
            guard text.utf8.count == 1, let byte = text.utf8.first, (0x21...0x7E).contains(byte) else {
                return "\"\(text)\" must be one printable ASCII character"
            }
        case .choice(let choices):
            if !choices.contains(text) { return "\"\(text)\" is not one of \(choices.joined(separator: ", "))" }
        default:
            break
        }
        return nil
    }
}
