/// Reads one line, without its terminator, into a ``LumencorMessage`` (seed 001 "Command parsing
/// rules"; PROTOCOLS.md §4).
///
/// Tokens are separated by one or more spaces or tabs. Keywords, command names and `DHCP` are
/// matched without regard to ASCII case (the encoder writes upper case); other tokens keep their
/// case. Values are read by the command name and the number of tokens after it.
enum LumencorLineParser {
    /// Parses `line` (no CR or LF).
    static func parse(_ line: [UInt8]) -> Result<LumencorMessage, LumencorError> {
        do throws(LumencorError) {
            return .success(try message(tokens(line)))
        } catch {
            return .failure(error)
        }
    }

    /// Splits `line` at spaces and tabs; any byte that is not printable ASCII is an error.
    static func tokens(_ line: [UInt8]) throws(LumencorError) -> [String] {
        var tokens: [String] = []
        var start: Int? = nil
        for i in line.indices {
            let b = line[i]
            if b == 0x20 || b == 0x09 {
                if let s = start { tokens.append(String(decoding: line[s..<i], as: UTF8.self)) }
                start = nil
            } else if b > 0x20 && b < 0x7F {
                if start == nil { start = i }
            } else {
                throw .invalidByte(b)
            }
        }
        if let s = start { tokens.append(String(decoding: line[s...], as: UTF8.self)) }
        return tokens
    }

    static func message(_ tokens: [String]) throws(LumencorError) -> LumencorMessage {
        guard let first = tokens.first else { throw .unknownKeyword("") }
        let keyword = lumencorUppercased(first)
        switch keyword {
        case "GET", "SET", "A", "E":
            guard tokens.count >= 2 else { throw .missingCommandName(keyword: keyword) }
            guard let name = LumencorCommandName(token: tokens[1]) else {
                throw .unknownCommand(keyword: keyword, name: tokens[1])
            }
            let args = Arguments(command: "\(keyword) \(name.rawValue)", name: name, tokens: Array(tokens[2...]))
            switch keyword {
            case "GET": return .request(try query(args))
            case "SET": return .request(try setting(args))
            case "A": return .answer(try success(args))
            default: return .answer(.error(name, text: args.tokens.isEmpty ? nil : args.tokens.joined(separator: " ")))
            }
        case "REBOOT", "SHUTDOWN":
            guard tokens.count == 1 else { throw .wrongArgumentCount(command: keyword, expected: "0", actual: tokens.count - 1) }
            return .request(keyword == "REBOOT" ? .reboot : .shutdown)
        default:
            throw .unknownKeyword(first)
        }
    }

    /// `GET <name> [args]`.
    private static func query(_ a: Arguments) throws(LumencorError) -> LumencorRequest {
        switch a.name {
        case .ver: return try a.none(.getVersion)
        case .numch: return try a.none(.getChannelCount)
        case .model: return try a.none(.getModel)
        case .sn: return try a.none(.getSerialNumber)
        case .ot: return .getOperatingTime(channel: try a.channel())
        case .temp: return try a.none(.getTemperature)
        case .chpwr: return .getChannelPower(channel: try a.channel())
        case .chmap: return try a.none(.getChannelMap)
        case .ch: return .getChannel(channel: try a.channel())
        case .mulch: return try a.none(.getMultipleChannels)
        case .maxint: return try a.none(.getMaxIntensity)
        case .chint: return .getChannelIntensity(channel: try a.channel())
        case .mulchint: return try a.none(.getMultipleIntensities)
        case .stat: return try a.none(.getStatus)
        case .chstat: return .getChannelStatus(channel: try a.channel())
        case .mulchstat: return try a.none(.getMultipleChannelStatus)
        case .ip: return try a.none(.getIP)
        case .uservar: return try a.none(.getUserVariable)
        case .loglvl: return try a.none(.getLogLevel)
        case .chact: return .getChannelActive(channel: try a.channel())
        case .tempdata: return try a.none(.getTemperatureData)
        case .supplycurrent: return try a.none(.getSupplyCurrent)
        case .ttlenable: return try a.none(.getTTLEnable)
        case .ttlpol: return try a.none(.getTTLPolarity)
        case .errortext:
            guard a.tokens.count <= 1 else {
                throw .wrongArgumentCount(command: a.command, expected: "0 or 1", actual: a.tokens.count)
            }
            return .getErrorText(code: a.tokens.isEmpty ? nil : try a.number(0, "error code", LumencorFormat.statusCodeRange))
        case .reboot, .shutdown: throw .unsupportedForm(command: a.command)
        }
    }

