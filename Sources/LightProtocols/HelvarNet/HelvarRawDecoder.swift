/// Incremental decoder of HelvarNet raw messages: fixed 40-byte frames of ten big-endian words
/// (PROTOCOLS.md §2; seed `003_689faa0b1f08db2f.txt`, raw format).
///
/// Raw frames carry no length or sync marker, so every frame is checked hard: message type 0
/// or 1, version 1–2, a known command, reserved words 5, 6, 9, 10 zero, words the command does
/// not use zero, values in range. A bad frame is reported once; the decoder then slides a byte
/// at a time, silently, until a frame checks out again.
public struct HelvarRawDecoder: StreamDecoder {
    private var queue = ByteQueue()
    private var resynchronising = false

    /// Creates a decoder.
    public init() {}

    public var bufferedByteCount: Int { queue.count }

    public mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        queue.append(bytes)
    }

    public mutating func next() -> Result<HelvarRawMessage, HelvarError>? {
        while queue.count >= HelvarRawMessage.byteCount {
            let result = queue.withUnreadBytes { b -> Result<HelvarRawMessage, HelvarError> in
                do throws(HelvarError) {
                    return .success(try HelvarRawMessage(bytes: b))
                } catch {
                    return .failure(error)
                }
            }
            switch result {
            case .success:
                queue.consume(HelvarRawMessage.byteCount)
                resynchronising = false
                return result
            case .failure:
                queue.consume(skipToCandidate())
                if resynchronising { continue }
                resynchronising = true
                return result
            }
        }
        return nil
    }

    /// How far to slide after a bad frame: one byte, then on to the next offset whose type
    /// byte (0 or 1) and version bits (1 or 2) could start a frame; the frames skipped this way
    /// would fail those checks anyway.
    private func skipToCandidate() -> Int {
        let n = queue.count
        var i = 1
        while i + 1 < n {
            let version = queue[i + 1] & 0x7F
            if queue[i] <= 1 && (version == 1 || version == 2) { return i }
            i += 1
        }
        return i
    }
}
