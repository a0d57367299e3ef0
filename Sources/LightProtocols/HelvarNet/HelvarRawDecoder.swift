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
                var words = [UInt32](repeating: 0, count: 10)
                for i in 0..<10 {
                    words[i] = UInt32(b[4 * i]) << 24 | UInt32(b[4 * i + 1]) << 16 | UInt32(b[4 * i + 2]) << 8 | UInt32(b[4 * i + 3])
                }
                do throws(HelvarError) {
                    return .success(try HelvarRawMessage(words: words))
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
                queue.consume(1)
                if resynchronising { continue }
                resynchronising = true
                return result
            }
        }
        return nil
    }
}
