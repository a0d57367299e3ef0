import LightProtocols
import Testing

/// Newline-separated captures: ``LightwaveStreamDecoder`` (PROTOCOLS.md §3).
@Suite struct LightwaveRFStreamTests {
    let decoder = LightwaveStreamDecoder()

    static func ok(_ trans: UInt16) -> LightwaveMessage { .ok(transaction: trans) }

    @Test func goldenLinesDecodeInOneStream() throws {
        let golden = LightwaveRFMessageTests.golden
        let text = golden.map { $0.0 }.joined(separator: "\n") + "\r\n"
        #expect(decodeAll(decoder, text).map(\.value) == golden.map { $0.1 })
    }

    @Test func everyGoodMessageAroundGarbageIsDelivered() {
        let long = String(repeating: "x", count: 3000)
        let stream = "111,OK\njunk\n\n\r\n112,OK\r\n\(long)\n113,OK\n*!{bad\n\u{0}\u{FF}\n114,OK\n"
        let results = decodeAll(decoder, stream)
        #expect(results.compactMap(\.value) == [Self.ok(111), Self.ok(112), Self.ok(113), Self.ok(114)])
        #expect(
            results.compactMap(\.error) == [
                .unknownMessage("junk"), .lineTooLong(limit: 1024), .invalidJSON(offset: 3, reason: "expected a member name"),
                .invalidCharacter(byte: 0, offset: 0),
            ])
    }

    @Test func partialLineWaitsForItsNewline() {
        var d = decoder
        d.feed("111,O")
        #expect(d.next() == nil)
        #expect(d.bufferedByteCount == 5)
        d.feed("K\r")
        #expect(d.next() == nil)
        d.feed("\n")
        #expect(d.next()?.value == Self.ok(111))
        #expect(d.bufferedByteCount == 0)
    }

    @Test func byteAtATimeFeedingGivesTheSameResult() throws {
        let text = LightwaveRFMessageTests.golden.map { $0.0 }.joined(separator: "\r\n") + "\n"
        var d = decoder
        var results: [Result<LightwaveMessage, LightwaveError>] = []
        for byte in text.utf8 {
            d.feed([byte])
            results += d.drain()
        }
        #expect(results.map(\.value) == LightwaveRFMessageTests.golden.map { $0.1 })
    }

    @Test func overlongLineIsReportedOnceAndTheBufferStaysBounded() {
        var d = decoder
        var errors: [LightwaveError] = []
        for _ in 0..<20 {
            d.feed([UInt8](repeating: UInt8(ascii: "7"), count: 700))
            errors += d.drain().compactMap(\.error)
            #expect(d.bufferedByteCount <= LightwaveUDP.maxLineLength + 1)
        }
        #expect(errors == [.lineTooLong(limit: 1024)])
        d.feed("end of it\n5,OK\n")
        #expect(d.drain().map(\.value) == [Self.ok(5)])
    }

    @Test func lineOfExactlyTheLimitIsAcceptedAndOneMoreIsNot() {
        let text = "1,ERR,6,\"" + String(repeating: "y", count: 1024 - 10) + "\""
        #expect(text.utf8.count == 1024)
        #expect(decodeAll(decoder, text + "\r\n").first?.value != nil)
        let over = "1,ERR,6,\"" + String(repeating: "y", count: 1024 - 9) + "\""
        #expect(decodeAll(decoder, over + "\r\n").map(\.error) == [.lineTooLong(limit: 1024)])
        #expect(decodeAll(decoder, over + "\n1,OK\n").map(\.error) == [.lineTooLong(limit: 1024), nil])
    }

    @Test func survivesRandomAndMutatedBuffers() throws {
        let samples = LightwaveRFMessageTests.golden.map { Array(($0.0 + "\n").utf8) }
        checkRobustness(
            seed: 0x5EED_0004, makeDecoder: { LightwaveStreamDecoder() }, samples: samples, resync: [0x0A],
            good: (Array("111,OK\n".utf8), Self.ok(111)), maxBuffered: LightwaveUDP.maxLineLength + 1)
    }

    /// The datagram entry point under the same abuse: never crashes, and whatever it accepts
    /// encodes back to something that decodes to the same message.
    @Test func datagramDecoderSurvivesRandomAndMutatedDatagrams() throws {
        var rng = SplitMix64(seed: 0x5EED_0005)
        let samples = LightwaveRFMessageTests.golden.map { Array($0.0.utf8) }
        var accepted = 0
        for iteration in 0..<100_000 {
            let bytes: [UInt8]
            if iteration % 2 == 0 {
                bytes = (0..<Int.random(in: 0...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            } else {
                bytes = mutate(samples[Int.random(in: 0..<samples.count, using: &rng)], using: &rng)
            }
            guard let message = try? LightwaveUDP.decodeDatagram(bytes) else { continue }
            accepted += 1
            let again = try LightwaveUDP.decodeDatagram(try LightwaveEncoder().encode(message))
            guard again == message else {
                Issue.record("round trip changed \(message) (from \(ASCII.escaped(bytes)))")
                return
            }
        }
        #expect(accepted > 1000)
    }
}
