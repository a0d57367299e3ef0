/// Incremental decoder of Smart Light RS232 frames (seed 002 "RS232 Protocols";
/// PROTOCOLS.md §1.2, §1.3).
///
/// Framing rules, chosen so that no good frame is lost around bad bytes:
/// - A frame starts after a run of at least five delimiters (a longer run is fine) and ends at
///   the first two delimiters after its body. It is handed out as soon as the second closing
///   delimiter arrives, with no look-ahead, so a PLC's frame costs no extra latency.
/// - The closing delimiters count towards the next frame's opening run, so a frame whose
///   terminator was lost on the line (`~~~~~M1~~~~~M2~~`) does not take the next frame with it.
/// - Bytes not preceded by a full opening run are skipped and reported once per stretch as
///   ``SmartLightError/garbage(byteCount:)``; a body longer than the longest valid one is
///   reported and skipped; a body with a bad letter or parameter is reported and the decoder
///   carries on with the next frame.
public struct SmartLightFrameDecoder: StreamDecoder {
    /// The delimiter and code table in use.
    public let format: SmartLightFrameFormat
    private var queue = ByteQueue()
    /// Delimiters already consumed that directly precede the unread bytes.
    private var carriedRun = 0

    /// Creates a decoder for `format`.
    public init(format: SmartLightFrameFormat = .standard) {
        self.format = format
    }

    public var bufferedByteCount: Int { queue.count }

    public mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        queue.append(bytes)
    }

    public mutating func next() -> Result<SmartLightCommand, SmartLightError>? {
        guard !queue.isEmpty else { return nil }
        // Capture only the shared tables and the run count: capturing `self` would copy it.
        let lookups = format.lookups
        let carried = carriedRun
        var step = queue.withUnreadBytes { Self.scan($0, lookups, carried) }
        queue.consume(step.consumed)
        carriedRun = step.carriedRun
        // Moved out, not copied: a copy of this optional result runs the generic value
        // witnesses of Optional and Result (BENCHMARKS.md item 10).
        return step.result.take()
    }

    /// What one call to ``next()`` does to the queue.
    private struct Step {
        var consumed: Int
        var carriedRun: Int
        var result: Result<SmartLightCommand, SmartLightError>?
    }

    /// Finds the next frame, error or need-more-bytes point in the unread bytes `b`.
    private static func scan(_ b: UnsafeBufferPointer<UInt8>, _ lookups: SmartLightCodeLookups, _ carriedRun: Int) -> Step {
        let d = lookups.delimiter
        let n = b.count
        // The opening run: delimiters carried over plus those at the front.
        var p = 0
        while p < n && b[p] == d { p += 1 }
        let run = carriedRun + p
        if p == n {
            return Step(consumed: n, carriedRun: min(run, 64), result: nil)
        }
        guard run >= SmartLightFrameFormat.startDelimiterCount else {
            return skipGarbage(b, d)
        }
        // Body: from p to the next delimiter.
        let limit = min(n, p + SmartLightFrameFormat.maxBodyLength + 1)
        var j = p
        while j < limit && b[j] != d { j += 1 }
        if j == limit && j - p > SmartLightFrameFormat.maxBodyLength {
            var k = j
            while k < n && b[k] != d { k += 1 }
            return Step(
                consumed: k, carriedRun: 0, result: .failure(.frameTooLong(byteCount: SmartLightFrameFormat.maxBodyLength)))
        }
        guard j + 1 < n else {
            // Body or terminator not complete yet: keep the opening run's count, wait for more.
            return Step(consumed: p, carriedRun: min(run, 64), result: nil)
        }
        guard b[j + 1] == d else {
            return Step(consumed: j + 1, carriedRun: 1, result: .failure(.unterminatedFrame(body: Array(b[p..<j]))))
        }
        return Step(
            consumed: j + 2, carriedRun: SmartLightFrameFormat.endDelimiterCount,
            result: SmartLightBodyParser(lookups: lookups).parse(UnsafeBufferPointer(rebasing: b[p..<j])))
    }

    /// Skips from the front to the start of the next delimiter run that could open a frame (or
    /// to the end) and reports the skipped stretch.
    private static func skipGarbage(_ b: UnsafeBufferPointer<UInt8>, _ d: UInt8) -> Step {
        let n = b.count
        var i = 0
        var runStart = -1
        var runLength = 0
        while i < n {
            if b[i] == d {
                if runLength == 0 { runStart = i }
                runLength += 1
                if runLength >= SmartLightFrameFormat.startDelimiterCount { break }
            } else {
                runLength = 0
            }
            i += 1
        }
        // Stop before a full run, or before a partial run at the very end (it may grow).
        let count = max(runLength > 0 ? runStart : n, 1)
        return Step(consumed: count, carriedRun: 0, result: .failure(.garbage(byteCount: count)))
    }
}

