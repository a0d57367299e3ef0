/// Incremental decoder of Lumencor text lines, requests and answers alike (seed 001 "Command
/// parsing rules"; PROTOCOLS.md §4).
///
/// Framing rules:
/// - A line ends at `\n`; one `\r` right before it is dropped, so both the requests' `\n` and
///   the answers' `\r\n` are accepted in either direction.
/// - Empty or blank lines are skipped silently (a client sends an empty line first after
///   connecting, since the first command after power-up can fail).
/// - A line longer than ``LumencorFormat/maxLineLength`` is reported once as
///   ``LumencorError/lineTooLong(maxLength:)`` and skipped up to the next `\n`, so the buffer
///   never holds more than `maxLineLength + 1` bytes after ``next()`` returns `nil`.
/// - A line with a bad byte, keyword, name or value is reported as its typed error and the
///   decoder carries on with the next line.
public struct LumencorDecoder: StreamDecoder {
    /// Line settings.
    public let format: LumencorFormat
    private var queue = ByteQueue()
    /// Whether the rest of an over-long line is being skipped.
    private var skipping = false

    /// Creates a decoder.
    public init(format: LumencorFormat = LumencorFormat()) {
        self.format = format
    }

    public var bufferedByteCount: Int { queue.count }

    public mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        queue.append(bytes)
    }

    public mutating func next() -> Result<LumencorMessage, LumencorError>? {
        while !queue.isEmpty {
            if skipping {
                skipPastNewline(from: 0)
                continue
            }
            // A line may hold maxLineLength bytes, a CR and the LF.
            let limit = min(queue.count, format.maxLineLength + 2)
            var lf = 0
            while lf < limit && queue[lf] != 0x0A { lf += 1 }
            guard lf < limit else {
                guard queue.count >= format.maxLineLength + 2 else { return nil }
                skipping = true
                skipPastNewline(from: limit)
                return .failure(.lineTooLong(maxLength: format.maxLineLength))
            }
            let end = lf > 0 && queue[lf - 1] == 0x0D ? lf - 1 : lf
            if end > format.maxLineLength {
                queue.consume(lf + 1)
                return .failure(.lineTooLong(maxLength: format.maxLineLength))
            }
            let line = queue.bytes(0..<end)
            queue.consume(lf + 1)
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            return LumencorLineParser.parse(line)
        }
        return nil
    }

    /// Drops bytes through the next LF at or after `start`, or all of them if there is none.
    private mutating func skipPastNewline(from start: Int) {
        if let lf = queue.firstIndex(of: 0x0A, from: start) {
            queue.consume(lf + 1)
            skipping = false
        } else {
            queue.removeAll()
        }
    }

    /// Parses one complete line given without its terminator (for tests and tools; a blank line
    /// returns `nil`).
    public static func parse(line: String) -> Result<LumencorMessage, LumencorError>? {
        let bytes = Array(line.utf8)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }
        return LumencorLineParser.parse(bytes)
    }
}
