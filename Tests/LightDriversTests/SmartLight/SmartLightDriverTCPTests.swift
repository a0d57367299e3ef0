import LightDrivers
import LightProtocols
import Simulators
import Testing

/// The Smart Light driver against the device simulator over loopback TCP (issue 4 items 5–7;
/// PROTOCOLS.md §1.4).
@Suite struct SmartLightDriverTCPTests {
    @Test func everyCommandKindChangesTheLightExactly() async throws {
        try await withSmartLight { sim, driver in
            try await driver.send(everyKind[0])
            #expect(sim.state.display == .mode(5))
            #expect(sim.state.mode == 5)
            guard case .segment(let segment) = everyKind[1], case .level(let level) = everyKind[2],
                case .runLight(let run) = everyKind[3], case .userColour(let colour) = everyKind[4]
            else {
                Issue.record("fixture")
                return
            }
            try await driver.send(everyKind[1])
            #expect(sim.state.display == .segment(segment))
            #expect(sim.state.mode == nil)
            try await driver.send(everyKind[2])
            #expect(sim.state.display == .level(level))
            try await driver.send(everyKind[3])
            #expect(sim.state.display == .runLight(run))
            try await driver.send(everyKind[4])
            #expect(sim.state.userColour == colour)
            #expect(sim.state.display == .runLight(run))
            try await driver.clear()
            #expect(sim.state.display == .cleared)
            #expect(sim.state.userColour == nil)
            try await driver.setMode(255)
            #expect(sim.state.display == .mode(255))
            // Clear travels as mode 0 on the binary link (§1.4).
            #expect(sim.received == Array(everyKind.dropLast()) + [.modeSet(mode: 0), .modeSet(mode: 255)])
            #expect(await driver.health == .healthy)
        }
    }

    @Test func modeNumbersFollowTheConfiguredByteOrder() async throws {
        let sim = try await startSmartLightSimulator(configuredModes: [1...1000], modeByteOrder: .lsbFirst)
        let driver = SmartLightDriver(settings: smartLightTCPSettings(port: sim.port, modeByteOrder: .lsbFirst))
        await driver.start()
        try await driver.setMode(258)
        #expect(sim.state.display == .mode(258))
        await driver.stop()
        try await sim.stop()
    }

    @Test func repliesAreMatchedByIdEvenOutOfOrder() async throws {
        try await withSmartLight(configuredModes: [1...100]) { sim, driver in
            // Eight at once; the simulator answers them newest first. Half are refused.
            sim.behaviour = .holdReplies(8)
            let modes: [UInt16] = [1, 200, 2, 201, 3, 202, 4, 203]
            let results = await withTaskGroup(of: (UInt16, SmartLightDriverError?).self) { group in
                for mode in modes { group.addTask { (mode, await outcome(driver, .modeSet(mode: mode))) } }
                var all: [UInt16: SmartLightDriverError?] = [:]
                for await (mode, error) in group { all[mode] = error }
                return all
            }
            for mode in modes {
                let error = results[mode] ?? nil
                if mode < 100 {
                    #expect(error == nil, "mode \(mode)")
                } else if case .refused(_, let command, let reason) = error {
                    #expect(command == SmartLightPacketFormat.modeSetCommand)
                    #expect(reason == .modeNotConfigured)
                } else {
                    Issue.record("mode \(mode): \(String(describing: error))")
                }
            }
            // Many more, concurrently and in order, so the ids roll over 255.
            sim.behaviour = .normal
            let failures = await withTaskGroup(of: SmartLightDriverError?.self) { group in
                for i in 0..<200 { group.addTask { await outcome(driver, .modeSet(mode: UInt16(1 + i % 100))) } }
                var failures: [SmartLightDriverError] = []
                for await e in group { if let e { failures.append(e) } }
                return failures
            }
            #expect(failures.isEmpty)
            for i in 0..<100 { try await driver.setMode(UInt16(1 + i % 100)) }
            #expect(sim.received.count == 308)
            #expect(sim.refusals == [.modeNotConfigured, .modeNotConfigured, .modeNotConfigured, .modeNotConfigured])
        }
    }

