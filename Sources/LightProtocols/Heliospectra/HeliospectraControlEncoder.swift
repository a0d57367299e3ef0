/// Writes control-socket lines (PROTOCOLS.md §5): requests as a client sends them, replies as a
/// light (or the simulator) sends them. Every value is range-checked, and a text reply is
/// refused when it would not read back as the same reply (see ``HeliospectraControlReply``).
public struct HeliospectraControlEncoder: Sendable {
    /// Line terminator and limits.
    public let format: HeliospectraControlFormat

    /// Creates an encoder.
    public init(format: HeliospectraControlFormat = .standard) {
        self.format = format
    }

    /// The wire bytes of `message`.
    public func encode(_ message: HeliospectraControlMessage) throws(HeliospectraError) -> [UInt8] {
        switch message {
        case .request(let request): return try encode(request)
        case .reply(let reply): return try encode(reply)
        }
    }

    /// The line for `request`, terminator included.
    public func encode(_ request: HeliospectraControlRequest) throws(HeliospectraError) -> [UInt8] {
        var words = [request.commandName]
        switch request {
        case .setWavelengthsRelativePower(let values):
            try heliospectraCheck("setWlsRelPower value count", values.count, 1...HeliospectraControlFormat.maxWavelengthCount)
            for v in values {
                try heliospectraCheck("relative power", Int(v), 0...1000)
                words.append(String(v))
            }
        case .setWavelengthRelativePower(let wavelength, let value):
            try heliospectraCheck("relative power", Int(value), 0...1000)
            words += [String(wavelength), String(value)]
        case .setAll(let value):
            try heliospectraCheck("relative power", Int(value), 0...1000)
            words.append(String(value))
        case .getDeviceTemperature(let sensor):
            words.append(String(sensor))
        case .getWavelengths, .getAllRelativePower, .getMAC, .bye:
            break
        }
        return try line(words.joined(separator: " "))
    }

    /// The line for `reply`, terminator included (the prompt `>` has none).
    public func encode(_ reply: HeliospectraControlReply) throws(HeliospectraError) -> [UInt8] {
        switch reply {
        case .prompt: return [UInt8(ascii: ">")]
        case .ok: return try line("OK")
        case .okText(let text):
            try Self.checkText(text, field: "OK text", free: true)
            return try line("OK " + text)
        case .wavelengths(let values):
            try heliospectraCheck("wavelength count", values.count, 1...HeliospectraControlFormat.maxWavelengthCount)
            return try line((["OK"] + values.map { String($0) }).joined(separator: " "))
        case .relativePowers(let values):
            try heliospectraCheck("relative power count", values.count, 1...HeliospectraControlFormat.maxWavelengthCount)
            for v in values { try heliospectraCheck("relative power", Int(v), 0...1000) }
            return try line((["OK"] + values.map { String($0) }).joined(separator: " "))
        case .temperature(let celsius):
            guard celsius.isFinite else { throw .unencodableText(field: "temperature", text: "\(celsius)") }
            return try line("OK \(celsius)")
        case .mac(let mac):
            return try line("OK \(mac)")
        case .greeting(let text):
            try Self.checkText(text, field: "greeting", free: false)
            return try line(text)
        case .error(let text):
            try Self.checkText(text, field: "error text", free: false)
            return try line(text)
        }
    }

    private func line(_ text: String) throws(HeliospectraError) -> [UInt8] {
        let bytes = Array(text.utf8)
        guard bytes.count <= format.validMaxLineLength else { throw .unencodableText(field: "line", text: text) }
        return bytes + format.lineEnding.bytes
    }

    /// Text must be non-empty, without control characters (tabs inside are fine) or surrounding
    /// blanks. A greeting or error (`free == false`) must also not read as an `OK` reply
    /// (`OK` alone or followed by a blank), a prompt or a request.
    static func checkText(_ text: String, field: String, free: Bool) throws(HeliospectraError) {
        let u = Array(text.utf8)
        guard let first = u.first, let last = u.last, !isBlank(first), !isBlank(last),
            u.allSatisfy({ ($0 >= 0x20 && $0 != 0x7F) || $0 == 0x09 })
        else {
            throw .unencodableText(field: field, text: text)
        }
        if free { return }
        let firstWord = String(decoding: u.prefix { !isBlank($0) }, as: UTF8.self)
        guard firstWord != "OK", first != UInt8(ascii: ">"), !HeliospectraControlRequest.commandNames.contains(firstWord) else {
            throw .unencodableText(field: field, text: text)
        }
    }

    @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
}
