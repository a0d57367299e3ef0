// libFuzzer entry point: Smart Light RS232 frame decoder (PROTOCOLS.md §1.2).
// Built by scripts/fuzz with the LightProtocols sources and Fuzz/Support (one module, no import).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSmartLightFrames(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzDecoder(
        data, size, make: { SmartLightFrameDecoder() }, maxBuffered: 5 + SmartLightFrameFormat.maxBodyLength + 2,
        encode: SmartLightFrameEncoder().encode)
    return 0
}
