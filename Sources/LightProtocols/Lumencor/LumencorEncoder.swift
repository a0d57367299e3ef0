/// Writes Lumencor requests (terminated by `\n`) and answers (terminated by `\r\n`), with tokens
/// separated by one space and names in upper case (seed 001; PROTOCOLS.md §4).
///
/// Every value is checked against the ranges of ``LumencorFormat`` and every text value against
/// what the decoder reads back, so whatever this encoder writes decodes to the same value.
public struct LumencorEncoder: Sendable {
    /// Line settings.
    public let format: LumencorFormat

    /// Creates an encoder.
    public init(format: LumencorFormat = LumencorFormat()) {
        self.format = format
    }

    /// The line for `request`, terminated by `\n`.
    public func encode(_ request: LumencorRequest) throws(LumencorError) -> [UInt8] {
        Array(try line(for: request).utf8) + LumencorFormat.requestTerminator
    }

    /// The line for `answer`, terminated by `\r\n`.
    public func encode(_ answer: LumencorAnswer) throws(LumencorError) -> [UInt8] {
        Array(try line(for: answer).utf8) + LumencorFormat.answerTerminator
    }

    /// The line for `message`, with its direction's terminator.
    public func encode(_ message: LumencorMessage) throws(LumencorError) -> [UInt8] {
        switch message {
        case .request(let r): return try encode(r)
        case .answer(let a): return try encode(a)
        }
    }

    /// The line for `request` without its terminator.
    public func line(for request: LumencorRequest) throws(LumencorError) -> String {
        let name = request.name
        let command = request.verb.map { "\($0) \(name.rawValue)" } ?? name.rawValue
        let v = Values(command: command)
        var tokens: [String]
        if let verb = request.verb { tokens = [verb, name.rawValue] } else { tokens = [name.rawValue] }
        switch request {
        case .getVersion, .getChannelCount, .getModel, .getSerialNumber, .getTemperature, .getChannelMap, .getMultipleChannels,
            .getMaxIntensity, .getMultipleIntensities, .getStatus, .getMultipleChannelStatus, .getIP, .reboot, .shutdown,
            .getUserVariable, .getLogLevel, .getTemperatureData, .getSupplyCurrent, .getTTLEnable, .getTTLPolarity:
            break
        case .getOperatingTime(let channel), .getChannelPower(let channel), .getChannel(let channel),
            .getChannelIntensity(let channel), .getChannelStatus(let channel), .getChannelActive(let channel):
            tokens.append(try v.number(channel, "channel", LumencorFormat.channelRange))
        case .setChannel(let channel, let on):
            tokens.append(try v.number(channel, "channel", LumencorFormat.channelRange))
            tokens.append(on ? "1" : "0")
        case .setMultipleChannels(let on):
            tokens += try v.list(on.map { $0 ? "1" : "0" })
        case .setChannelIntensity(let channel, let intensity):
            tokens.append(try v.number(channel, "channel", LumencorFormat.channelRange))
            tokens.append(try v.number(intensity, "intensity", LumencorFormat.intensityRange))
        case .setMultipleIntensities(let intensities):
            tokens += try v.list(try v.numbers(intensities, "intensity", LumencorFormat.intensityRange))
        case .setIP(let setting):
            tokens.append(setting.description)
        case .setUserVariable(let value):
            tokens.append(try v.token(value, "user variable"))
        case .setLogLevel(let level):
            tokens.append(try v.number(level, "logging level", LumencorFormat.logLevelRange))
        case .setTTLEnable(let enabled):
            tokens.append(enabled ? "1" : "0")
        case .setTTLPolarity(let polarity):
            tokens.append(try v.number(polarity, "TTL polarity", LumencorFormat.ttlPolarityRange))
        case .getErrorText(let code):
            if let code { tokens.append(try v.number(code, "error code", LumencorFormat.statusCodeRange)) }
        }
        return try joined(tokens)
    }

