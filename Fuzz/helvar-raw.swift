// libFuzzer entry point: HelvarNet raw 40-byte frame decoder (PROTOCOLS.md §2).
// Built by scripts/fuzz with the LightProtocols sources and Fuzz/Support (one module, no import).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHelvarRaw(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzDecoder(
        data, size, make: { HelvarRawDecoder() }, maxBuffered: HelvarRawMessage.byteCount - 1,
        encode: HelvarRawEncoder().encode)
    return 0
}
