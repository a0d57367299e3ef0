import LightProtocols

extension ConfigReader {
    /// `[modes.N]`: a name and, per light, one action table or an array of them.
    mutating func mode(_ entry: TOMLTable.Entry, lights: [LightConfiguration]) -> ModeDefinition? {
        let path = "modes.\(entry.key)."
        guard entry.key.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let number = Int(entry.key), (0...65535).contains(number)
        else {
            problem(entry.keyPosition, "modes." + entry.key, "a mode is a number 0…65535")
            return nil
        }
        guard let table = entry.value.table else {
            problem(entry.value.position, "modes." + entry.key, "must be a table, not a \(entry.value.typeName)")
            return nil
        }
        let name = string(table, "name", path: path, at: entry.value.position)
        var actions: [LightActions] = []
        for item in table.entries where item.key != "name" {
            guard let light = lights.first(where: { $0.name == item.key }) else {
                var message = "unknown light \"\(item.key)\""
                if let hint = Self.nearest(item.key, in: Set(lights.map(\.name))) { message += " (did you mean \(hint)?)" }
                problem(item.keyPosition, path + item.key, message)
                continue
            }
            let tables: [TOMLValue] = item.value.array ?? [item.value]
            var list: [LightAction] = []
            for value in tables {
                guard let actionTable = value.table else {
                    problem(value.position, path + item.key, "an action is a table, not a \(value.typeName)")
                    continue
                }
                if let action = action(actionTable, for: light, key: path + item.key, at: value.position) {
                    list.append(action)
                }
            }
            if !list.isEmpty { actions.append(LightActions(light: light.name, actions: list)) }
        }
        return ModeDefinition(number: number, name: name, actions: actions)
    }

    /// One action for `light`, read as its protocol defines it.
    mutating func action(_ table: TOMLTable, for light: LightConfiguration, key: String, at position: TOMLPosition)
        -> LightAction?
    {
        switch light.kind {
        case .helvar: return helvarAction(table, key: key, at: position)
        case .lightwave: return lightwaveAction(table, key: key, at: position)
        case .lumencor: return lumencorAction(table, light: light, key: key, at: position)
        case .heliospectra: return heliospectraAction(table, light: light, key: key, at: position)
        case .smartlight: return smartLightAction(table, key: key, at: position)
        }
    }

    /// Exactly one of `keys` must be present; returns it.
    private mutating func oneOf(_ keys: [String], in table: TOMLTable, key: String, at position: TOMLPosition) -> String? {
        let present = keys.filter { table[$0] != nil }
        guard present.count == 1 else {
            let list = keys.joined(separator: ", ")
            problem(position, key, present.isEmpty ? "needs one of \(list)" : "give only one of \(list)")
            return nil
        }
        return present[0]
    }

    private mutating func helvarAction(_ table: TOMLTable, key: String, at position: TOMLPosition) -> LightAction? {
        let path = key + "."
        checkKeys(table, path: path, known: ["group", "device", "scene", "block", "level", "on", "fade_ms"])
        var target: HelvarTarget?
        switch oneOf(["group", "device"], in: table, key: key, at: position) {
        case "group": target = integer(table, "group", path: path, in: 1...16383, at: position).map { .group($0) }
        case "device":
            if let text = string(table, "device", path: path, at: position) {
                do {
                    let address = try HelvarAddress(parsing: text)
                    if address.device == nil {
                        problem(
                            table["device"]?.position ?? position, path + "device",
                            "\"\(text)\" is not a full cluster.router.subnet.device")
                    } else {
                        target = .device(address)
                    }
                } catch {
                    problem(table["device"]?.position ?? position, path + "device", "\(error)")
                }
            }
        default: break
        }
        let fade = milliseconds(table, "fade_ms", path: path, in: 0...655_350, at: position)
        let what = oneOf(["scene", "level", "on"], in: table, key: key, at: position)
        if what != "scene" && table["block"] != nil {
            problem(table["block"]?.position ?? position, path + "block", "only with scene")
        }
        guard let target else { return nil }
        switch what {
        case "scene":
            let block = integer(table, "block", path: path, in: 1...8, at: position) ?? 1
            return integer(table, "scene", path: path, in: 1...16, at: position).map {
                .helvarRecall(target, block: block, scene: $0, fade: fade)
            }
        case "level":
            return table["level"].flatMap { number($0, key: path + "level", in: 0...100) }.map {
                .helvarLevel(target, percent: $0, fade: fade)
            }
        case "on":
            return bool(table, "on", path: path, at: position).map { .helvarLevel(target, percent: $0 ? 100 : 0, fade: fade) }
        default: return nil
        }
    }

