// libFuzzer entry point: Smart Light RS232 frame decoder (PROTOCOLS.md §1.2).
// Built by scripts/fuzz together with the LightProtocols sources (one module, no import).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSmartLightFrames(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var decoder = SmartLightFrameDecoder()
    // Two pieces, split where the first byte says, to exercise partial frames.
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    decoder.feed(bytes[..<split])
    var results = decoder.drain()
    decoder.feed(bytes[split...])
    results += decoder.drain()
    precondition(decoder.bufferedByteCount <= 5 + SmartLightFrameFormat.maxBodyLength + 2, "unbounded buffer")
    // Every decoded command must survive a round trip.
    let encoder = SmartLightFrameEncoder()
    for case .success(let command) in results {
        guard let wire = try? encoder.encode(command) else { preconditionFailure("decoded \(command) does not encode") }
        var again = SmartLightFrameDecoder()
        again.feed(wire)
        precondition(again.drain().map { try? $0.get() } == [command], "round trip changed \(command)")
    }
    return 0
}