    /// The line for `answer` without its terminator.
    public func line(for answer: LumencorAnswer) throws(LumencorError) -> String {
        let name = answer.name
        let keyword = answer.isSuccess ? "A" : "E"
        let v = Values(command: "\(keyword) \(name.rawValue)")
        var tokens = [keyword, name.rawValue]
        switch answer {
        case .version(let s), .model(let s), .serialNumber(let s), .userVariable(let s), .supplyCurrent(let s):
            tokens.append(try v.token(s, "value"))
        case .channelCount(let n): tokens.append(try v.number(n, "channel count", LumencorFormat.channelCountRange))
        case .operatingTime(let s): tokens.append(try v.number(s, "operating time", LumencorFormat.counterRange))
        case .temperature(let t): tokens.append(try v.number(t, "temperature", LumencorFormat.temperatureRange))
        case .channelPower(let p): tokens.append(try v.number(p, "power", LumencorFormat.counterRange))
        case .channelMap(let colours):
            tokens += try v.list(try colours.map { (c) throws(LumencorError) in try v.token(c, "colour") })
        case .channelState(let on), .channelActive(let on): tokens.append(on ? "1" : "0")
        case .multipleChannelStates(let on): tokens += try v.list(on.map { $0 ? "1" : "0" })
        case .maxIntensity(let m): tokens.append(try v.number(m, "maximum intensity", LumencorFormat.maxIntensityRange))
        case .channelIntensity(let i): tokens.append(try v.number(i, "intensity", LumencorFormat.intensityRange))
        case .multipleIntensities(let i): tokens += try v.list(try v.numbers(i, "intensity", LumencorFormat.intensityRange))
        case .status(let s): tokens.append(try v.number(s.code, "status", LumencorFormat.statusCodeRange))
        case .channelStatus(let s): tokens.append(try v.number(s.code, "status", LumencorFormat.statusCodeRange))
        case .multipleChannelStatus(let s):
            tokens += try v.list(try v.numbers(s.map(\.code), "status", LumencorFormat.statusCodeRange))
        case .ipAddress(let ip): tokens.append(ip.description)
        case .logLevel(let l): tokens.append(try v.number(l, "logging level", LumencorFormat.logLevelRange))
        case .temperatureData(let r): tokens += try v.list(try r.map { (t) throws(LumencorError) in try v.token(t, "reading") })
        case .ttlEnabled(let e): tokens.append(e ? "1" : "0")
        case .ttlPolarity(let p): tokens.append(try v.number(p, "TTL polarity", LumencorFormat.ttlPolarityRange))
        case .errorText(let text): tokens.append(try v.words(text, "error text"))
        case .acknowledged(let name):
            guard name.isAcknowledged else { throw .unsupportedForm(command: "A \(name.rawValue)") }
        case .error(_, let text):
            if let text { tokens.append(try v.words(text, "error text")) }
        }
        return try joined(tokens)
    }

    private func joined(_ tokens: [String]) throws(LumencorError) -> String {
        let line = tokens.joined(separator: " ")
        guard line.utf8.count <= format.maxLineLength else { throw .lineTooLong(maxLength: format.maxLineLength) }
        return line
    }
}

/// Value checks for one command, naming it in their errors.
private struct Values {
    let command: String

    func number(_ value: Int, _ field: String, _ range: ClosedRange<Int>) throws(LumencorError) -> String {
        guard range.contains(value) else { throw .valueOutOfRange(command: command, field: field, value: value, range: range) }
        return String(value)
    }

    func numbers(_ values: [Int], _ field: String, _ range: ClosedRange<Int>) throws(LumencorError) -> [String] {
        var out: [String] = []
        out.reserveCapacity(values.count)
        for value in values { out.append(try number(value, field, range)) }
        return out
    }

    func list(_ tokens: [String]) throws(LumencorError) -> [String] {
        let range = LumencorFormat.channelListCountRange
        guard range.contains(tokens.count) else {
            throw .wrongArgumentCount(
                command: command, expected: "\(range.lowerBound) to \(range.upperBound)", actual: tokens.count)
        }
        return tokens
    }

    /// One token: printable ASCII, no space, not empty.
    func token(_ text: String, _ field: String) throws(LumencorError) -> String {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .invalidText(command: command, field: field, text: text)
        }
        return text
    }

    /// Words: printable ASCII tokens separated by single spaces, not empty.
    func words(_ text: String, _ field: String) throws(LumencorError) -> String {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20,
            bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }),
            !zip(bytes, bytes.dropFirst()).contains(where: { $0 == 0x20 && $1 == 0x20 })
        else {
            throw .invalidText(command: command, field: field, text: text)
        }
        return text
    }
}
