import LightProtocols

extension BridgeConfiguration {
    /// Parses and checks a configuration. Collects **every** problem — syntax, unknown keys,
    /// bad values, unknown lights, actions a light's protocol cannot carry out — each with its
    /// line, and throws them all sorted by position (issue 5 item 1). `source` names the text.
    public init(toml text: String, source: String = "<config>") throws(ConfigurationError) {
        let root: TOMLTable
        do {
            root = try TOMLTable(parsing: text)
        } catch {
            throw .invalid(source: source, problems: [ConfigurationProblem(at: error.position, key: "", error.message)])
        }
        var reader = ConfigReader()
        let configuration = reader.configuration(root)
        guard reader.problems.isEmpty else {
            throw .invalid(source: source, problems: reader.problems.sorted { $0.position < $1.position })
        }
        self = configuration
    }
}

extension ConfigReader {
    static let origin = TOMLPosition(line: 1, column: 1)

    mutating func configuration(_ root: TOMLTable) -> BridgeConfiguration {
        checkKeys(root, path: "", known: ["bridge", "lights", "inputs", "modes"])
        var configuration = BridgeConfiguration()
        if let bridge = table(root, "bridge", path: "", at: Self.origin) {
            configuration.bridge = bridgeSettings(bridge, at: root["bridge"]?.position ?? Self.origin)
        }
        if let lights = table(root, "lights", path: "", at: Self.origin) {
            configuration.lights = lights.entries.compactMap { light($0) }
        }
        if let inputs = table(root, "inputs", path: "", at: Self.origin) {
            configuration.inputs = inputs.entries.compactMap { input($0, lights: configuration.lights) }
        }
        if let modes = table(root, "modes", path: "", at: Self.origin) {
            for entry in modes.entries {
                guard let mode = mode(entry, lights: configuration.lights) else { continue }
                configuration.modes[mode.number] = mode
            }
        }
        checkRecallModes(configuration)
        return configuration
    }

    private mutating func bridgeSettings(_ table: TOMLTable, at position: TOMLPosition) -> BridgeSettings {
        let path = "bridge."
        checkKeys(
            table, path: path, known: ["state_directory", "boards_directory", "log_level", "restore_last_mode", "queue_depth"])
        var settings = BridgeSettings()
        if let directory = absolutePath(table, "state_directory", path: path) { settings.stateDirectory = directory }
        if let directory = absolutePath(table, "boards_directory", path: path) { settings.boardsDirectory = directory }
        if let level = choice(table, "log_level", path: path, of: ["debug", "info", "notice", "warning", "error"], at: position) {
            settings.logLevel = level
        }
        if let restore = bool(table, "restore_last_mode", path: path, at: position) { settings.restoreLastMode = restore }
        if let depth = integer(table, "queue_depth", path: path, in: 1...1000, at: position) { settings.queueDepth = depth }
        return settings
    }

    private mutating func absolutePath(_ table: TOMLTable, _ key: String, path: String) -> String? {
        guard let text = string(table, key, path: path, at: Self.origin) else { return nil }
        guard text.hasPrefix("/") else {
            problem(table[key]?.position ?? Self.origin, path + key, "\"\(text)\" is not an absolute path")
            return nil
        }
        return text
    }

