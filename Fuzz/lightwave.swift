// libFuzzer entry point: LightwaveRF line and datagram decoders (PROTOCOLS.md §3).
// Built by scripts/fuzz with the LightProtocols sources and Fuzz/Support (one module, no import).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLightwave(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let messages = fuzzDecoder(
        data, size, make: { LightwaveStreamDecoder() }, maxBuffered: LightwaveUDP.maxLineLength + 1,
        encode: LightwaveEncoder().encode, terminator: [0x0A])
    // The whole input as one datagram too, and every message as a datagram.
    let encoder = LightwaveEncoder()
    var datagrams = messages
    if let message = try? LightwaveUDP.decodeDatagram(fuzzInput(data, size)) { datagrams.append(message) }
    for message in datagrams {
        guard let wire = try? encoder.encode(message) else { preconditionFailure("decoded \(message) does not encode") }
        precondition((try? LightwaveUDP.decodeDatagram(wire)) == message, "datagram round trip changed \(message)")
    }
    return 0
}
