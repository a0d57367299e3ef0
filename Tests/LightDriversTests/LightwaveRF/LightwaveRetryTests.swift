import LightDrivers
import LightProtocols
import NIOCore
import NIOPosix
import Simulators
import Testing

@Suite struct LightwaveRetryTests {
    @Test func defaultTransmitFailScheduleIs125msDoublingForFiveSeconds() {
        var backoff = LightwaveDriverSettings(linkHost: "127.0.0.1").transmitFailBackoff
        var delays: [Duration] = []
        while let d = backoff.next() { delays.append(d) }
        #expect(delays == [125, 250, 500, 1000, 2000].map { .milliseconds($0) })
    }

    @Test func transmitFailIsRetriedWithBackoffAndNewIds() async throws {
        let pair = try await LightwavePair.start(
            simulator: { $0.failTransmit = 3 },
            driver: {
                $0.transmitFailBackoff = Backoff(initial: .milliseconds(20), maximum: .seconds(1), giveUpAfter: .seconds(1))
            })
        let result = try await pair.driver.send(.device(room: 1, device: 1, .on))
        #expect(result.attempts == 4)
        #expect(result.retryDelays == [20, 40, 80].map { .milliseconds($0) })
        let received = pair.simulator.receivedCommands
        #expect(received.count == 4)
        #expect(Set(received.map { $0.command.transaction }).count == 4)
        // Each retry went out no earlier than its back-off after the previous attempt.
        for (i, delay) in result.retryDelays.enumerated() {
            #expect(received[i + 1].at - received[i].at >= delay)
        }
        #expect(pair.simulator.device(room: 1, device: 1)?.isOn == true)
        #expect(pair.driver.counters.transmitRetries == 3)
        #expect(await pair.driver.health == .healthy)
        try await pair.stop()
    }

    @Test func transmitFailGivesUpWhenTheBackoffRunsOut() async throws {
        let pair = try await LightwavePair.start(
            simulator: { $0.failTransmit = 100 },
            driver: {
                $0.transmitFailBackoff = Backoff(initial: .milliseconds(5), maximum: .seconds(1), giveUpAfter: .milliseconds(80))
            })
        await #expect(
            throws: LightwaveDriverError.transmitFailed(attempts: 5, retryDelays: [5, 10, 20, 40].map { .milliseconds($0) })
        ) {
            try await pair.driver.send(.device(room: 1, device: 1, .on))
        }
        #expect(pair.simulator.receivedCommands.count == 5)
        #expect(pair.simulator.device(room: 1, device: 1) == nil)
        guard case .degraded = await pair.driver.health else {
            Issue.record("health should be degraded")
            return
        }
        try await pair.stop()
    }

    @Test func jsonConfirmationIsAwaitedWhenConfigured() async throws {
        let pair = try await LightwavePair.start(driver: { $0.awaitConfirmation = true })
        let result = try await pair.driver.send(.device(room: 4, device: 3, .dim(level: 16)))
        #expect(result.confirmation?.room == 4)
        #expect(result.confirmation?.device == 3)
        #expect(result.confirmation?.packet == "433T")
        try await pair.stop()
    }

    @Test func missingJsonConfirmationIsAnErrorOnlyWhenAwaited() async throws {
        let waiting = try await LightwavePair.start(
            simulator: { $0.jsonEvents = false },
            driver: {
                $0.awaitConfirmation = true
                $0.confirmationTimeout = .milliseconds(300)
            })
        await #expect(throws: LightwaveDriverError.notConfirmed(timeout: .milliseconds(300))) {
            try await waiting.driver.send(.device(room: 1, device: 1, .on))
        }
        try await waiting.stop()
        let trusting = try await LightwavePair.start(simulator: { $0.jsonEvents = false })
        let result = try await trusting.driver.send(.device(room: 1, device: 1, .on))
        #expect(result.confirmation == nil)
        try await trusting.stop()
    }

    @Test func macSelectorPrefixAddressesOneLink() async throws {
        let selector = try #require(LightwaveLinkSelector("205678"))
        let pair = try await LightwavePair.start(
            simulator: { $0.mac = "74:0A:BC:20:56:78" }, driver: { $0.linkSelector = selector })
        try await pair.driver.send(.device(room: 1, device: 1, .on))
        #expect(pair.simulator.receivedCommands.last?.command.link == selector)
        #expect(pair.simulator.device(room: 1, device: 1)?.isOn == true)
        try await pair.stop()

        let other = try await LightwavePair.start(
            simulator: { $0.mac = "74:0A:BC:20:90:AB" },
            driver: {
                $0.linkSelector = selector
                $0.replyTimeout = .milliseconds(300)
            })
        await #expect(throws: LightwaveDriverError.noReply(attempts: 1, timeout: .milliseconds(300))) {
            try await other.driver.send(.device(room: 1, device: 1, .on))
        }
        #expect(other.simulator.receivedCommands.isEmpty)
        try await other.stop()
    }

    @Test func commandsAreSerialisedAndPaced() async throws {
        let pacing = Duration.milliseconds(100)
        let pair = try await LightwavePair.start(driver: { $0.pacing = pacing })
        let driver = pair.driver
        try await withThrowingTaskGroup(of: Void.self) { group in
            for device in UInt8(1)...4 {
                group.addTask { try await driver.send(.device(room: 5, device: device, .on)) }
            }
            try await group.waitForAll()
        }
        let received = pair.simulator.receivedCommands
        #expect(received.count == 4)
        for i in 1..<received.count {
            #expect(received[i].at - received[i - 1].at >= pacing)
            #expect((received[i].command.transaction ?? 0) > (received[i - 1].command.transaction ?? 0))
        }
        #expect(pair.simulator.devices.count == 4)
        try await pair.stop()
    }

    @Test func transactionIdsCycleFrom999BackTo1() async throws {
        let pair = try await LightwavePair.start()
        for _ in 0..<1000 { try await pair.driver.send(.hubInfo) }
        let ids = pair.simulator.receivedCommands.map { $0.command.transaction }
        #expect(ids.first == 1)
        #expect(ids[998] == 999)
        #expect(ids[999] == 1)
        try await pair.stop()
    }

    @Test func badAndStrayDatagramsAreReportedAndCommandsGoOn() async throws {
        let pair = try await LightwavePair.start()
        let replyPort = try #require(await pair.driver.replyPort)
        let sender = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: pair.host, port: 0).get()
        let target = try SocketAddress(ipAddress: pair.host, port: replyPort)
        try await sender.writeAndFlush(
            AddressedEnvelope(remoteAddress: target, data: sender.allocator.buffer(string: "bogus\u{1}")))
        #expect(await eventually { pair.driver.counters.bad == 1 })
        // A reply for an id nobody waits for (another client's, or late) is not taken.
        try await sender.writeAndFlush(
            AddressedEnvelope(remoteAddress: target, data: sender.allocator.buffer(string: "998,OK")))
        #expect(await eventually { pair.driver.counters.stray == 1 })
        try await pair.driver.send(.device(room: 1, device: 1, .on))
        #expect(pair.simulator.device(room: 1, device: 1)?.isOn == true)
        try await sender.close()
        await pair.driver.stop()
        var sawBad = false
        for await event in pair.driver.events {
            if case .badDatagram = event { sawBad = true }
        }
        #expect(sawBad)
        try await pair.simulator.stop()
    }
}