    private mutating func lightwaveAction(_ table: TOMLTable, key: String, at position: TOMLPosition) -> LightAction? {
        let path = key + "."
        checkKeys(table, path: path, known: ["room", "device", "level", "on"])
        let room = integer(table, "room", path: path, in: 1...255, required: true, at: position)
        let device = integer(table, "device", path: path, in: 1...255, required: true, at: position)
        let what = oneOf(["level", "on"], in: table, key: key, at: position)
        guard let room, let device else { return nil }
        switch what {
        case "level":
            return integer(table, "level", path: path, in: 0...100, at: position).map {
                .lightwaveLevel(room: room, device: device, percent: $0)
            }
        case "on": return bool(table, "on", path: path, at: position).map { .lightwavePower(room: room, device: device, on: $0) }
        default: return nil
        }
    }

    private mutating func lumencorAction(
        _ table: TOMLTable, light: LightConfiguration, key: String, at position: TOMLPosition
    ) -> LightAction? {
        let path = key + "."
        checkKeys(table, path: path, known: ["intensity", "on", "channels"])
        let known = light.options.texts("channels")
        let checkChannel = { (reader: inout ConfigReader, channel: String, at: TOMLPosition, key: String) in
            guard let known else { return }
            if let index = Int(channel), (0..<known.count).contains(index) { return }
            if known.contains(where: { $0.lowercased() == channel.lowercased() }) { return }
            reader.problem(
                at, key, "\"\(channel)\" is not a channel of light \"\(light.name)\" (\(known.joined(separator: ", ")))")
        }
        switch oneOf(["intensity", "on"], in: table, key: key, at: position) {
        case "intensity":
            if table["channels"] != nil { problem(position, path + "channels", "only with on") }
            guard let levels = self.table(table, "intensity", path: path, at: position) else { return nil }
            var out: [ChannelLevel] = []
            for entry in levels.entries {
                checkChannel(&self, entry.key, entry.keyPosition, path + "intensity." + entry.key)
                if let percent = number(entry.value, key: path + "intensity." + entry.key, in: 0...100) {
                    out.append(ChannelLevel(channel: entry.key, percent: percent))
                }
            }
            if out.isEmpty && levels.isEmpty { problem(position, path + "intensity", "names no channel") }
            return out.isEmpty ? nil : .lumencorIntensities(out)
        case "on":
            let channels = strings(table, "channels", path: path, at: position) ?? []
            for channel in channels { checkChannel(&self, channel, table["channels"]?.position ?? position, path + "channels") }
            return bool(table, "on", path: path, at: position).map { .lumencorPower(channels: channels, on: $0) }
        default: return nil
        }
    }

    private mutating func heliospectraAction(
        _ table: TOMLTable, light: LightConfiguration, key: String, at position: TOMLPosition
    ) -> LightAction? {
        let path = key + "."
        checkKeys(table, path: path, known: ["powers", "all"])
        switch oneOf(["powers", "all"], in: table, key: key, at: position) {
        case "powers":
            guard let powers = self.table(table, "powers", path: path, at: position) else { return nil }
            let known = light.options.integers("wavelengths")
            var out: [WavelengthPower] = []
            for entry in powers.entries {
                let entryKey = path + "powers." + entry.key
                guard let nm = Int(entry.key), (200...2000).contains(nm) else {
                    problem(entry.keyPosition, entryKey, "a wavelength is a number of nanometres (200…2000)")
                    continue
                }
                if let known, !known.contains(nm) {
                    problem(entry.keyPosition, entryKey, "light \"\(light.name)\" has no \(nm) nm channel")
                }
                if let power = integer(entry.value, key: entryKey, in: 0...1000) {
                    out.append(WavelengthPower(nanometres: nm, power: power))
                }
            }
            if powers.isEmpty { problem(position, path + "powers", "names no wavelength") }
            return out.isEmpty ? nil : .heliospectraPowers(out)
        case "all":
            return integer(table, "all", path: path, in: 0...1000, at: position).map { .heliospectraAll($0) }
        default: return nil
        }
    }

    private mutating func smartLightAction(_ table: TOMLTable, key: String, at position: TOMLPosition) -> LightAction? {
        do {
            let command = try JSONValueDecoder.decode(
                SmartLightCommand.self, from: Self.json(TOMLValue(.table(table), at: position)))
            // The packet encoder checks every range (segment count, light count …).
            _ = try SmartLightPacketEncoder().encode(SmartLightPacket(id: 0, payload: SmartLightPacketPayload(command)))
            return .smartLight(command)
        } catch {
            problem(position, key, "not a Smart Light command (docs/json/smartlight.md): \(error)")
            return nil
        }
    }

    /// The JSON form of a TOML value (for the Codable types whose JSON shape the CLI documents).
    static func json(_ value: TOMLValue) -> JSONValue {
        switch value.kind {
        case .string(let text): return .string(text)
        case .integer(let number): return .int(number)
        case .float(let number): return .double(number)
        case .bool(let flag): return .bool(flag)
        case .array(let items): return .array(items.map(json))
        case .table(let table): return .object(table.entries.map { JSONMember($0.key, json($0.value)) })
        }
    }
}
