// libFuzzer entry point: Smart Light TCP/USB packet decoder (PROTOCOLS.md §1.4).
// Built by scripts/fuzz with the LightProtocols sources and Fuzz/Support (one module, no import).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSmartLightPackets(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzDecoder(data, size, make: { SmartLightPacketDecoder() }, maxBuffered: 17, encode: SmartLightPacketEncoder().encode)
    return 0
}
