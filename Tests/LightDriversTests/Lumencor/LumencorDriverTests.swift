import LightDrivers
import LightProtocols
import Simulators
import Testing

/// The Lumencor driver against the engine simulator over loopback TCP (issue 4 items 3, 6, 7;
/// PROTOCOLS.md §4).
@Suite struct LumencorDriverTests {
    @Test func connectsAndReadsTheEngine() async throws {
        try await withLumencor { sim, driver, log in
            #expect(await eventually { await driver.isReady })
            let engine = await driver.engine
            #expect(
                engine == LumencorEngineInfo(maxIntensity: 4095, channelCount: 4, colours: ["VIOLET", "BLUE", "GREEN", "RED"]))
            #expect(Array(sim.received.prefix(3)) == [.getMaxIntensity, .getChannelCount, .getChannelMap])
            #expect(await eventually { await driver.lastTemperature == 26 })
            #expect(await driver.health == .healthy)
            #expect(await driver.lastStatus == .ok)
            let read = try #require(engine)
            #expect(await eventually { log.all.contains(.engineRead(read)) })
            let version = try await driver.send(.getVersion)
            #expect(version == .version("1.0.6"))
            let model = try await driver.send(.getModel)
            #expect(model == .model("SPECTRAX"))
        }
    }

    @Test func percentAndColourNameActionsSetTheEngineExactly() async throws {
        try await withLumencor { sim, driver, _ in
            try await driver.setIntensity("green", percent: 50)
            #expect(sim.engine.intensity[2] == 2048)  // 2047.5 rounds half away from zero
            try await driver.setIntensity("Red", percent: 0.1)
            #expect(sim.engine.intensity[3] == 4)  // 4.095
            try await driver.setIntensity(1, percent: 100)
            #expect(sim.engine.intensity[1] == 4095)
            try await driver.setIntensity(.colour("VIOLET"), counts: 800)
            #expect(sim.engine.intensity[0] == 800)
            try await driver.setPower("blue", on: true)
            #expect(sim.engine.power == [false, true, false, false])
            try await driver.setPower(3, on: true)
            #expect(sim.engine.power == [false, true, false, true])
            let intensity = try await driver.send(.getChannelIntensity(channel: 2))
            #expect(intensity == .channelIntensity(2048))
            let state = try await driver.send(.getChannel(channel: 3))
            #expect(state == .channelState(on: true))
            try await driver.allOff()
            #expect(sim.engine.power == [false, false, false, false])
        }
    }

    @Test func severalChannelsAtOnceUseMULCHWhenAllAreGiven() async throws {
        let engine = LumencorEngineState(channels: ["RED", "GREEN", "CYAN", "UV", "BLUE", "TEAL"], maxIntensity: 1000)
        try await withLumencor(engine: engine) { sim, driver, _ in
            try await driver.setIntensities(percent: ["red": 10, "green": 20, "cyan": 37.5, "uv": 0, "blue": 100, "teal": 0.05])
            #expect(sim.engine.intensity == [100, 200, 375, 0, 1000, 1])
            #expect(sim.received.last == .setMultipleIntensities([100, 200, 375, 0, 1000, 1]))
            try await driver.setIntensities(percent: ["teal": 50, 0: 1])
            #expect(sim.engine.intensity == [10, 200, 375, 0, 1000, 500])
            #expect(
                Array(sim.received.suffix(2)) == [
                    .setChannelIntensity(channel: 0, intensity: 10), .setChannelIntensity(channel: 5, intensity: 500),
                ])
            try await driver.setPower(["red": true, "green": false, "cyan": true, "uv": false, "blue": true, "teal": true])
            #expect(sim.engine.power == [true, false, true, false, true, true])
            #expect(sim.received.last == .setMultipleChannels(on: [true, false, true, false, true, true]))
            try await driver.setPower(["UV": true])
            #expect(sim.received.last == .setChannel(channel: 3, on: true))
            #expect(sim.engine.power == [true, false, true, true, true, true])
        }
    }

    @Test func errorAnswersAndBadChannelsAreTyped() async throws {
        try await withLumencor { sim, driver, _ in
            #expect(await eventually { await driver.isReady })
            await #expect(throws: LumencorDriverError.engine(command: .chint, text: nil)) {
                try await driver.send(.setChannelIntensity(channel: 9, intensity: 5))
            }
            await #expect(throws: LumencorDriverError.engine(command: .mulch, text: nil)) {
                try await driver.send(.setMultipleChannels(on: [true]))
            }
            await #expect(throws: LumencorDriverError.engine(command: .chint, text: nil)) {
                try await driver.send(.setChannelIntensity(channel: 0, intensity: 5000))
            }
            await #expect(throws: LumencorDriverError.unknownChannel("magenta")) {
                try await driver.setIntensity("magenta", percent: 5)
            }
            await #expect(throws: LumencorDriverError.unknownChannel("4")) {
                try await driver.setPower(4, on: true)
            }
            await #expect(throws: LumencorDriverError.encoding(.invalidPercentage(101))) {
                try await driver.setIntensity("red", percent: 101)
            }
            await #expect(throws: LumencorDriverError.self) {
                try await driver.setIntensity("red", counts: 4096)
            }
            // An E answer is the engine refusing a command: the link stays healthy and usable.
            #expect(await driver.health == .healthy)
            let status = try await driver.send(.getChannelStatus(channel: 9))
            #expect(status == .channelStatus(.badIndex))
            #expect(sim.engine.intensity == [0, 0, 0, 0])
        }
    }

    @Test func connectsWhenTheSimulatorStartsLater() async throws {
        let probe = try await startLumencorSimulator()
        let port = try #require(probe.tcpPort)
        try await probe.stop()
        let driver = LumencorDriver(
            settings: lumencorSettings(.tcp(host: "127.0.0.1", port: port), readyTimeout: .milliseconds(200)))
        await driver.start()
        #expect(await eventually { lumencorIsDown(await driver.health) })
        await #expect(throws: LumencorDriverError.notConnected) {
            try await driver.send(.getVersion)
        }
        let sim = try await LumencorEngineSimulator.start(.init(host: "127.0.0.1", tcpPort: port))
        #expect(await eventually { await driver.isReady })
        let version = try await driver.send(.getVersion)
        #expect(version == .version("1.0.6"))
        #expect(await driver.health == .healthy)
        await driver.stop()
        try await sim.stop()
    }

    @Test func aSilentEngineTimesOutAndRecovers() async throws {
        try await withLumencor({ lumencorSettings(.tcp(host: "127.0.0.1", port: $0), answerTimeout: .seconds(2)) }) {
            sim, driver, _ in
            #expect(await eventually { await driver.isReady })
            sim.behaviour = .silent
            await #expect(throws: LumencorDriverError.timeout(command: .ver)) {
                try await driver.send(.getVersion)
            }
            #expect(lumencorIsDown(await driver.health))
            sim.behaviour = .normal
            let serial = try await driver.send(.getSerialNumber)
            #expect(serial == .serialNumber("6678"))
            #expect(await driver.health == .healthy)
            #expect(sim.connectionCount == 1)
        }
    }

    @Test func timeoutsInARowReopenTheLink() async throws {
        try await withLumencor({
            lumencorSettings(.tcp(host: "127.0.0.1", port: $0), answerTimeout: .seconds(2), timeoutsBeforeReconnect: 2)
        }) { sim, driver, _ in
            #expect(await eventually { await driver.isReady })
            sim.behaviour = .silent
            for _ in 0..<2 {
                await #expect(throws: LumencorDriverError.timeout(command: .ver)) {
                    try await driver.send(.getVersion)
                }
            }
            sim.behaviour = .normal
            #expect(await eventually { sim.connectionCount == 2 })
            #expect(await eventually { await driver.isReady })
            let version = try await driver.send(.getVersion)
            #expect(version == .version("1.0.6"))
            #expect(await eventually { sim.clientCount == 1 })
        }
    }

    @Test func connectionClosedMidCommandFailsItAndTheDriverReconnects() async throws {
        try await withLumencor { sim, driver, _ in
            #expect(await eventually { await driver.isReady })
            sim.behaviour = .closeOnNextCommand
            await #expect(throws: LumencorDriverError.connectionClosed(command: .chint)) {
                try await driver.setIntensity("green", percent: 10)
            }
            // The next command waits for the reconnect (and the engine reads) and goes through.
            try await driver.setIntensity("green", percent: 10)
            #expect(sim.engine.intensity[2] == 410)
            #expect(sim.connectionCount == 2)
            #expect(await eventually { sim.clientCount == 1 })
        }
    }

    @Test func nonzeroStatusDegradesHealthAndZeroRestoresIt() async throws {
        try await withLumencor({ lumencorSettings(.tcp(host: "127.0.0.1", port: $0), pollInterval: .milliseconds(50)) }) {
            sim, driver, log in
            #expect(await eventually { await driver.health == .healthy })
            sim.setStatus(.overTemperature)
            #expect(await eventually { await driver.health == .degraded("engine status 2 (over-temperature)") })
            // The event log reads the driver's stream on a task of its own: it may lag health.
            #expect(await eventually { log.statuses.contains(.overTemperature) })
            #expect(await eventually { log.all.contains(.health(.degraded("engine status 2 (over-temperature)"))) })
            sim.update { $0.temperature = 61 }
            #expect(await eventually { await driver.lastTemperature == 61 })
            sim.setStatus(.ok)
            #expect(await eventually { await driver.health == .healthy })
            let status = try await driver.readStatus()
            #expect(status == .ok)
        }
    }

    @Test func theEmptyLineAbsorbsTheFirstCommandQuirk() async throws {
        try await withLumencor(failFirstCommand: true) { sim, driver, log in
            #expect(await eventually { await driver.isReady })
            #expect(sim.received.first == .getMaxIntensity)
            #expect(sim.connectionCount == 1)
            #expect(await driver.engine?.maxIntensity == 4095)
            // The bare `E` the engine answered to the empty line was dropped, not reported.
            #expect(log.protocolErrors.isEmpty)
        }
    }

    @Test func withoutTheEmptyLineTheQuirkFailsTheEngineRead() async throws {
        try await withLumencor(
            failFirstCommand: true, { lumencorSettings(.tcp(host: "127.0.0.1", port: $0), sendsEmptyLine: false) }
        ) {
            sim, driver, _ in
            #expect(
                await eventually {
                    if case .down(let reason) = await driver.health { return reason.contains("E MAXINT") }
                    return false
                })
            #expect(await driver.isReady == false)
            // Each reconnect meets the quirk again; switching it off lets the next one through.
            sim.failsFirstCommandAfterConnect = false
            #expect(await eventually { await driver.isReady })
        }
    }

    @Test func badLinesFromTheEngineAreReportedAndSkipped() async throws {
        try await withLumencor { sim, driver, log in
            #expect(await eventually { await driver.isReady })
            sim.broadcast(Array("A NOSUCH 1\r\nA STAT x\r\n\u{1}\u{2}\r\nA VER 9.9\r\n".utf8))
            #expect(await eventually { log.protocolErrors.count == 3 })
            #expect(log.protocolErrors.first == .unknownCommand(keyword: "A", name: "NOSUCH"))
            // The good line nobody asked for is reported as unmatched.
            #expect(await eventually { log.all.contains(.unmatched(.version("9.9"))) })
            let version = try await driver.send(.getVersion)
            #expect(version == .version("1.0.6"))
            #expect(await driver.health == .healthy)
        }
    }

    @Test func stopFailsTheWaitingCommandAndEndsEvents() async throws {
        let sim = try await startLumencorSimulator()
        let driver = LumencorDriver(
            settings: lumencorSettings(.tcp(host: "127.0.0.1", port: sim.tcpPort ?? 0), answerTimeout: .seconds(60)))
        await driver.start()
        #expect(await eventually { await driver.isReady })
        sim.behaviour = .silent
        let waiting = Task { () async -> LumencorDriverError? in
            do throws(LumencorDriverError) {
                _ = try await driver.send(.getVersion)
                return nil
            } catch {
                return error
            }
        }
        #expect(await eventually { sim.received.contains(.getVersion) })
        await driver.stop()
        #expect(await waiting.value == .stopped)
        for await _ in driver.events {}
        #expect(await eventually { sim.clientCount == 0 })
        try await sim.stop()
    }

    @Test func severalClientsShareOneEngine() async throws {
        try await withLumencor { sim, driver, _ in
            let second = LumencorDriver(settings: lumencorSettings(.tcp(host: "127.0.0.1", port: sim.tcpPort ?? 0)))
            await second.start()
            #expect(await eventually { await second.isReady })
            try await second.setPower("red", on: true)
            let state = try await driver.send(.getChannel(channel: 3))
            #expect(state == .channelState(on: true))
            #expect(sim.clientCount == 2)
            await second.stop()
        }
    }
}
