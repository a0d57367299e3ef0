// libFuzzer entry point: Lumencor line decoder (PROTOCOLS.md §4).
// Built by scripts/fuzz with the LightProtocols sources and Fuzz/Support (one module, no import).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLumencorLines(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzDecoder(
        data, size, make: { LumencorDecoder() }, maxBuffered: LumencorFormat.defaultMaxLineLength + 1,
        encode: LumencorEncoder().encode)
    return 0
}
