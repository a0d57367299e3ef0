// libFuzzer entry point: Heliospectra master light-setting package decoder (PROTOCOLS.md §5).
// Built by scripts/fuzz with the LightProtocols sources and Fuzz/Support (one module, no import).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHeliospectraMaster(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let encoder = HeliospectraMasterEncoder()
    fuzzDecoder(
        data, size, make: { HeliospectraMasterDecoder() }, maxBuffered: HeliospectraMasterFormat.standard.maxPackageLength - 1,
        encode: encoder.encode)
    // A datagram that decodes must be exactly the encoding of what it decoded to.
    let bytes = fuzzInput(data, size)
    if let package = try? HeliospectraMasterDecoder().decodeDatagram(bytes) {
        precondition((try? encoder.encode(package)) == bytes, "datagram \(package) does not encode to its own bytes")
    }
    return 0
}
