// libFuzzer entry point: Heliospectra master light-setting package decoder (PROTOCOLS.md §5).
// Built by scripts/fuzz together with the LightProtocols sources (one module, no import).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHeliospectraMaster(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var decoder = HeliospectraMasterDecoder()
    // Two pieces, split where the first byte says, to exercise partial packages.
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    decoder.feed(bytes[..<split])
    var results = decoder.drain()
    decoder.feed(bytes[split...])
    results += decoder.drain()
    precondition(decoder.bufferedByteCount < HeliospectraMasterFormat.standard.maxPackageLength, "unbounded buffer")
    // The datagram entry point must not crash either, and agree with a round trip.
    let encoder = HeliospectraMasterEncoder()
    if let package = try? decoder.decodeDatagram(bytes) {
        precondition((try? encoder.encode(package)) == bytes, "datagram \(package) does not encode to its own bytes")
    }
    // Every decoded package must survive a round trip.
    for case .success(let package) in results {
        guard let wire = try? encoder.encode(package) else { preconditionFailure("decoded \(package) does not encode") }
        var again = HeliospectraMasterDecoder()
        again.feed(wire)
        precondition(again.drain().map { try? $0.get() } == [package], "round trip changed \(package)")
    }
    return 0
}
