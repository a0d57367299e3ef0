/// Incremental decoder of HelvarNet ASCII messages (PROTOCOLS.md §2; seed
/// `003_689faa0b1f08db2f.txt`, "Message Formatting").
///
/// Framing rules:
/// - A message runs from a start character (`>`, `<`, `?`, `!`) to the first `#` or `$`. Before
///   its `=` a new start character means the message was cut off: it is reported
///   (``HelvarError/unterminatedMessage(bytes:)``) and decoding restarts there. After `=` the
///   answer text may hold any byte but the terminators.
/// - No terminator within ``HelvarFormat/maxMessageLength`` (1500) bytes is
///   ``HelvarError/messageTooLong(limit:)``; the decoder resynchronises at the next start
///   character. Other bytes before a start character are reported once per stretch as
///   ``HelvarError/garbage(byteCount:)``; white space between messages is skipped silently.
/// - Partial replies: a `?` reply ending in `$` is held until its last part (ending in `#`)
///   and handed out as ONE reply whose answer is the parts' answers joined. A following part
///   either repeats the header (`?V:2,C:166,G:1=…$?V:2,C:166,G:1=…#`, as aiohelvar 0.9.8
///   expects) or is a bare continuation (`…$more#`). Commands and errors in between pass
///   through; a reply with a different header ends the partial one with
///   ``HelvarError/partialReplyAbandoned(command:)``.
/// - A message that is framed but wrong (unknown command, value out of range, missing
///   parameter…) is consumed whole and reported; decoding goes on with the next one.
public struct HelvarDecoder: StreamDecoder {
    /// Message limits.
    public let format: HelvarFormat
    private var queue = ByteQueue()
    /// After a too-long message: drop bytes up to the next start character silently.
    private var discarding = false
    /// A reply whose last part has not arrived yet.
    private var partial: (request: HelvarCommand, answer: [UInt8])?

    /// Creates a decoder.
    public init(format: HelvarFormat = .standard) {
        self.format = format
    }

    /// Bytes held back: unread input plus the answer of a pending partial reply.
    public var bufferedByteCount: Int {
        queue.count + (partial.map { $0.answer.count + 1 } ?? 0)
    }

