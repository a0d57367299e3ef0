// libFuzzer entry point: Heliospectra ABC321 discovery frame decoder (PROTOCOLS.md §5); the XML is normalised, the value is not.
// Built by scripts/fuzz with the LightProtocols sources and Fuzz/Support (one module, no import).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHeliospectraDiscovery(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzDecoder(
        data, size, make: { HeliospectraDiscoveryDecoder() },
        maxBuffered: HeliospectraDiscoveryFormat.headerLength + HeliospectraDiscoveryFormat.defaultMaxDataLength,
        encode: HeliospectraDiscoveryEncoder().encode)
    _ = try? HeliospectraDiscoveryDecoder().decodeDatagram(fuzzInput(data, size))
    return 0
}
