import BridgeCore
import LightProtocols
import Logging
import NIOConcurrencyHelpers
import Testing

@testable import BridgeIO

/// The glue between completed IN transfers and bridge events (issue 3, item 6): byte chunks as
/// a bulk IN endpoint delivers them (packets split across transfers, several in one, garbage,
/// a reply from the device) go through ``SmartLightUSBPacketHandler`` exactly as the
/// transport's completion callback feeds it.
@Suite struct SmartLightUSBPacketHandlerTests {
    let source = SourceID("usb:test")
    let encoder = SmartLightPacketEncoder()

    func packet(_ id: UInt8, _ payload: SmartLightPacketPayload) throws -> [UInt8] {
        try encoder.encode(SmartLightPacket(id: id, payload: payload))
    }

    @Test func chunksBecomeCommandsAndRequestsAreAcknowledged() throws {
        let recorder = EventRecorder()
        let replies = NIOLockedValueBox<[[UInt8]]>([])
        let counters = NIOLockedValueBox(SourceCounters())
        let handler = SmartLightUSBPacketHandler(
            source: source, format: SmartLightPacketFormat(), acknowledge: true, counters: counters,
            logger: Logger(label: "test"), sink: recorder.sink
        ) { bytes in replies.withLockedValue { $0.append(bytes) } }
        let level = SmartLightLevelMode(levelType: .fillFromTop, colour: .red, lightCount: 12, buzzer: .off)
        let stream =
            try packet(1, .modeSet(mode: 255)) + packet(2, .level(level)) + [0xEE, 0x03, 0x99]
            + packet(3, .reply(command: 0x51)) + packet(4, .userColour(SmartLightRGB(red: 1, green: 2, blue: 3)))
        // As transfers would deliver it: a packet cut after its header, then the rest in odd sizes.
        for chunk in [stream[0..<3], stream[3..<9], stream[9..<10], stream[10...]] { handler.received(Array(chunk)) }
        let commands = recorder.events.compactMap { if case .command(let c, source) = $0 { return c } else { return nil } }
        #expect(commands == [.modeSet(mode: 255), .level(level), .userColour(SmartLightRGB(red: 1, green: 2, blue: 3))])
        // Each request is answered [id, 4, command, 0]; the device's own reply is not answered.
        #expect(replies.withLockedValue { $0 } == [[1, 4, 0x51, 0], [2, 4, 0x50, 0], [4, 4, 0x52, 0]])
        let c = counters.withLockedValue { $0 }
        #expect(c.frames == 3 && c.errors == 1 && c.bytes == stream.count)
        #expect(handler.bufferedByteCount == 0)
    }

    @Test func withoutAcknowledgementNothingIsWritten() throws {
        let recorder = EventRecorder()
        let replies = NIOLockedValueBox(0)
        let handler = SmartLightUSBPacketHandler(
            source: source, format: SmartLightPacketFormat(modeByteOrder: .lsbFirst), acknowledge: false,
            counters: NIOLockedValueBox(SourceCounters()), logger: Logger(label: "test"), sink: recorder.sink
        ) { _ in replies.withLockedValue { $0 += 1 } }
        handler.received([9, 5, 0x51, 0x07, 0x00, 9, 5])
        #expect(recorder.events == [.command(.modeSet(mode: 7), from: source)])
        #expect(handler.bufferedByteCount == 2, "a packet's start waits for the next transfer")
        #expect(replies.withLockedValue { $0 } == 0)
    }
}
