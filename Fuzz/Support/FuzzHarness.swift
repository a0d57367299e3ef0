// Shared by every libFuzzer entry point in Fuzz/ (scripts/fuzz compiles this file with each).

/// The checks every decoder's fuzz entry point makes on one input: it is fed to a fresh
/// decoder in two pieces (split where the first byte says, so partial frames are exercised),
/// the decoder must not crash and must keep at most `maxBuffered` bytes, and every message it
/// decodes must encode and decode back to itself. `reread` gives the decoder a message is read
/// back with (default: a fresh one from `make`), and `terminator` is appended to its wire form
/// first (for line protocols whose encoder writes no line end). Returns the decoded messages
/// so an entry point can check more.
@discardableResult
func fuzzDecoder<D: StreamDecoder>(
    _ data: UnsafePointer<UInt8>, _ size: Int, make: () -> D, maxBuffered: Int,
    encode: (D.Message) throws -> [UInt8], reread: ((D.Message) -> D)? = nil, terminator: [UInt8] = []
) -> [D.Message] where D.Message: Equatable {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var decoder = make()
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    decoder.feed(bytes[..<split])
    var results = decoder.drain()
    decoder.feed(bytes[split...])
    results += decoder.drain()
    precondition(decoder.bufferedByteCount <= maxBuffered, "unbounded buffer: \(decoder.bufferedByteCount) bytes held")
    var messages: [D.Message] = []
    for case .success(let message) in results {
        guard let wire = try? encode(message) else { preconditionFailure("decoded \(message) does not encode") }
        var again = reread?(message) ?? make()
        again.feed(wire + terminator)
        precondition(again.drain().map { try? $0.get() } == [message], "round trip changed \(message)")
        messages.append(message)
    }
    return messages
}

/// The whole input as an array, for entry points that also try a datagram decoder.
func fuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
}
