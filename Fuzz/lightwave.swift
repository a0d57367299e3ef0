// libFuzzer entry point: LightwaveRF Link line decoder and datagram decoder (PROTOCOLS.md §3).
// Built by scripts/fuzz together with the LightProtocols sources (one module, no import).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLightwave(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var decoder = LightwaveStreamDecoder()
    // Two pieces, split where the first byte says, to exercise partial lines.
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    decoder.feed(bytes[..<split])
    var results = decoder.drain()
    decoder.feed(bytes[split...])
    results += decoder.drain()
    precondition(decoder.bufferedByteCount <= LightwaveUDP.maxLineLength + 1, "unbounded buffer")
    // The whole input as one datagram, too.
    if let message = try? LightwaveUDP.decodeDatagram(bytes) { results.append(.success(message)) }
    // Every decoded message must survive a round trip, as a datagram and as a line.
    let encoder = LightwaveEncoder()
    for case .success(let message) in results {
        guard let wire = try? encoder.encode(message) else { preconditionFailure("decoded \(message) does not encode") }
        precondition((try? LightwaveUDP.decodeDatagram(wire)) == message, "round trip changed \(message)")
        var again = LightwaveStreamDecoder()
        again.feed(wire + [0x0A])
        precondition(again.drain().map { try? $0.get() } == [message], "line round trip changed \(message)")
    }
    return 0
}
