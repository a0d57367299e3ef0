/// Incremental decoder of control-socket text, TCP port 50630 (PROTOCOLS.md §5).
///
/// Lines end with LF, optionally preceded by CR; blanks and tabs around a line are ignored and
/// empty lines skipped. A `>` at the start of a line is handed out at once as
/// ``HeliospectraControlReply/prompt`` (the light sends it without a newline); one blank after
/// it is dropped and the rest of that line, if any (a terminal's echo), is read as a line of
/// its own. A line longer than ``HeliospectraControlFormat/maxLineLength`` is reported once as
/// ``HeliospectraError/lineTooLong(max:)`` and discarded up to its newline, so the buffer stays
/// bounded; a line that is not UTF-8 or holds control characters is
/// ``HeliospectraError/invalidLine(_:)``.
///
/// What a line means depends on the ``Role``:
/// - ``Role/lamp`` (a light or simulator reading a client): every line is a request; an
///   unknown first word is ``HeliospectraError/unknownCommand(_:)``.
/// - ``Role/client`` (a driver reading a light): every line is a reply. An `OK` line is typed
///   by the oldest request registered with ``expectReply(to:)`` (`getWl` → wavelengths,
///   `getAllRelPower` → relative powers, `getDeviceTemperature` → temperature, `getmac` → MAC);
///   an `OK` payload that does not fit that request is
///   ``HeliospectraError/malformedReply(request:text:)``. With no request pending an `OK` line
///   with a payload is ``HeliospectraControlReply/okText(_:)``. A non-`OK` line is the greeting
///   before the first prompt and an error after it; an error also answers the pending request.
/// - ``Role/transcript`` (logs, the CLI): a line whose first word is a command name is a request
///   and becomes the pending request for the next `OK` line; any other line is a reply.
public struct HeliospectraControlDecoder: StreamDecoder {
    /// Which side's lines the decoder reads.
    public enum Role: String, Codable, Sendable, Hashable {
        /// Requests only.
        case lamp
        /// Replies only.
        case client
        /// Both, told apart by the first word.
        case transcript
    }

    /// The most requests remembered as waiting for a reply.
    public static let maxPendingRequests = 16

    /// Line terminator and limits.
    public let format: HeliospectraControlFormat
    /// Which side's lines are read.
    public let role: Role
    private var queue = ByteQueue()
    private var discarding = false
    private var greetingPhase: Bool
    private var pending: [HeliospectraControlRequest] = []

    /// Creates a decoder. `expectGreeting` false starts after the greeting, so that non-`OK`
    /// lines are errors from the first line on (e.g. a decoder created after the first prompt).
    public init(role: Role = .transcript, format: HeliospectraControlFormat = .standard, expectGreeting: Bool = true) {
        self.role = role
        self.format = format
        self.greetingPhase = expectGreeting
    }

    public var bufferedByteCount: Int { queue.count }

    /// Requests still waiting for their reply, oldest first.
    public var pendingRequests: [HeliospectraControlRequest] { pending }

    /// Registers a request just sent, so that its `OK` reply is typed (client side).
    public mutating func expectReply(to request: HeliospectraControlRequest) {
        if pending.count == Self.maxPendingRequests { pending.removeFirst() }
        pending.append(request)
    }