    @Test func refusalsAndBadValuesAreTyped() async throws {
        try await withSmartLight(configuredModes: [1...10]) { sim, driver in
            let error = await outcome(driver, .modeSet(mode: 11))
            guard case .refused(_, let command, .modeNotConfigured) = error else {
                Issue.record("expected a refusal, got \(String(describing: error))")
                return
            }
            #expect(command == 0x51)
            #expect(error?.description.contains("mode not configured") == true)
            #expect(sim.state.display == .cleared)
            if case .degraded(let reason) = await driver.health {
                #expect(reason.contains("mode not configured"))
            } else {
                Issue.record("health should be degraded")
            }
            // A value the codec cannot encode never leaves the bridge.
            let bad = SmartLightCommand.level(
                SmartLightLevelMode(levelType: .fillFromTop, colour: .red, lightCount: 21, buzzer: .off))
            #expect(
                await outcome(driver, bad)
                    == .encoding(.valueOutOfRange(field: "level light count", value: 21, range: 0...20)))
            try await driver.setMode(10)
            #expect(sim.state.display == .mode(10))
            #expect(await driver.health == .healthy)
        }
    }

    @Test func silentLightTimesOut() async throws {
        try await withSmartLight(settings: { smartLightTCPSettings(port: $0, replyTimeout: .milliseconds(300)) }) {
            sim, driver in
            try await driver.setMode(1)
            sim.behaviour = .silent
            let error = await outcome(driver, .modeSet(mode: 2))
            guard case .timeout(_, 0x51) = error else {
                Issue.record("expected a time-out, got \(String(describing: error))")
                return
            }
            #expect(sim.state.display == .mode(2))  // applied, just not answered
            #expect(await driver.health != .healthy)
            sim.behaviour = .normal
            try await driver.setMode(3)
            #expect(await driver.health == .healthy)
        }
    }

    @Test func connectionClosedMidCommandFailsItAndTheDriverReconnects() async throws {
        try await withSmartLight { sim, driver in
            try await driver.setMode(1)
            sim.behaviour = .closeOnNextCommand
            let error = await outcome(driver, .modeSet(mode: 2))
            guard case .connectionClosed(_, 0x51) = error else {
                Issue.record("expected connectionClosed, got \(String(describing: error))")
                return
            }
            // The next command waits for the reconnect and goes through.
            try await driver.setMode(3)
            #expect(sim.state.display == .mode(3))
            #expect(sim.connectionCount == 2)
            #expect(await eventually { sim.clientCount == 1 })
        }
    }

    @Test func connectsWhenTheLightStartsLater() async throws {
        let probe = try await startSmartLightSimulator()
        let port = probe.port
        try await probe.stop()
        let driver = SmartLightDriver(settings: smartLightTCPSettings(port: port, replyTimeout: .milliseconds(200)))
        await driver.start()
        #expect(await eventually { if case .down = await driver.health { true } else { false } })
        #expect(await outcome(driver, .modeSet(mode: 1)) == .notConnected)
        let sim = try await startSmartLightSimulator(port: port)
        #expect(await eventually { await driver.isConnected })
        try await driver.setMode(7)
        #expect(sim.state.display == .mode(7))
        #expect(await driver.health == .healthy)
        await driver.stop()
        try await sim.stop()
    }

    @Test func malformedPacketClosesOnlyThatClient() async throws {
        try await withSmartLight { sim, driver in
            try await driver.setMode(1)
            let raw = try await RawSmartLightClient.connect(port: sim.port)
            #expect(await eventually { sim.clientCount == 2 })
            try await raw.send([9, 9, 0x51, 0, 1])  // the length byte disagrees with mode set
            #expect(await eventually { raw.closed })
            #expect(raw.received.isEmpty)
            #expect(sim.malformedReasons.count == 1)
            #expect(sim.malformedReasons.first?.contains("declares length 9") == true)
            // The driver's connection is untouched.
            try await driver.setMode(2)
            #expect(sim.state.display == .mode(2))
            #expect(sim.connectionCount == 2)
            await raw.close()
        }
    }

    @Test func stopFailsWaitingCommands() async throws {
        let sim = try await startSmartLightSimulator()
        let driver = SmartLightDriver(settings: smartLightTCPSettings(port: sim.port))
        let log = SmartLightEventLog(driver)
        await driver.start()
        #expect(await eventually { await driver.isConnected })
        sim.behaviour = .silent
        let waiting = Task { await outcome(driver, .modeSet(mode: 4)) }
        #expect(await eventually { sim.received.count == 1 })
        await driver.stop()
        #expect(await waiting.value == .stopped)
        #expect(await outcome(driver, .modeSet(mode: 5)) == .stopped)
        for await _ in driver.events {}
        #expect(log.all.contains(.health(.healthy)))
        #expect(await eventually { sim.clientCount == 0 })
        try await sim.stop()
    }
}
