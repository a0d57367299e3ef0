import LightProtocols
import Testing

/// A small deterministic RNG (SplitMix64) for the 100,000-buffer robustness loops.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One mutation of a valid buffer: flip, replace, insert, delete, duplicate or truncate.
func mutate(_ input: [UInt8], using rng: inout SplitMix64) -> [UInt8] {
    var bytes = input
    let edits = Int.random(in: 1...4, using: &rng)
    for _ in 0..<edits {
        let index = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
        switch Int.random(in: 0..<6, using: &rng) {
        case 0 where !bytes.isEmpty: bytes[index] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &rng)
        case 1 where !bytes.isEmpty: bytes[index] = UInt8.random(in: 0...255, using: &rng)
        case 2: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: index)
        case 3 where !bytes.isEmpty: bytes.remove(at: index)
        case 4 where !bytes.isEmpty:
            let end = min(bytes.count, index + Int.random(in: 1...8, using: &rng))
            bytes.insert(contentsOf: bytes[index..<end], at: index)
        default: bytes = Array(bytes.prefix(index))
        }
    }
    return bytes
}

/// Feeds `bytes` to `decoder` in random chunk sizes, draining after each chunk.
func feedInChunks<D: StreamDecoder>(
    _ bytes: [UInt8], to decoder: inout D, using rng: inout SplitMix64
) -> [Result<D.Message, D.Failure>] {
    var results: [Result<D.Message, D.Failure>] = []
    var offset = 0
    while offset < bytes.count {
        let size = min(bytes.count - offset, Int.random(in: 1...64, using: &rng))
        decoder.feed(bytes[offset..<(offset + size)])
        results += decoder.drain()
        offset += size
    }
    return results
}

/// The robustness property every decoder must have (issue 2, item 9): across `iterations`
/// random and mutated buffers fed in random chunks it never crashes, its buffer stays bounded,
/// and right after the garbage it decodes good frames again.
///
/// - Parameters:
///   - samples: valid encodings to mutate (a mixture of message types).
///   - resync: bytes a sender would put between a broken frame and the next one, if the
///     protocol needs any (a line protocol's newline); empty for self-synchronising framings.
///   - good: one valid encoded frame and the message it must decode to.
///   - maxBuffered: the most bytes the decoder may hold back after a drain.
func checkRobustness<D: StreamDecoder>(
    iterations: Int = 100_000, seed: UInt64, makeDecoder: () -> D, samples: [[UInt8]],
    resync: [UInt8] = [], good: (bytes: [UInt8], message: D.Message), maxBuffered: Int,
    sourceLocation: SourceLocation = #_sourceLocation
) where D.Message: Equatable {
    var rng = SplitMix64(seed: seed)
    var recoveries = 0
    for iteration in 0..<iterations {
        var decoder = makeDecoder()
        let garbage: [UInt8]
        if iteration % 2 == 0 {
            garbage = (0..<Int.random(in: 0...256, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        } else {
            var joined: [UInt8] = []
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                joined += samples[Int.random(in: 0..<samples.count, using: &rng)]
            }
            garbage = mutate(joined, using: &rng)
        }
        _ = feedInChunks(garbage, to: &decoder, using: &rng)
        if decoder.bufferedByteCount > maxBuffered {
            Issue.record(
                "iteration \(iteration): \(decoder.bufferedByteCount) bytes buffered after garbage",
                sourceLocation: sourceLocation)
            return
        }
        var tail = resync
        for _ in 0..<8 { tail += good.bytes }
        let results = feedInChunks(tail, to: &decoder, using: &rng)
        guard case .success(let last)? = results.last, last == good.message else {
            Issue.record(
                "iteration \(iteration): no recovery after garbage \(Hex.encode(garbage, separator: " ")): last result \(String(describing: results.last))",
                sourceLocation: sourceLocation)
            return
        }
        recoveries += 1
    }
    #expect(recoveries == iterations, sourceLocation: sourceLocation)
}

/// Decodes `bytes` in one piece and returns the results.
func decodeAll<D: StreamDecoder>(_ decoder: D, _ bytes: [UInt8]) -> [Result<D.Message, D.Failure>] {
    var d = decoder
    d.feed(bytes)
    return d.drain()
}

/// Decodes `text`'s UTF-8 bytes in one piece and returns the results.
func decodeAll<D: StreamDecoder>(_ decoder: D, _ text: String) -> [Result<D.Message, D.Failure>] {
    decodeAll(decoder, Array(text.utf8))
}

extension Result {
    /// The success value, or `nil`.
    var value: Success? {
        if case .success(let v) = self { return v }
        return nil
    }

    /// The failure, or `nil`.
    var error: Failure? {
        if case .failure(let e) = self { return e }
        return nil
    }
}