    public mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        queue.append(bytes)
    }

    private enum Frame {
        case needMore
        case tooLong
        case cut(at: Int)
        case complete(equals: Int, end: Int)
    }

    public mutating func next() -> Result<HelvarMessage, HelvarError>? {
        while !queue.isEmpty {
            if discarding {
                let n = queue.count
                var i = 0
                while i < n && !HelvarASCII.isStart(queue[i]) { i += 1 }
                queue.consume(i)
                if i == n { return nil }
                discarding = false
            }
            let first = queue[0]
            guard HelvarASCII.isStart(first) else {
                if partial != nil {
                    guard let result = continuation() else { return nil }
                    if let result { return result }
                    continue
                }
                if HelvarASCII.isSpace(first) {
                    var i = 1
                    while i < queue.count && HelvarASCII.isSpace(queue[i]) { i += 1 }
                    queue.consume(i)
                    continue
                }
                let n = queue.count
                var i = 1
                while i < n && !HelvarASCII.isStart(queue[i]) { i += 1 }
                queue.consume(i)
                return .failure(.garbage(byteCount: i))
            }
            let limit = format.maxMessageLength
            let frame = queue.withUnreadBytes { Self.frame($0, limit: limit) }
            switch frame {
            case .needMore:
                return nil
            case .tooLong:
                skipToNextStart()
                return .failure(.messageTooLong(limit: limit))
            case .cut(let k):
                let bytes = queue.bytes(0..<k)
                queue.consume(k)
                return .failure(.unterminatedMessage(bytes: bytes))
            case .complete(let equals, let end):
                if first == HelvarASCII.reply && equals >= 0 && (partial != nil || queue[end] == HelvarASCII.partialTerminator) {
                    if let result = replyPart(equals: equals, end: end) { return result }
                    continue
                }
                let result = queue.withUnreadBytes { HelvarASCIIParser.parse($0, equals: equals, end: end) }
                queue.consume(end + 1)
                return result
            }
        }
        return nil
    }

    /// Finds the end of the message starting at `b[0]` (a start character).
    @inline(__always)
    private static func frame(_ b: UnsafeBufferPointer<UInt8>, limit: Int) -> Frame {
        let n = min(b.count, limit)
        var equals = -1
        var i = 1
        while i < n {
            let c = b[i]
            if c < 64 && (HelvarASCII.specialMask >> UInt64(c)) & 1 != 0 {
                if c == HelvarASCII.terminator || c == HelvarASCII.partialTerminator { return .complete(equals: equals, end: i) }
                if equals < 0 {
                    if c == HelvarASCII.answer { equals = i } else { return .cut(at: i) }
                }
            }
            i += 1
        }
        return b.count >= limit ? .tooLong : .needMore
    }

    /// Drops the front byte and everything up to the next start character (or sets the
    /// decoder to drop it as it arrives).
    private mutating func skipToNextStart() {
        let n = queue.count
        var i = 1
        while i < n && !HelvarASCII.isStart(queue[i]) { i += 1 }
        queue.consume(i)
        if i == n { discarding = true }
    }

    /// A `?` part while a partial reply is pending or one that ends in `$`. Returns a result to
    /// hand out, or `nil` to go on decoding.
    private mutating func replyPart(equals: Int, end: Int) -> Result<HelvarMessage, HelvarError>? {
        let header = queue.withUnreadBytes { (b) -> Result<HelvarCommand, HelvarError> in
            do throws(HelvarError) {
                return .success(try HelvarASCIIParser.header(b, 1, equals, requiring: true))
            } catch {
                return .failure(error)
            }
        }
        let request: HelvarCommand
        switch header {
        case .failure(let error):
            queue.consume(end + 1)
            return .failure(error)
        case .success(let r): request = r
        }
        if let pending = partial, pending.request != request {
            // Leave this reply in the queue: it is decoded on the next call.
            partial = nil
            return .failure(.partialReplyAbandoned(command: pending.request.number))
        }
        let answer = queue.bytes((equals + 1)..<end)
        let last = queue[end] == HelvarASCII.terminator
        queue.consume(end + 1)
        return appendPart(request: request, answer: answer, last: last)
    }

    /// A bare continuation of the pending partial reply: answer text up to `#` or `$`.
    /// Returns `nil` when more bytes are needed, `.some(nil)` to go on decoding.
    private mutating func continuation() -> Result<HelvarMessage, HelvarError>?? {
        guard let pending = partial else { return .some(nil) }
        let n = queue.count
        let limit = format.maxMessageLength
        var i = 0
        while i < min(n, limit) {
            let c = queue[i]
            if c == HelvarASCII.terminator || c == HelvarASCII.partialTerminator { break }
            i += 1
        }
        if i == min(n, limit) {
            guard n >= limit else { return nil }
            partial = nil
            skipToNextStart()
            return .some(.failure(.messageTooLong(limit: limit)))
        }
        let answer = queue.bytes(0..<i)
        let last = queue[i] == HelvarASCII.terminator
        queue.consume(i + 1)
        return .some(appendPart(request: pending.request, answer: answer, last: last))
    }

    private mutating func appendPart(request: HelvarCommand, answer: [UInt8], last: Bool) -> Result<HelvarMessage, HelvarError>? {
        var joined = partial?.answer ?? []
        joined += answer
        guard joined.count <= format.maxReplyLength else {
            partial = nil
            return .failure(.replyTooLong(limit: format.maxReplyLength))
        }
        if last {
            partial = nil
            return .success(.reply(HelvarReply(request: request, answer: String(decoding: joined, as: UTF8.self))))
        }
        partial = (request, joined)
        return nil
    }
}
