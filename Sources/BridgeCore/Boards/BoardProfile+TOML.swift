extension BoardProfile {
    /// Parses and validates a profile from TOML text. Collects **every** problem (unknown
    /// keys, missing keys, wrong types, counts, duplicate offsets, a strobe among the inputs …)
    /// before throwing, so one run shows all that is wrong. `source` names the text in errors.
    public init(toml text: String, source: String = "<profile>") throws(BoardProfileError) {
        let root: TOMLTable
        do {
            root = try TOMLTable(parsing: text)
        } catch {
            throw .syntax(
                source: source, message: error.message, line: error.position.line, column: error.position.column)
        }
        var reader = ProfileReader()
        guard let profile = reader.profile(root), reader.problems.isEmpty else {
            throw .invalid(source: source, problems: reader.problems)
        }
        self = profile
    }

    /// Every semantic problem of an already-built profile (the same checks the TOML parser runs
    /// on whatever keys it could read).
    public var problems: [BoardProfileProblem] {
        Self.nameProblems(name) + Self.emptyProblems(description, key: "description")
            + Self.emptyProblems(gpio.chip, key: "gpio.chip") + Self.inputProblems(gpio.inputs, strobe: gpio.strobe)
            + Self.headerPinProblems(gpio.inputHeaderPins) + Self.serialProblems(serial.devices)
    }

    static func nameProblems(_ name: String) -> [BoardProfileProblem] {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        if name.isEmpty { return [.emptyValue("name")] }
        return name.allSatisfy(allowed.contains) && !name.hasPrefix("-") ? [] : [.invalidName(name)]
    }

    static func emptyProblems(_ value: String, key: String) -> [BoardProfileProblem] {
        value.isEmpty ? [.emptyValue(key)] : []
    }

    static func inputProblems(_ inputs: [UInt32], strobe: UInt32?) -> [BoardProfileProblem] {
        var found: [BoardProfileProblem] = []
        if inputs.count != 8 { found.append(.wrongCount(key: "gpio.inputs", expected: 8, found: inputs.count)) }
        var seen = Set<UInt32>()
        var reported = Set<UInt32>()
        for offset in inputs where !seen.insert(offset).inserted && reported.insert(offset).inserted {
            found.append(.duplicateOffset(offset))
        }
        if let strobe, seen.contains(strobe) { found.append(.strobeAmongInputs(strobe)) }
        return found
    }

    static func headerPinProblems(_ pins: [String]) -> [BoardProfileProblem] {
        pins.isEmpty || pins.count == 8 ? [] : [.wrongCount(key: "gpio.input_header_pins", expected: 8, found: pins.count)]
    }

    static func serialProblems(_ devices: [String]) -> [BoardProfileProblem] {
        devices.filter { !$0.hasPrefix("/dev/") || $0.count <= 5 }.map { .invalidSerialDevice($0) }
    }
}

/// Reads the TOML tree key by key, noting problems instead of stopping at the first.
private struct ProfileReader {
    var problems: [BoardProfileProblem] = []

    mutating func profile(_ root: TOMLTable) -> BoardProfile? {
        checkKeys(root, path: "", known: ["name", "description", "gpio", "serial"])
        let name = string(root, "name")
        let description = string(root, "description")
        if let name { problems += BoardProfile.nameProblems(name) }
        if let description { problems += BoardProfile.emptyProblems(description, key: "description") }
        let gpio = table(root, "gpio").flatMap { self.gpio($0) }
        let serial = table(root, "serial").flatMap { self.serial($0) }
        guard let name, let description, let gpio, let serial else { return nil }
        return BoardProfile(name: name, description: description, gpio: gpio, serial: serial)
    }

