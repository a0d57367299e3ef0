import LightDrivers
import LightProtocols
import Simulators
import Testing

/// The HelvarNet driver against the router simulator over loopback (issue 4 items 1, 6, 7).
@Suite struct HelvarDriverTests {
    @Test func discoversTheWorkgroup() async throws {
        try await withDriver { sim, driver, _ in
            let name = try await driver.query(HelvarCommand(.queryWorkgroupName))
            #expect(name.answer == "Simulated Workgroup")
            #expect(try await driver.query(HelvarCommand(.queryClusters)).decodedAnswer == .numbers([1]))
            #expect(
                try await driver.query(HelvarCommand(.queryRouters, address: HelvarAddress(cluster: 1))).decodedAnswer
                    == .numbers([1]))
            #expect(try await driver.query(HelvarCommand(.queryGroups)).decodedAnswer == .numbers([1, 2]))
            #expect(
                try await driver.query(HelvarCommand(.queryGroup, group: 1)).decodedAnswer
                    == .addresses([address(1), address(2)]))
            #expect(try await driver.query(HelvarCommand(.queryGroupDescription, group: 2)).answer == "Corridor")
            let types = try await driver.query(
                HelvarCommand(.queryDeviceTypesAndAddresses, address: HelvarAddress(cluster: 1, router: 1, subnet: 1)))
            #expect(types.answer == "1537@1,1537@2,1537@3")
            #expect(
                try await driver.query(HelvarCommand(.queryDeviceDescription, address: address(3))).answer == "Corridor light")
            let version = try await driver.query(HelvarCommand(.querySoftwareVersion))
            #expect(version.decodedAnswer == .softwareVersion(HelvarSoftwareVersion(major: 4, minor: 2, patch: 2)))
            #expect(await driver.health == .healthy)
            #expect(sim.clientCount == 1)
        }
    }

    @Test func controlCommandsChangeTheRouterStateAndAreAcknowledged() async throws {
        try await withDriver({ loopbackSettings(port: $0, acknowledge: true) }) { sim, driver, _ in
            try await driver.recallScene(group: 1, block: 1, scene: 2, fade: 0)
            #expect(sim.recalls == [HelvarRecall(group: 1, block: 1, scene: 2, fade: 0)])
            #expect(sim.state.level(of: address(1)) == 100)
            try await driver.setLevel(device: address(3), percent: 55)
            #expect(sim.state.level(of: address(3)) == 55)
            try await driver.setLevel(group: 1, percent: 12.5)
            #expect(sim.state.level(of: address(2)) == 12.5)
            // Commands went out with A:1 and each waited for its `!…=0#`.
            #expect(sim.received.filter { $0.number.category == .control }.allSatisfy { $0.acknowledge == true })
            let last = try await driver.query(HelvarCommand(.queryLastSceneInGroup, group: 1))
            #expect(last.decodedAnswer == .integer(HelvarRouterState.blockScene(block: 1, scene: 2)))
            let load = try await driver.query(HelvarCommand(.queryLoadLevel, address: address(3)))
            #expect(load.decodedAnswer == .level(try HelvarLevel(percent: 55)))
        }
    }

    @Test func routerErrorsAreTypedWithTheirNames() async throws {
        try await withDriver({ loopbackSettings(port: $0, acknowledge: true) }) { _, driver, _ in
            let missing = HelvarAddress(cluster: 1, router: 1, subnet: 1, device: 99)
            await #expect(throws: HelvarDriverError.router(code: .deviceMissing, command: .queryDeviceType, address: missing)) {
                try await driver.query(HelvarCommand(.queryDeviceType, address: missing))
            }
            let elsewhere = HelvarAddress(cluster: 1, router: 7, subnet: 1, device: 1)
            let error = await #expect(throws: HelvarDriverError.self) {
                try await driver.setLevel(device: elsewhere, percent: 10)
            }
            #expect(error == .router(code: .routerMissing, command: .directLevelDevice, address: elsewhere))
            #expect(error?.description.contains("routerMissing") == true)
            if case .degraded(let reason) = await driver.health {
                #expect(reason.contains("routerMissing"))
            } else {
                Issue.record("health should be degraded")
            }
            // The link stays usable and recovers.
            _ = try await driver.query(HelvarCommand(.queryWorkgroupName))
            #expect(await driver.health == .healthy)
        }
    }

    @Test func unansweredCommandsTimeOut() async throws {
        try await withDriver({ loopbackSettings(port: $0, replyTimeout: .milliseconds(300)) }) { sim, driver, log in
            _ = try await driver.query(HelvarCommand(.queryWorkgroupName))
            sim.behaviour = .silent
            await #expect(throws: HelvarDriverError.timeout(command: .queryGroups)) {
                try await driver.query(HelvarCommand(.queryGroups))
            }
            #expect(await driver.health != .healthy)
            sim.behaviour = .normal
            #expect(try await driver.query(HelvarCommand(.queryGroups)).decodedAnswer == .numbers([1, 2]))
            #expect(await driver.health == .healthy)
            _ = log
        }
    }

    @Test func connectionClosedMidCommandFailsItAndTheDriverReconnects() async throws {
        try await withDriver { sim, driver, _ in
            _ = try await driver.query(HelvarCommand(.queryWorkgroupName))
            sim.behaviour = .closeOnCommand
            await #expect(throws: HelvarDriverError.connectionClosed(command: .queryClusters)) {
                try await driver.query(HelvarCommand(.queryClusters))
            }
            sim.behaviour = .normal
            // The next command waits for the reconnect and goes through.
            #expect(try await driver.query(HelvarCommand(.queryClusters)).decodedAnswer == .numbers([1]))
            #expect(await eventually { sim.clientCount == 1 })
        }
    }

    @Test func stopFailsWaitingCommandsAndEndsEvents() async throws {
        let sim = try await startSimulator()
        let driver = HelvarDriver(settings: loopbackSettings(port: sim.tcpPort))
        await driver.start()
        #expect(await eventually { await driver.isConnected })
        sim.behaviour = .silent
        let waiting = Task { () async -> HelvarDriverError? in
            do throws(HelvarDriverError) {
                _ = try await driver.query(HelvarCommand(.queryGroups))
                return nil
            } catch {
                return error
            }
        }
        #expect(await eventually { sim.received.contains { $0.number == .queryGroups } })
        await driver.stop()
        #expect(await waiting.value == .stopped)
        // The event stream ends (this loop returns).
        for await _ in driver.events {}
        #expect(await eventually { sim.clientCount == 0 })
        try await sim.stop()
    }

    @Test func connectsWhenTheSimulatorStartsLater() async throws {
        let probe = try await startSimulator()
        let port = probe.tcpPort
        try await probe.stop()
        let driver = HelvarDriver(settings: loopbackSettings(port: port, replyTimeout: .milliseconds(200)))
        await driver.start()
        #expect(await eventually { if case .down = await driver.health { return true } else { return false } })
        await #expect(throws: HelvarDriverError.notConnected) {
            try await driver.query(HelvarCommand(.queryWorkgroupName))
        }
        let sim = try await startSimulator(tcpPort: port)
        #expect(await eventually { await driver.isConnected })
        #expect(try await driver.query(HelvarCommand(.queryWorkgroupName)).answer == "Simulated Workgroup")
        #expect(await driver.health == .healthy)
        await driver.stop()
        try await sim.stop()
    }

    @Test func routerPushedRecallsAreEvents() async throws {
        try await withDriver { sim, driver, log in
            _ = try await driver.query(HelvarCommand(.queryWorkgroupName))
            sim.recall(group: 2, block: 1, scene: 2, fade: 150)
            #expect(await eventually { log.recalls.contains(.sceneRecalled(group: 2, block: 1, scene: 2, fade: 150)) })
            // A recall by another client reaches this one too.
            let other = HelvarDriver(settings: loopbackSettings(port: sim.tcpPort))
            await other.start()
            try await other.recallScene(group: 1, block: 1, scene: 3, fade: 20)
            #expect(await eventually { log.recalls.contains(.sceneRecalled(group: 1, block: 1, scene: 3, fade: 20)) })
            await other.stop()
        }
    }

    @Test func badBytesFromTheRouterAreReportedAndGoodOnesKept() async throws {
        try await withDriver { sim, driver, log in
            _ = try await driver.query(HelvarCommand(.queryWorkgroupName))
            sim.broadcast(Array("junk>V:2,C:999#>V:2,C:11,G:5,B:2,S:4,F:0#".utf8))
            #expect(await eventually { log.recalls.contains(.sceneRecalled(group: 5, block: 2, scene: 4, fade: 0)) })
            #expect(log.protocolErrors.count >= 2)
            #expect(try await driver.query(HelvarCommand(.queryGroups)).decodedAnswer == .numbers([1, 2]))
        }
    }

    @Test func splitRepliesAreReassembled() async throws {
        let format = try HelvarFormat(maxMessageLength: 256)
        try await withDriver(format: format) { _, driver, _ in
            let reply = try await driver.query(HelvarCommand(.querySceneInfo, address: address(1)))
            let values = reply.answer.split(separator: ",", omittingEmptySubsequences: false)
            #expect(values.count == 136)
            #expect(values.prefix(3) == ["0", "100", "30"])
            // The simulator really split it: the same reply encoded with its limit has `$` parts.
            let wire = try HelvarEncoder(format: format).encode(.reply(reply))
            #expect(wire.contains(UInt8(ascii: "$")))
        }
    }

    @Test func partialRepliesAcrossSegmentsAreReassembled() async throws {
        try await withDriver { sim, driver, log in
            #expect(await eventually { await driver.isConnected })
            sim.behaviour = .silent
            async let reply = driver.query(HelvarCommand(.queryWorkgroupName))
            #expect(await eventually { sim.received.contains { $0.number == .queryWorkgroupName } })
            sim.broadcast(Array("?V:1,C:10".utf8))
            try await Task.sleep(for: .milliseconds(20))
            sim.broadcast(Array("7=Hello $?V:1,C:107=wor".utf8))
            try await Task.sleep(for: .milliseconds(20))
            sim.broadcast(Array("ld#>V:2,C:11,G:3,B:1,S:1,F:0#".utf8))
            let answer = try await reply.answer
            #expect(answer == "Hello world")
            #expect(await eventually { log.recalls.contains(.sceneRecalled(group: 3, block: 1, scene: 1, fade: 0)) })
        }
    }

    @Test func repliesAreMatchedPerCommandAndAddress() async throws {
        try await withDriver { _, driver, _ in
            async let one = driver.query(HelvarCommand(.queryGroupDescription, group: 1))
            async let two = driver.query(HelvarCommand(.queryGroupDescription, group: 2))
            async let name = driver.query(HelvarCommand(.queryDeviceDescription, address: address(2)))
            async let level = driver.query(HelvarCommand(.queryLoadLevel, address: address(2)))
            let answers = try await [one.answer, two.answer, name.answer, level.answer]
            #expect(answers == ["Bench", "Corridor", "Bench light 2", "0"])
        }
    }

    @Test func keepAliveQueriesTheTime() async throws {
        try await withDriver({ loopbackSettings(port: $0, keepAlive: .milliseconds(100)) }) { sim, _, _ in
            #expect(await eventually { sim.received.filter { $0.number == .queryTime }.count >= 3 })
        }
    }

    @Test func keepAliveTimeoutReconnects() async throws {
        try await withDriver({ loopbackSettings(port: $0, replyTimeout: .milliseconds(200), keepAlive: .milliseconds(100)) }) {
            sim, driver, _ async throws in
            #expect(await eventually { await driver.isConnected })
            #expect(await eventually { sim.connectionCount == 1 })
            sim.behaviour = .silent
            // An unanswered keep-alive drops the link; the driver connects again.
            #expect(await eventually { sim.connectionCount >= 2 })
            sim.behaviour = .normal
            #expect(try await driver.query(HelvarCommand(.queryClusters)).decodedAnswer == .numbers([1]))
        }
    }

    @Test func commandsInARowArriveInOrder() async throws {
        try await withDriver { sim, driver, _ in
            for level in 1...8 { try await driver.setLevel(device: address(1), percent: Double(level)) }
            #expect(await eventually { sim.received.count == 8 })
            #expect(sim.received.compactMap { $0.level?.wholePercent } == Array(1...8))
            #expect(await eventually { sim.state.level(of: address(1)) == 8 })
        }
    }

    @Test func writesAreSpacedByTheWriteInterval() async throws {
        // A lower bound only (a loaded machine can only make it slower): five writes spaced at
        // least 100 ms cannot all arrive sooner than 400 ms after the first was queued.
        let settings: (Int) -> HelvarDriverSettings = { port in
            var s = loopbackSettings(port: port)
            s.writeInterval = .milliseconds(100)
            return s
        }
        try await withDriver(settings) { sim, driver, _ in
            #expect(await eventually { await driver.isConnected })
            let clock = ContinuousClock()
            let start = clock.now
            for level in 1...5 { try await driver.setLevel(device: address(2), percent: Double(level)) }
            #expect(await eventually { sim.received.count == 5 })
            #expect(clock.now - start >= .milliseconds(400))
        }
    }

    @Test func rawEncodingOnRequest() async throws {
        try await withDriver({ loopbackSettings(port: $0, encoding: .raw, acknowledge: true) }) { sim, driver, log in
            try await driver.recallScene(group: 2, block: 1, scene: 2, fade: 50)
            #expect(sim.recalls == [HelvarRecall(group: 2, block: 1, scene: 2, fade: 50)])
            #expect(sim.state.level(of: address(3)) == 80)
            #expect(await eventually { log.recalls.contains(.sceneRecalled(group: 2, block: 1, scene: 2, fade: 50)) })
            await #expect(throws: HelvarDriverError.notSupportedInRaw(command: .queryGroups)) {
                try await driver.query(HelvarCommand(.queryGroups))
            }
        }
    }

    @Test func udpOnRequest() async throws {
        let sim = try await startSimulator()
        let port = try #require(sim.udpPort)
        let driver = HelvarDriver(settings: loopbackSettings(port: port, transport: .udp, acknowledge: true))
        await driver.start()
        #expect(try await driver.query(HelvarCommand(.queryWorkgroupName)).answer == "Simulated Workgroup")
        try await driver.recallScene(group: 1, block: 1, scene: 3)
        #expect(sim.recalls.map(\.scene) == [3])
        await driver.stop()
        try await sim.stop()
    }
}
