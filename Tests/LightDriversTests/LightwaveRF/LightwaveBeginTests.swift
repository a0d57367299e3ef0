import LightDrivers
import LightProtocols
import Simulators
import Testing

/// The fast path of the LightwaveRF driver (BENCHMARKS.md, trigger-to-wire latency): `begin`
/// writes the datagram synchronously and holds the line; `finish` waits for the Link with the
/// same retries and health as `send`.
@Suite struct LightwaveBeginTests {
    @Test func beginWritesAtOnceAndFinishWaitsForTheLink() async throws {
        let pair = try await LightwavePair.start()
        let begun = try #require(pair.driver.begin(.device(room: 3, device: 4, .on)))
        // Written before anything awaited it: the Link gets it while the line is still held.
        #expect(await eventually { pair.simulator.device(room: 3, device: 4)?.isOn == true })
        #expect(pair.driver.begin(.device(room: 3, device: 5, .on)) == nil, "one command at a time")
        let result = try await pair.driver.finish(begun)
        #expect(result.attempts == 1)
        #expect(await pair.driver.health == .healthy)
        // The line is free again, for `begin` and `send` alike.
        let second = try #require(pair.driver.begin(.device(room: 3, device: 4, .off)))
        try await pair.driver.finish(second)
        try await pair.driver.send(.device(room: 3, device: 4, .on))
        let wire = pair.simulator.receivedCommands.map(\.command.action)
        #expect(
            wire == [.device(room: 3, device: 4, .on), .device(room: 3, device: 4, .off), .device(room: 3, device: 4, .on)])
        #expect(pair.driver.counters.sent == 3)
        try await pair.stop()
    }

    /// A prepared command is sent again and again, each time with the line's next
    /// transaction id and the driver's Link selector, and each reply is matched to it.
    @Test func aPreparedCommandIsSentWithEachNextTransactionID() async throws {
        let selector = try #require(LightwaveLinkSelector("205678"))
        let pair = try await LightwavePair.start(
            simulator: { $0.mac = "74:0A:BC:20:56:78" }, driver: { $0.linkSelector = selector })
        let prepared = try pair.driver.prepare(.device(room: 2, device: 7, .dim(level: 16)))
        for _ in 0..<3 {
            let begun = try #require(pair.driver.begin(prepared))
            #expect(pair.driver.begin(prepared) == nil, "one command at a time")
            let result = try await pair.driver.finish(begun)
            #expect(result.attempts == 1)
        }
        let wire = pair.simulator.receivedCommands.map(\.command)
        #expect(wire.map(\.transaction) == [1, 2, 3])
        #expect(wire.allSatisfy { $0.link == selector && $0.action == .device(room: 2, device: 7, .dim(level: 16)) })
        #expect(pair.simulator.device(room: 2, device: 7)?.level == 16)
        try await pair.stop()
    }

    @Test func preparingAnInvalidCommandThrows() async throws {
        let pair = try await LightwavePair.start()
        #expect(throws: LightwaveDriverError.self) { try pair.driver.prepare(.device(room: 0, device: 1, .on)) }
        #expect(pair.driver.begin(.device(room: 0, device: 1, .on)) == nil)
        #expect(pair.simulator.receivedCommands.isEmpty)
        try await pair.stop()
    }

    @Test func aSendWaitingForTheLineGoesAfterTheBegunCommand() async throws {
        let pair = try await LightwavePair.start()
        let begun = try #require(pair.driver.begin(.device(room: 1, device: 1, .on)))
        let queued = Task { try await pair.driver.send(.device(room: 1, device: 2, .on)) }
        #expect(await eventually { pair.simulator.receivedCommands.count == 1 })
        try await Task.sleep(for: .milliseconds(50))
        #expect(pair.simulator.receivedCommands.count == 1, "the send waits for the begun command")
        try await pair.driver.finish(begun)
        _ = try await queued.value
        #expect(
            pair.simulator.receivedCommands.map(\.command.action) == [
                .device(room: 1, device: 1, .on), .device(room: 1, device: 2, .on),
            ])
        try await pair.stop()
    }

    @Test func beginRespectsThePacingGap() async throws {
        let pair = try await LightwavePair.start(driver: { $0.pacing = .milliseconds(300) })
        try await pair.driver.send(.device(room: 1, device: 1, .on))
        #expect(pair.driver.begin(.device(room: 1, device: 1, .off)) == nil, "inside the gap: use send")
        try await Task.sleep(for: .milliseconds(350))
        let begun = try #require(pair.driver.begin(.device(room: 1, device: 1, .off)))
        try await pair.driver.finish(begun)
        try await pair.stop()
    }

    @Test func aBegunCommandIsRetriedAfterTransmitFail() async throws {
        let pair = try await LightwavePair.start(
            simulator: { $0.failTransmit = 1 }, driver: { $0.transmitFailBackoff.initial = .milliseconds(10) })
        let begun = try #require(pair.driver.begin(.device(room: 2, device: 2, .on)))
        let result = try await pair.driver.finish(begun)
        #expect(result.attempts == 2)
        #expect(result.retryDelays.count == 1)
        #expect(pair.simulator.device(room: 2, device: 2)?.isOn == true)
        try await pair.stop()
    }

    @Test func beginBeforeStartOrAfterStopDeclines() async throws {
        let pair = try await LightwavePair.start()
        await pair.driver.stop()
        #expect(pair.driver.begin(.device(room: 1, device: 1, .on)) == nil)
        try await pair.simulator.stop()
    }
}