    public mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        queue.append(bytes)
    }

    public mutating func next() -> Result<HeliospectraControlMessage, HeliospectraError>? {
        let max = format.validMaxLineLength
        while !queue.isEmpty {
            if discarding {
                guard let lf = queue.firstIndex(of: 0x0A) else {
                    queue.consume(queue.count)
                    return nil
                }
                queue.consume(lf + 1)
                discarding = false
                continue
            }
            // Blanks at the start of a line are dropped anyway; dropping them now lets a prompt
            // after them be seen at once.
            if HeliospectraControlEncoder.isBlank(queue[0]) {
                queue.consume(1)
                continue
            }
            if role != .lamp && queue[0] == UInt8(ascii: ">") {
                queue.consume(queue.count > 1 && (queue[1] == 0x20 || queue[1] == 0x09) ? 2 : 1)
                greetingPhase = false
                return .success(.reply(.prompt))
            }
            guard let lf = queue.firstIndex(of: 0x0A) else {
                guard queue.count > max + 1 else { return nil }
                queue.consume(queue.count)
                discarding = true
                return .failure(.lineTooLong(max: max))
            }
            var end = lf
            if end > 0 && queue[end - 1] == 0x0D { end -= 1 }
            let raw = queue.bytes(0..<end)
            queue.consume(lf + 1)
            guard end <= max else { return .failure(.lineTooLong(max: max)) }
            var lo = 0
            var hi = raw.count
            while lo < hi && HeliospectraControlEncoder.isBlank(raw[lo]) { lo += 1 }
            while hi > lo && HeliospectraControlEncoder.isBlank(raw[hi - 1]) { hi -= 1 }
            if lo == hi { continue }
            let body = raw[lo..<hi]
            guard body.allSatisfy({ $0 >= 0x20 && $0 != 0x7F || $0 == 0x09 }), let text = String(validating: body, as: UTF8.self)
            else {
                return .failure(.invalidLine(raw))
            }
            return parse(text)
        }
        return nil
    }

    private mutating func parse(_ text: String) -> Result<HeliospectraControlMessage, HeliospectraError> {
        let words = text.utf8.split(whereSeparator: HeliospectraControlEncoder.isBlank)
        let first = String(decoding: words[0], as: UTF8.self)
        switch role {
        case .lamp:
            return Self.request(first, words.dropFirst()).map { .request($0) }
        case .transcript where HeliospectraControlRequest.commandNames.contains(first):
            let result = Self.request(first, words.dropFirst())
            if case .success(let request) = result { expectReply(to: request) }
            return result.map { .request($0) }
        default:
            return reply(text).map { .reply($0) }
        }
    }

    // MARK: Requests

    /// Parses a request from its command word and arguments.
    static func request(
        _ command: String, _ args: ArraySlice<Substring.UTF8View.SubSequence>
    ) -> Result<HeliospectraControlRequest, HeliospectraError> {
        do throws(HeliospectraError) {
            func count(_ expected: Int) throws(HeliospectraError) {
                guard args.count == expected else {
                    throw .wrongArgumentCount(command: command, expected: "\(expected)", actual: args.count)
                }
            }
            func number(_ i: Int, _ field: String, _ range: ClosedRange<Int>) throws(HeliospectraError) -> Int {
                try Self.number(args[args.startIndex + i], field, range)
            }
            switch command {
            case "getWl":
                try count(0)
                return .success(.getWavelengths)
            case "setWlsRelPower":
                guard (1...HeliospectraControlFormat.maxWavelengthCount).contains(args.count) else {
                    throw .wrongArgumentCount(
                        command: command, expected: "1 to \(HeliospectraControlFormat.maxWavelengthCount)", actual: args.count)
                }
                var values: [UInt16] = []
                for i in 0..<args.count { values.append(UInt16(try number(i, "relative power", 0...1000))) }
                return .success(.setWavelengthsRelativePower(values))
            case "setWlRelPower":
                try count(2)
                let wavelength = try number(0, "wavelength", 0...Int(UInt16.max))
                let value = try number(1, "relative power", 0...1000)
                return .success(.setWavelengthRelativePower(wavelength: UInt16(wavelength), value: UInt16(value)))
            case "setAll":
                try count(1)
                return .success(.setAll(UInt16(try number(0, "relative power", 0...1000))))
            case "getAllRelPower":
                try count(0)
                return .success(.getAllRelativePower)
            case "getDeviceTemperature":
                try count(1)
                return .success(.getDeviceTemperature(sensor: UInt8(try number(0, "sensor", 0...255))))
            case "getmac":
                try count(0)
                return .success(.getMAC)
            case "bye":
                try count(0)
                return .success(.bye)
            default:
                throw .unknownCommand(command)
            }
        } catch {
            return .failure(error)
        }
    }

    /// An unsigned decimal in `range`.
    static func number(_ word: Substring.UTF8View.SubSequence, _ field: String, _ range: ClosedRange<Int>)
        throws(HeliospectraError)
        -> Int
    {
        guard let v = ASCII.parseUnsigned(word, maxDigits: 9) else {
            throw .invalidNumber(field: field, text: String(decoding: word.prefix(32), as: UTF8.self))
        }
        try heliospectraCheck(field, Int(v), range)
        return Int(v)
    }

    // MARK: Replies

    private mutating func reply(_ text: String) -> Result<HeliospectraControlReply, HeliospectraError> {
        let u = text.utf8
        let isOK =
            u.starts(with: "OK".utf8)
            && (u.count == 2 || HeliospectraControlEncoder.isBlank(u[u.index(u.startIndex, offsetBy: 2)]))
        guard isOK else {
            if greetingPhase { return .success(.greeting(text)) }
            if !pending.isEmpty { pending.removeFirst() }
            return .success(.error(text))
        }
        let request = pending.isEmpty ? nil : pending.removeFirst()
        guard u.count > 2 else { return .success(.ok) }
        // Bytes, not Characters: a combining mark after a blank must not hide the blank.
        let payload = String(decoding: u.dropFirst(3).drop(while: HeliospectraControlEncoder.isBlank), as: UTF8.self)
        let words = payload.utf8.split(whereSeparator: HeliospectraControlEncoder.isBlank)
        func malformed() -> Result<HeliospectraControlReply, HeliospectraError> {
            .failure(.malformedReply(request: request?.commandName ?? "", text: text))
        }
        switch request {
        case .getWavelengths?:
            guard let values = Self.list(words, 0...Int(UInt16.max)) else { return malformed() }
            return .success(.wavelengths(values))
        case .getAllRelativePower?:
            guard let values = Self.list(words, 0...1000) else { return malformed() }
            return .success(.relativePowers(values))
        case .getDeviceTemperature?:
            guard words.count == 1, let celsius = Self.decimal(words[0]) else { return malformed() }
            return .success(.temperature(celsius: celsius))
        case .getMAC?:
            guard words.count == 1, let mac = HeliospectraMAC(String(decoding: words[0], as: UTF8.self)) else {
                return malformed()
            }
            return .success(.mac(mac))
        default:
            return .success(.okText(payload))
        }
    }

    /// 1–64 unsigned numbers in `range`.
    static func list(_ words: [Substring.UTF8View.SubSequence], _ range: ClosedRange<Int>) -> [UInt16]? {
        guard (1...HeliospectraControlFormat.maxWavelengthCount).contains(words.count) else { return nil }
        var values: [UInt16] = []
        for w in words {
            guard let v = ASCII.parseUnsigned(w, maxDigits: 5), range.contains(Int(v)) else { return nil }
            values.append(UInt16(v))
        }
        return values
    }

    /// A finite decimal such as `25.5`, `-3` or `2.5e1` (no hex, no `inf`/`nan`).
    static func decimal(_ word: Substring.UTF8View.SubSequence) -> Double? {
        guard word.count <= 32, word.contains(where: ASCII.isDigit),
            word.allSatisfy({
                ASCII.isDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+")
                    || $0 | 0x20 == UInt8(ascii: "e")
            }),
            let value = Double(String(decoding: word, as: UTF8.self)), value.isFinite
        else { return nil }
        return value
    }
}
