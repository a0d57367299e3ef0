// libFuzzer entry point: Heliospectra TCP control-socket line decoder (PROTOCOLS.md §5).
// Built by scripts/fuzz with the LightProtocols sources and Fuzz/Support (one module, no import).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHeliospectraControl(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // The transcript role reads both sides, so it exercises every parser. A reply is re-read by
    // a client decoder waiting for the kind of request it answers, in the phase it was read in.
    fuzzDecoder(
        data, size, make: { HeliospectraControlDecoder(role: .transcript) },
        maxBuffered: HeliospectraControlFormat.defaultMaxLineLength + 1, encode: HeliospectraControlEncoder().encode,
        reread: { message in
            switch message {
            case .request:
                return HeliospectraControlDecoder(role: .lamp)
            case .reply(let reply):
                var isGreeting = false
                if case .greeting = reply { isGreeting = true }
                var decoder = HeliospectraControlDecoder(role: .client, expectGreeting: isGreeting)
                switch reply {
                case .wavelengths: decoder.expectReply(to: .getWavelengths)
                case .relativePowers: decoder.expectReply(to: .getAllRelativePower)
                case .temperature: decoder.expectReply(to: .getDeviceTemperature(sensor: 0))
                case .mac: decoder.expectReply(to: .getMAC)
                default: break
                }
                return decoder
            }
        })
    return 0
}
