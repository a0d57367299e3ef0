// libFuzzer entry point: Lumencor text line decoder (PROTOCOLS.md §4).
// Built by scripts/fuzz together with the LightProtocols sources (one module, no import).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLumencorLines(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var decoder = LumencorDecoder()
    // Two pieces, split where the first byte says, to exercise partial lines.
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    decoder.feed(bytes[..<split])
    var results = decoder.drain()
    decoder.feed(bytes[split...])
    results += decoder.drain()
    precondition(decoder.bufferedByteCount <= LumencorFormat.defaultMaxLineLength + 1, "unbounded buffer")
    // Every decoded message must survive a round trip.
    let encoder = LumencorEncoder()
    for case .success(let message) in results {
        guard let wire = try? encoder.encode(message) else { preconditionFailure("decoded \(message) does not encode") }
        var again = LumencorDecoder()
        again.feed(wire)
        precondition(again.drain().map { try? $0.get() } == [message], "round trip changed \(message)")
    }
    return 0
}
