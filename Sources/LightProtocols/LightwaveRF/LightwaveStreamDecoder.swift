/// Incremental decoder of newline-separated LightwaveRF messages: packet captures, logs and
/// the CLI (seed `004_ba308fd4a8628ac7.txt`; PROTOCOLS.md §3). On a socket, where every UDP
/// datagram is one message, use ``LightwaveUDP/decodeDatagram(_:)`` instead.
///
/// Framing rules:
/// - A message ends at `\n`; a `\r` right before it is dropped, so `\r\n` works too. Blank
///   lines are skipped silently.
/// - A line longer than ``LightwaveUDP/maxLineLength`` bytes is reported once as
///   ``LightwaveError/lineTooLong(limit:)`` and skipped up to its newline, so the buffer never
///   holds more than `maxLineLength + 1` bytes.
/// - A bad line is reported as its typed error and decoding goes on with the next line.
/// - A last line without its newline stays buffered (``bufferedByteCount``) until one arrives.
public struct LightwaveStreamDecoder: StreamDecoder {
    private var queue = ByteQueue()
    /// Skipping the rest of an over-long line.
    private var discarding = false

    /// Creates a decoder.
    public init() {}

    public var bufferedByteCount: Int { queue.count }

    public mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        queue.append(bytes)
        if discarding { skipToNewline() }
    }

    public mutating func next() -> Result<LightwaveMessage, LightwaveError>? {
        let limit = LightwaveUDP.maxLineLength
        while true {
            if discarding {
                skipToNewline()
                if discarding { return nil }
            }
            // A complete line (≤ limit bytes plus "\r\n") ends within the first limit + 2 bytes.
            let window = min(queue.count, limit + 2)
            var newline: Int? = nil
            var i = 0
            while i < window {
                if queue[i] == 0x0A {
                    newline = i
                    break
                }
                i += 1
            }
            guard let nl = newline else {
                guard queue.count > limit + 1 else { return nil }
                discarding = true
                skipToNewline()
                return .failure(.lineTooLong(limit: limit))
            }
            var end = nl
            if end > 0 && queue[end - 1] == 0x0D { end -= 1 }
            if end == 0 {
                queue.consume(nl + 1)
                continue
            }
            let line = queue.bytes(0..<end)
            queue.consume(nl + 1)
            do {
                return .success(try LightwaveParser.parse(line))
            } catch {
                return .failure(error)
            }
        }
    }

    /// Drops bytes up to and including the next newline (or all of them, staying in skip mode).
    private mutating func skipToNewline() {
        if let nl = queue.firstIndex(of: 0x0A) {
            queue.consume(nl + 1)
            discarding = false
        } else {
            queue.removeAll()
        }
    }
}
