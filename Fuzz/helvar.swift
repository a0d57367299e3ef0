// libFuzzer entry point: HelvarNet ASCII decoder (PROTOCOLS.md §2); long replies come back split in parts.
// Built by scripts/fuzz with the LightProtocols sources and Fuzz/Support (one module, no import).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHelvarASCII(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzDecoder(
        data, size, make: { HelvarDecoder() },
        maxBuffered: HelvarFormat.standardMaxMessageLength + HelvarFormat.standardMaxReplyLength + 1,
        encode: HelvarEncoder().encode)
    return 0
}