    /// Whether `name` is usable as a light or input name: letters, digits, `-` and `_`.
    mutating func checkName(_ entry: TOMLTable.Entry, path: String) -> Bool {
        let allowed = entry.key.utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F
        }
        if !allowed || entry.key.isEmpty {
            problem(entry.keyPosition, path + entry.key, "a name may hold only letters, digits, '-' and '_'")
        }
        return allowed && !entry.key.isEmpty
    }

    private mutating func light(_ entry: TOMLTable.Entry) -> LightConfiguration? {
        let path = "lights.\(entry.key)."
        guard checkName(entry, path: "lights.") else { return nil }
        guard let table = entry.value.table else {
            problem(entry.value.position, "lights." + entry.key, "must be a table, not a \(entry.value.typeName)")
            return nil
        }
        let position = entry.value.position
        guard
            let name = choice(table, "protocol", path: path, of: LightKind.allCases.map(\.rawValue), at: position),
            let kind = LightKind(rawValue: name)
        else {
            if table["protocol"] == nil { problem(position, path + "protocol", "missing (required)") }
            return nil
        }
        _ = string(table, "description", path: path, at: position)
        let options = options(
            table, path: path, at: position, schema: LightSchemas.schema(for: kind), extraKeys: ["protocol", "description"])
        let light = LightConfiguration(name: entry.key, kind: kind, options: options, position: position)
        let transport = LightSchemas.transport(of: light)
        for key in LightSchemas.requiredKeys(kind: kind, transport: transport) where table[key] == nil {
            problem(position, path + key, "missing (required with transport \(transport))")
        }
        return light
    }

    private mutating func input(_ entry: TOMLTable.Entry, lights: [LightConfiguration]) -> InputConfiguration? {
        let path = "inputs.\(entry.key)."
        guard checkName(entry, path: "inputs.") else { return nil }
        guard let table = entry.value.table else {
            problem(entry.value.position, "inputs." + entry.key, "must be a table, not a \(entry.value.typeName)")
            return nil
        }
        let position = entry.value.position
        guard
            let name = choice(
                table, "type", path: path, of: InputConfiguration.Kind.allCases.map(\.rawValue), at: position),
            let kind = InputConfiguration.Kind(rawValue: name)
        else {
            if table["type"] == nil { problem(position, path + "type", "missing (required)") }
            return nil
        }
        _ = string(table, "description", path: path, at: position)
        let options = options(
            table, path: path, at: position, schema: InputSchemas.schema(for: kind),
            extraKeys: InputSchemas.extraKeys(for: kind).union(["type", "description"]))
        var input = InputConfiguration(name: entry.key, kind: kind, options: options, position: position)
        switch kind {
        case .serial:
            if table["device"] == nil && table["usb"] == nil {
                problem(position, path + "device", "a serial input needs device (a path or by-id glob) or usb (VID:PID)")
            }
            input.frameFormat = frameFormat(table, path: path, options: options)
        case .gpio:
            checkGPIO(table, path: path, options: options, at: position)
        case .tcp:
            for rule in options.texts("allow") ?? [] where IPv4Network(rule) == nil {
                problem(table["allow"]?.position ?? position, path + "allow", "\"\(rule)\" is not an IPv4 address or a.b.c.d/n")
            }
        case .heliospectraMaster:
            checkLights(
                options.texts("lights") ?? [], kind: .heliospectra, key: path + "lights", at: table["lights"]?.position, lights)
        case .helvarRecalls:
            if let light = options.text("light") {
                checkLights([light], kind: .helvar, key: path + "light", at: table["light"]?.position, lights)
            }
            input.recallModes = recallModes(table["recalls"], key: path + "recalls", at: position)
        case .usb:
            break
        }
        return input
    }

    private mutating func checkLights(
        _ names: [String], kind: LightKind, key: String, at position: TOMLPosition?, _ lights: [LightConfiguration]
    ) {
        for name in names {
            guard let light = lights.first(where: { $0.name == name }) else {
                problem(position ?? Self.origin, key, "unknown light \"\(name)\"")
                continue
            }
            if light.kind != kind {
                problem(position ?? Self.origin, key, "light \"\(name)\" speaks \(light.kind), not \(kind)")
            }
        }
    }

    private mutating func checkGPIO(_ table: TOMLTable, path: String, options: Options, at position: TOMLPosition) {
        let hasBoard = options.text("board") != nil
        let hasLines = table["chip"] != nil || table["lines"] != nil
        if hasBoard == hasLines {
            problem(position, path + "board", "a gpio input needs either board or chip and lines (not both)")
        }
        if hasLines && (table["chip"] == nil || table["lines"] == nil) {
            problem(position, path + (table["chip"] == nil ? "chip" : "lines"), "missing (required with lines or chip)")
        }
        if let lines = options.integers("lines") {
            if lines.count != 8 {
                problem(table["lines"]?.position ?? position, path + "lines", "needs exactly 8 line offsets, has \(lines.count)")
            }
            if Set(lines).count != lines.count {
                problem(table["lines"]?.position ?? position, path + "lines", "an offset is used more than once")
            }
            if let strobe = options.integer("strobe"), lines.contains(strobe) {
                problem(table["strobe"]?.position ?? position, path + "strobe", "offset \(strobe) is also a mode line")
            }
        }
    }

    private mutating func frameFormat(_ table: TOMLTable, path: String, options: Options) -> SmartLightFrameFormat? {
        var codes = SmartLightCodeTable.standard
        if let codesTable = self.table(table, "codes", path: path, at: Self.origin) {
            let codesPath = path + "codes."
            let fields: [(String, WritableKeyPath<SmartLightCodeTable, String>)] = [
                ("commands", \.commands), ("colours", \.colours), ("segment_types", \.segmentTypes),
                ("speeds", \.speeds), ("buzzers", \.buzzers), ("level_types", \.levelTypes),
            ]
            checkKeys(codesTable, path: codesPath, known: Set(fields.map(\.0)))
            for (key, field) in fields {
                if let text = string(codesTable, key, path: codesPath, at: Self.origin) { codes[keyPath: field] = text }
            }
        }
        let delimiter = options.text("delimiter")?.utf8.first ?? SmartLightFrameFormat.defaultDelimiter
        do {
            return try SmartLightFrameFormat(delimiter: delimiter, codes: codes)
        } catch {
            problem(table["codes"]?.position ?? table["delimiter"]?.position ?? Self.origin, path + "codes", "\(error)")
            return nil
        }
    }

    private mutating func recallModes(_ value: TOMLValue?, key: String, at position: TOMLPosition) -> [HelvarRecallMode] {
        guard let value else {
            problem(position, key, "missing (required): [{ group = G, block = B, scene = S, mode = M }, …]")
            return []
        }
        guard let items = value.array else {
            problem(value.position, key, "must be an array of tables, not a \(value.typeName)")
            return []
        }
        var out: [HelvarRecallMode] = []
        for item in items {
            guard let table = item.table else {
                problem(item.position, key, "must hold tables { group, block, scene, mode }, not a \(item.typeName)")
                continue
            }
            checkKeys(table, path: key + ".", known: ["group", "block", "scene", "mode"])
            let group = integer(table, "group", path: key + ".", in: 1...16383, required: true, at: item.position)
            let block = integer(table, "block", path: key + ".", in: 1...8, at: item.position) ?? 1
            let scene = integer(table, "scene", path: key + ".", in: 1...16, required: true, at: item.position)
            let mode = integer(table, "mode", path: key + ".", in: 0...65535, required: true, at: item.position)
            if let group, let scene, let mode {
                out.append(HelvarRecallMode(group: group, block: block, scene: scene, mode: mode))
            }
        }
        return out
    }

    private mutating func checkRecallModes(_ configuration: BridgeConfiguration) {
        for input in configuration.inputs {
            for recall in input.recallModes where configuration.modes[recall.mode] == nil {
                problem(
                    input.position, "inputs.\(input.name).recalls",
                    "mode \(recall.mode) (group \(recall.group) scene \(recall.block).\(recall.scene)) is not in [modes]")
            }
        }
    }
}
