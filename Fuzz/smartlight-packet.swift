// libFuzzer entry point: Smart Light TCP/USB packet decoder (PROTOCOLS.md §1.4).
// Built by scripts/fuzz together with the LightProtocols sources (one module, no import).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSmartLightPackets(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var decoder = SmartLightPacketDecoder()
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    decoder.feed(bytes[..<split])
    var results = decoder.drain()
    decoder.feed(bytes[split...])
    results += decoder.drain()
    precondition(decoder.bufferedByteCount <= 17, "unbounded buffer")
    let encoder = SmartLightPacketEncoder()
    for case .success(let packet) in results {
        guard let wire = try? encoder.encode(packet) else { preconditionFailure("decoded \(packet) does not encode") }
        var again = SmartLightPacketDecoder()
        again.feed(wire)
        precondition(again.drain().map { try? $0.get() } == [packet], "round trip changed \(packet)")
    }
    return 0
}