    /// `SET <name> <args>`.
    private static func setting(_ a: Arguments) throws(LumencorError) -> LumencorRequest {
        switch a.name {
        case .ch:
            try a.count(2)
            return .setChannel(channel: try a.number(0, "channel", LumencorFormat.channelRange), on: try a.flag(1, "state"))
        case .mulch:
            return .setMultipleChannels(on: try a.list { i throws(LumencorError) in try a.flag(i, "state") })
        case .chint:
            try a.count(2)
            return .setChannelIntensity(
                channel: try a.number(0, "channel", LumencorFormat.channelRange),
                intensity: try a.number(1, "intensity", LumencorFormat.intensityRange))
        case .mulchint:
            return .setMultipleIntensities(
                try a.list { i throws(LumencorError) in try a.number(i, "intensity", LumencorFormat.intensityRange) })
        case .ip:
            let token = try a.onlyToken()
            guard let setting = LumencorIPSetting(token) else { throw .invalidIPAddress(command: a.command, token: token) }
            return .setIP(setting)
        case .uservar: return .setUserVariable(try a.onlyToken())
        case .loglvl: return .setLogLevel(try a.onlyNumber("logging level", LumencorFormat.logLevelRange))
        case .ttlenable: return .setTTLEnable(try a.onlyNumber("TTL enable", 0...1) == 1)
        case .ttlpol: return .setTTLPolarity(try a.onlyNumber("TTL polarity", LumencorFormat.ttlPolarityRange))
        default:
            throw .unsupportedForm(command: a.command)
        }
    }

    /// `A <name> [values]`: an acknowledgement when a settable name comes alone.
    private static func success(_ a: Arguments) throws(LumencorError) -> LumencorAnswer {
        if a.tokens.isEmpty && a.name.isAcknowledged { return .acknowledged(a.name) }
        let f = LumencorFormat.self
        switch a.name {
        case .ver: return .version(try a.onlyToken())
        case .numch: return .channelCount(try a.onlyNumber("channel count", f.channelCountRange))
        case .model: return .model(try a.onlyToken())
        case .sn: return .serialNumber(try a.onlyToken())
        case .ot: return .operatingTime(seconds: try a.onlyNumber("operating time", f.counterRange))
        case .temp: return .temperature(celsius: try a.onlyNumber("temperature", f.temperatureRange))
        case .chpwr: return .channelPower(try a.onlyNumber("power", f.counterRange))
        case .chmap: return .channelMap(try a.list { i in a.tokens[i] })
        case .ch: return .channelState(on: try a.onlyNumber("state", 0...1) == 1)
        case .mulch: return .multipleChannelStates(on: try a.list { i throws(LumencorError) in try a.flag(i, "state") })
        case .maxint: return .maxIntensity(try a.onlyNumber("maximum intensity", f.maxIntensityRange))
        case .chint: return .channelIntensity(try a.onlyNumber("intensity", f.intensityRange))
        case .mulchint:
            return .multipleIntensities(try a.list { i throws(LumencorError) in try a.number(i, "intensity", f.intensityRange) })
        case .stat: return .status(LumencorEngineStatus(code: try a.onlyNumber("status", f.statusCodeRange)))
        case .chstat: return .channelStatus(LumencorChannelStatus(code: try a.onlyNumber("status", f.statusCodeRange)))
        case .mulchstat:
            return .multipleChannelStatus(
                try a.list { i throws(LumencorError) in LumencorChannelStatus(code: try a.number(i, "status", f.statusCodeRange))
                })
        case .ip:
            let token = try a.onlyToken()
            guard let address = IPv4Address(token) else { throw .invalidIPAddress(command: a.command, token: token) }
            return .ipAddress(address)
        case .uservar: return .userVariable(try a.onlyToken())
        case .loglvl: return .logLevel(try a.onlyNumber("logging level", f.logLevelRange))
        case .chact: return .channelActive(on: try a.onlyNumber("state", 0...1) == 1)
        case .tempdata: return .temperatureData(try a.list { i in a.tokens[i] })
        case .supplycurrent: return .supplyCurrent(try a.onlyToken())
        case .ttlenable: return .ttlEnabled(try a.onlyNumber("TTL enable", 0...1) == 1)
        case .ttlpol: return .ttlPolarity(try a.onlyNumber("TTL polarity", f.ttlPolarityRange))
        case .errortext:
            guard !a.tokens.isEmpty else { throw .wrongArgumentCount(command: a.command, expected: "1 or more", actual: 0) }
            return .errorText(a.tokens.joined(separator: " "))
        case .reboot, .shutdown:
            throw .wrongArgumentCount(command: a.command, expected: "0", actual: a.tokens.count)
        }
    }
}