    private mutating func gpio(_ table: TOMLTable) -> BoardProfile.GPIO? {
        checkKeys(
            table, path: "gpio.",
            known: ["chip", "inputs", "strobe", "active_low", "bias", "input_header_pins", "strobe_header_pin"])
        let chip = string(table, "chip", path: "gpio.")
        if let chip { problems += BoardProfile.emptyProblems(chip, key: "gpio.chip") }
        let inputs = offsets(table, "inputs", path: "gpio.")
        // Optional keys: `.some(nil)` = absent, `nil` = present but invalid.
        let strobe: UInt32?? = table["strobe"] == nil ? .some(nil) : offset(table["strobe"], key: "gpio.strobe").map { $0 }
        if let inputs { problems += BoardProfile.inputProblems(inputs, strobe: strobe ?? nil) }
        let activeLow = bool(table, "active_low", path: "gpio.")
        var bias: GPIOBias?
        if let text = string(table, "bias", path: "gpio.") {
            bias = GPIOBias(rawValue: text)
            if bias == nil { problems.append(.unknownBias(text)) }
        }
        let headerPins = table["input_header_pins"] == nil ? [] : strings(table, "input_header_pins", path: "gpio.")
        if let headerPins { problems += BoardProfile.headerPinProblems(headerPins) }
        let strobePin: String?? =
            table["strobe_header_pin"] == nil ? .some(nil) : string(table, "strobe_header_pin", path: "gpio.").map { $0 }
        guard let chip, let inputs, let strobe, let activeLow, let bias, let headerPins, let strobePin else { return nil }
        return BoardProfile.GPIO(
            chip: chip, inputs: inputs, strobe: strobe, activeLow: activeLow, bias: bias, inputHeaderPins: headerPins,
            strobeHeaderPin: strobePin)
    }

    private mutating func serial(_ table: TOMLTable) -> BoardProfile.Serial? {
        checkKeys(table, path: "serial.", known: ["devices"])
        let devices = strings(table, "devices", path: "serial.")
        if let devices { problems += BoardProfile.serialProblems(devices) }
        return devices.map { BoardProfile.Serial(devices: $0) }
    }

    // MARK: typed access

    private mutating func checkKeys(_ table: TOMLTable, path: String, known: Set<String>) {
        for key in table.keys.sorted() where !known.contains(key) { problems.append(.unknownKey(path + key)) }
    }

    private mutating func value(_ table: TOMLTable, _ key: String, path: String) -> TOMLValue? {
        guard let value = table[key] else {
            problems.append(.missingKey(path + key))
            return nil
        }
        return value
    }

    private mutating func wrongType(_ key: String, _ expected: String, _ value: TOMLValue) {
        problems.append(.wrongType(key: key, expected: expected, found: value.typeName))
    }

    private mutating func table(_ root: TOMLTable, _ key: String) -> TOMLTable? {
        guard let value = value(root, key, path: "") else { return nil }
        guard let table = value.table else {
            wrongType(key, "a table", value)
            return nil
        }
        return table
    }

    private mutating func string(_ table: TOMLTable, _ key: String, path: String = "") -> String? {
        guard let value = value(table, key, path: path) else { return nil }
        guard let text = value.string else {
            wrongType(path + key, "a string", value)
            return nil
        }
        return text
    }

    private mutating func bool(_ table: TOMLTable, _ key: String, path: String) -> Bool? {
        guard let value = value(table, key, path: path) else { return nil }
        guard let flag = value.bool else {
            wrongType(path + key, "a boolean", value)
            return nil
        }
        return flag
    }

    private mutating func array(_ table: TOMLTable, _ key: String, path: String) -> [TOMLValue]? {
        guard let value = value(table, key, path: path) else { return nil }
        guard let array = value.array else {
            wrongType(path + key, "an array", value)
            return nil
        }
        return array
    }

    private mutating func strings(_ table: TOMLTable, _ key: String, path: String) -> [String]? {
        guard let array = array(table, key, path: path) else { return nil }
        var result: [String] = []
        for (index, element) in array.enumerated() {
            guard let text = element.string else {
                wrongType("\(path)\(key)[\(index)]", "a string", element)
                return nil
            }
            result.append(text)
        }
        return result
    }

    private mutating func offset(_ value: TOMLValue?, key: String) -> UInt32? {
        guard let value else { return nil }
        guard let number = value.integer else {
            wrongType(key, "an integer line offset", value)
            return nil
        }
        guard let offset = UInt32(exactly: number) else {
            problems.append(.offsetOutOfRange(key: key, value: Int(clamping: number)))
            return nil
        }
        return offset
    }

    private mutating func offsets(_ table: TOMLTable, _ key: String, path: String) -> [UInt32]? {
        guard let array = array(table, key, path: path) else { return nil }
        var result: [UInt32] = []
        var failed = false
        for (index, element) in array.enumerated() {
            if let offset = offset(element, key: "\(path)\(key)[\(index)]") { result.append(offset) } else { failed = true }
        }
        return failed ? nil : result
    }
}
