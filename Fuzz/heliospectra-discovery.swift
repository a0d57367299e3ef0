// libFuzzer entry point: Heliospectra ABC321 discovery frame decoder (PROTOCOLS.md §5).
// Built by scripts/fuzz together with the LightProtocols sources (one module, no import).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHeliospectraDiscovery(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var decoder = HeliospectraDiscoveryDecoder()
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    decoder.feed(bytes[..<split])
    var results = decoder.drain()
    decoder.feed(bytes[split...])
    results += decoder.drain()
    precondition(
        decoder.bufferedByteCount <= HeliospectraDiscoveryFormat.headerLength + HeliospectraDiscoveryFormat.defaultMaxDataLength,
        "unbounded buffer")
    _ = try? decoder.decodeDatagram(bytes)
    // Every decoded frame must survive a round trip (the XML is normalised, the value is not).
    let encoder = HeliospectraDiscoveryEncoder()
    for case .success(let frame) in results {
        guard let wire = try? encoder.encode(frame) else { preconditionFailure("decoded \(frame) does not encode") }
        var again = HeliospectraDiscoveryDecoder()
        again.feed(wire)
        precondition(again.drain().map { try? $0.get() } == [frame], "round trip changed \(frame)")
    }
    return 0
}