/// The tokens after a command name, with checks that name the command in their errors.
private struct Arguments {
    /// The command as it appeared, e.g. `SET CHINT`.
    let command: String
    let name: LumencorCommandName
    let tokens: [String]

    /// The count in an error message: an acknowledged name may also come with none.
    private func expected(_ text: String) -> String { command.hasPrefix("A ") && name.isAcknowledged ? "0 or \(text)" : text }

    func count(_ n: Int) throws(LumencorError) {
        guard tokens.count == n else {
            throw .wrongArgumentCount(command: command, expected: expected("\(n)"), actual: tokens.count)
        }
    }

    /// `value`, when no tokens follow the name.
    func none<T>(_ value: T) throws(LumencorError) -> T {
        try count(0)
        return value
    }

    /// The single token after the name.
    func onlyToken() throws(LumencorError) -> String {
        try count(1)
        return tokens[0]
    }

    /// The single number after the name.
    func onlyNumber(_ field: String, _ range: ClosedRange<Int>) throws(LumencorError) -> Int {
        try count(1)
        return try number(0, field, range)
    }

    func channel() throws(LumencorError) -> Int {
        try count(1)
        return try number(0, "channel", LumencorFormat.channelRange)
    }

    func number(_ i: Int, _ field: String, _ range: ClosedRange<Int>) throws(LumencorError) -> Int {
        let token = tokens[i]
        let parsed: Int64?
        if range.lowerBound < 0 {
            parsed = ASCII.parseSigned(token[...])
        } else {
            parsed = ASCII.parseUnsigned(token.utf8, maxDigits: 18).map { Int64($0) }
        }
        guard let value = parsed else { throw .invalidNumber(command: command, field: field, token: token) }
        guard value >= Int64(range.lowerBound) && value <= Int64(range.upperBound) else {
            throw .valueOutOfRange(command: command, field: field, value: Int(value), range: range)
        }
        return Int(value)
    }

    func flag(_ i: Int, _ field: String) throws(LumencorError) -> Bool {
        try number(i, field, 0...1) == 1
    }

    func list<T>(_ element: (Int) throws(LumencorError) -> T) throws(LumencorError) -> [T] {
        let range = LumencorFormat.channelListCountRange
        guard range.contains(tokens.count) else {
            throw .wrongArgumentCount(
                command: command, expected: expected("\(range.lowerBound) to \(range.upperBound)"), actual: tokens.count)
        }
        var out: [T] = []
        out.reserveCapacity(tokens.count)
        for i in tokens.indices { out.append(try element(i)) }
        return out
    }
}
