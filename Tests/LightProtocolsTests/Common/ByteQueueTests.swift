import LightProtocols
import Testing

@Suite struct ByteQueueTests {
    @Test func appendConsumeAndCompactKeepOrder() {
        var q = ByteQueue()
        var model: [UInt8] = []
        var rng = SplitMix64(seed: 7)
        for _ in 0..<2000 {
            let add = (0..<Int.random(in: 0...20, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            q.append(add)
            model += add
            let take = Int.random(in: 0...model.count, using: &rng)
            q.consume(take)
            model.removeFirst(take)
            #expect(q.unreadBytes == model)
        }
    }

    @Test func hexRoundTripAndRejects() {
        #expect(Hex.decode("01 05 51 00 FF") == [1, 5, 0x51, 0, 0xFF])
        #expect(Hex.decode("0x0001000B") == [0, 1, 0, 0x0B])
        #expect(Hex.decode("ABC") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.encode([0xDE, 0xAD], separator: " ") == "de ad")
    }
}
