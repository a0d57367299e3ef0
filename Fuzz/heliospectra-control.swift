// libFuzzer entry point: Heliospectra control-socket line decoder (PROTOCOLS.md §5).
// Built by scripts/fuzz together with the LightProtocols sources (one module, no import).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHeliospectraControl(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // The transcript role reads both sides, so it exercises every parser.
    var decoder = HeliospectraControlDecoder(role: .transcript)
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    decoder.feed(bytes[..<split])
    var results = decoder.drain()
    decoder.feed(bytes[split...])
    results += decoder.drain()
    precondition(decoder.bufferedByteCount <= HeliospectraControlFormat.defaultMaxLineLength + 1, "unbounded buffer")
    // Every decoded message must survive a round trip. A reply is re-read by a client decoder
    // waiting for the kind of request it answers, in the phase it was read in.
    let encoder = HeliospectraControlEncoder()
    for case .success(let message) in results {
        guard let wire = try? encoder.encode(message) else { preconditionFailure("decoded \(message) does not encode") }
        var again: HeliospectraControlDecoder
        switch message {
        case .request:
            again = HeliospectraControlDecoder(role: .lamp)
        case .reply(let reply):
            var isGreeting = false
            if case .greeting = reply { isGreeting = true }
            again = HeliospectraControlDecoder(role: .client, expectGreeting: isGreeting)
            switch reply {
            case .wavelengths: again.expectReply(to: .getWavelengths)
            case .relativePowers: again.expectReply(to: .getAllRelativePower)
            case .temperature: again.expectReply(to: .getDeviceTemperature(sensor: 0))
            case .mac: again.expectReply(to: .getMAC)
            default: break
            }
        }
        again.feed(wire)
        precondition(again.drain().map { try? $0.get() } == [message], "round trip changed \(message)")
    }
    return 0
}