/// Parses one RS232 frame body (command letter and parameters, no delimiters) with a code table
/// (PROTOCOLS.md §1.2, §1.3).
struct SmartLightBodyParser {
    let lookups: SmartLightCodeLookups

    /// Parses one frame body: a command letter and its parameters.
    func parse(_ body: UnsafeBufferPointer<UInt8>) -> Result<SmartLightCommand, SmartLightError> {
        guard let letter = body.first else {
            return .failure(.wrongParameterCount(command: "(none)", expected: 1, actual: 0))
        }
        guard let command = lookups.commands.index(of: letter) else {
            return .failure(.unknownCommandLetter(letter))
        }
        let params = UnsafeBufferPointer(rebasing: body[1...])
        switch command {
        case 0: return parseMode(params, letter)
        case 1: return parseSegment(params, letter)
        case 2: return parseLevel(params, letter)
        case 3: return parseRunLight(params, letter)
        case 4: return parseUserColour(params, letter)
        default:
            guard params.isEmpty else {
                return .failure(.wrongParameterCount(command: commandName(letter), expected: 0, actual: params.count))
            }
            return .success(.clear)
        }
    }

    /// The command letter as text, for error messages only.
    private func commandName(_ letter: UInt8) -> String { String(UnicodeScalar(letter)) }

    private func parseMode(_ p: UnsafeBufferPointer<UInt8>, _ letter: UInt8) -> Result<SmartLightCommand, SmartLightError> {
        guard (1...SmartLightFrameFormat.maxModeDigits).contains(p.count) else {
            return .failure(.wrongParameterCount(command: commandName(letter), expected: 1, actual: p.count))
        }
        var value = 0
        for b in p {
            guard ASCII.isDigit(b) else { return .failure(.invalidCode(field: "mode digit", byte: b)) }
            value = value * 10 + Int(b &- 0x30)
        }
        guard value <= Int(UInt16.max) else {
            return .failure(.valueOutOfRange(field: "mode", value: value, range: 0...Int(UInt16.max)))
        }
        return .success(.modeSet(mode: UInt16(value)))
    }

    private func code<T: OrderedCode>(
        _ lookup: CodeLookup, _ byte: UInt8, _ field: String, as: T.Type
    ) throws(SmartLightError) -> T {
        guard let i = lookup.index(of: byte) else { throw .invalidCode(field: field, byte: byte) }
        return T.ordered[i]
    }

    private func digit(_ byte: UInt8, _ field: String) throws(SmartLightError) -> Int {
        guard ASCII.isDigit(byte) else { throw .invalidCode(field: field, byte: byte) }
        return Int(byte - 0x30)
    }

