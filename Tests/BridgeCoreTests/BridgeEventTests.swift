import BridgeCore
import LightProtocols
import Testing

@Suite struct BridgeEventTests {
    @Test func eventsCompareByCommandAndSource() {
        let a = BridgeEvent.command(.modeSet(mode: 3), from: SourceID("serial:/dev/ttyS0"))
        #expect(a == .command(.modeSet(mode: 3), from: SourceID("serial:/dev/ttyS0")))
        #expect(a != .command(.modeSet(mode: 3), from: SourceID("gpio")))
        #expect(SourceID("gpio").description == "gpio")
    }
}
