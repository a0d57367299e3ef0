// libFuzzer entry point: HelvarNet ASCII decoder (PROTOCOLS.md §2).
// Built by scripts/fuzz together with the LightProtocols sources (one module, no import).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHelvarASCII(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var decoder = HelvarDecoder()
    // Two pieces, split where the first byte says, to exercise partial messages.
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    decoder.feed(bytes[..<split])
    var results = decoder.drain()
    decoder.feed(bytes[split...])
    results += decoder.drain()
    precondition(
        decoder.bufferedByteCount <= HelvarFormat.standardMaxMessageLength + HelvarFormat.standardMaxReplyLength + 1,
        "unbounded buffer")
    // Every decoded message must survive a round trip (long replies come back split in parts).
    let encoder = HelvarEncoder()
    for case .success(let message) in results {
        guard let wire = try? encoder.encode(message) else { preconditionFailure("decoded \(message) does not encode") }
        var again = HelvarDecoder()
        again.feed(wire)
        precondition(again.drain().map { try? $0.get() } == [message], "round trip changed \(message)")
    }
    return 0
}
