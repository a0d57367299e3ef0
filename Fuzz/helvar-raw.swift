// libFuzzer entry point: HelvarNet raw 40-byte decoder (PROTOCOLS.md §2).
// Built by scripts/fuzz together with the LightProtocols sources (one module, no import).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHelvarRaw(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var decoder = HelvarRawDecoder()
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    decoder.feed(bytes[..<split])
    var results = decoder.drain()
    decoder.feed(bytes[split...])
    results += decoder.drain()
    precondition(decoder.bufferedByteCount < HelvarRawMessage.byteCount, "unbounded buffer")
    let encoder = HelvarRawEncoder()
    for case .success(let message) in results {
        guard let wire = try? encoder.encode(message) else { preconditionFailure("decoded \(message) does not encode") }
        var again = HelvarRawDecoder()
        again.feed(wire)
        precondition(again.drain().map { try? $0.get() } == [message], "round trip changed \(message)")
    }
    return 0
}