    private func parseSegment(_ p: UnsafeBufferPointer<UInt8>, _ letter: UInt8) -> Result<SmartLightCommand, SmartLightError> {
        do throws(SmartLightError) {
            guard let first = p.first else { throw .wrongParameterCount(command: commandName(letter), expected: 5, actual: 0) }
            let count = try digit(first, "segment count")
            try check("segment count", count, SmartLightSegmentMode.segmentCountRange)
            let expected = 1 + 2 * count + 2
            guard p.count == expected else {
                throw .wrongParameterCount(command: commandName(letter), expected: expected, actual: p.count)
            }
            var segments: [SmartLightSegment] = []
            segments.reserveCapacity(count)
            for s in 0..<count {
                let colour = try code(lookups.colours, p[1 + 2 * s], "colour", as: SmartLightColour.self)
                let type = try code(lookups.segmentTypes, p[2 + 2 * s], "segment type", as: SmartLightSegmentType.self)
                segments.append(SmartLightSegment(colour: colour, type: type))
            }
            let frequency = try code(lookups.speeds, p[expected - 2], "blink frequency", as: SmartLightSpeed.self)
            let buzzer = try code(lookups.buzzers, p[expected - 1], "buzzer", as: SmartLightBuzzer.self)
            return .success(.segment(SmartLightSegmentMode(segments: segments, blinkFrequency: frequency, buzzer: buzzer)))
        } catch {
            return .failure(error)
        }
    }

    private func parseLevel(_ p: UnsafeBufferPointer<UInt8>, _ letter: UInt8) -> Result<SmartLightCommand, SmartLightError> {
        do throws(SmartLightError) {
            guard p.count == 5 else { throw .wrongParameterCount(command: commandName(letter), expected: 5, actual: p.count) }
            let type = try code(lookups.levelTypes, p[0], "level type", as: SmartLightLevelType.self)
            let colour = try code(lookups.colours, p[1], "colour", as: SmartLightColour.self)
            let count = try digit(p[2], "level count digit") * 10 + digit(p[3], "level count digit")
            try check("level light count", count, SmartLightLevelMode.lightCountRange)
            let buzzer = try code(lookups.buzzers, p[4], "buzzer", as: SmartLightBuzzer.self)
            return .success(
                .level(SmartLightLevelMode(levelType: type, colour: colour, lightCount: UInt8(count), buzzer: buzzer)))
        } catch {
            return .failure(error)
        }
    }

    private func parseRunLight(_ p: UnsafeBufferPointer<UInt8>, _ letter: UInt8) -> Result<SmartLightCommand, SmartLightError> {
        do throws(SmartLightError) {
            guard p.count == 5 else { throw .wrongParameterCount(command: commandName(letter), expected: 5, actual: p.count) }
            let count = try digit(p[0], "run segment count")
            try check("run segment count", count, SmartLightRunLight.segmentCountRange)
            let run = try code(lookups.colours, p[1], "run colour", as: SmartLightColour.self)
            let back = try code(lookups.colours, p[2], "back colour", as: SmartLightColour.self)
            let speed = try code(lookups.speeds, p[3], "run speed", as: SmartLightSpeed.self)
            let buzzer = try code(lookups.buzzers, p[4], "buzzer", as: SmartLightBuzzer.self)
            return .success(
                .runLight(
                    SmartLightRunLight(segmentCount: UInt8(count), runColour: run, backColour: back, speed: speed, buzzer: buzzer)
                ))
        } catch {
            return .failure(error)
        }
    }

    private func parseUserColour(_ p: UnsafeBufferPointer<UInt8>, _ letter: UInt8) -> Result<SmartLightCommand, SmartLightError> {
        guard p.count == 6 else {
            return .failure(.wrongParameterCount(command: commandName(letter), expected: 6, actual: p.count))
        }
        var channels: [UInt8] = [0, 0, 0]
        for c in 0..<3 {
            guard let hi = Hex.value(p[2 * c]) else { return .failure(.invalidCode(field: "hex digit", byte: p[2 * c])) }
            guard let lo = Hex.value(p[2 * c + 1]) else { return .failure(.invalidCode(field: "hex digit", byte: p[2 * c + 1])) }
            channels[c] = hi << 4 | lo
        }
        return .success(.userColour(SmartLightRGB(red: channels[0], green: channels[1], blue: channels[2])))
    }
}
