import LightDrivers
import LightProtocols
import NIOCore
import NIOPosix
import Simulators
import Testing

@Suite struct LightwaveDriverTests {
    @Test func onDimOffReachTheSimulatedDevice() async throws {
        let pair = try await LightwavePair.start()
        let on = try await pair.driver.send(.device(room: 1, device: 2, .on))
        #expect(on.attempts == 1)
        #expect(pair.simulator.device(room: 1, device: 2) == LightwaveDeviceState(isOn: true, level: 32))
        try await pair.driver.set(room: 1, device: 2, percent: 50)
        #expect(pair.simulator.device(room: 1, device: 2) == LightwaveDeviceState(isOn: true, level: 16))
        try await pair.driver.set(room: 1, device: 2, percent: 0)
        #expect(pair.simulator.device(room: 1, device: 2)?.isOn == false)
        #expect(await pair.driver.health == .healthy)
        let wire = pair.simulator.receivedCommands.map(\.command.action)
        #expect(
            wire == [
                .device(room: 1, device: 2, .on), .device(room: 1, device: 2, .dim(level: 16)), .device(room: 1, device: 2, .off),
            ])
        try await pair.stop()
    }

    @Test func duplicateRepliesAreDroppedAndEventsArriveOnce() async throws {
        let pair = try await LightwavePair.start()
        for device in UInt8(1)...3 { try await pair.driver.send(.device(room: 2, device: device, .on)) }
        // 3 × (OK + JSON), each twice.
        #expect(await eventually { pair.driver.counters.received == 12 })
        let counters = pair.driver.counters
        #expect(counters.duplicates == 6)
        #expect(counters.stray == 0)
        #expect(counters.sent == 3)
        await pair.driver.stop()
        var radio: [Int] = []
        for await event in pair.driver.events {
            if case .linkEvent(let e) = event, e.isRadioPacket, let dev = e.device { radio.append(dev) }
        }
        #expect(radio == [1, 2, 3])
        try await pair.simulator.stop()
    }

    @Test func simulatorAbsentTimesOutAndGoesDownThenRecovers() async throws {
        let host = uniqueLoopbackHost()
        let commandPort = try await freeUDPPort(host: host)
        let replyPort = try await freeUDPPort(host: host)
        var settings = testDriverSettings(commandPort: commandPort, replyPort: replyPort, host: host)
        settings.replyTimeout = .seconds(1)
        settings.noReplyRetries = 1
        let driver = LightwaveDriver(settings: settings, logger: quietLogger)
        try await driver.start()
        #expect(await driver.health == .connecting)
        await #expect(throws: LightwaveDriverError.noReply(attempts: 2, timeout: .seconds(1))) {
            try await driver.send(.device(room: 1, device: 1, .on))
        }
        guard case .down = await driver.health else {
            Issue.record("health should be down")
            return
        }
        let simulator = try await LightwaveLinkSimulator.start(
            LightwaveLinkSimulatorSettings(
                host: host, port: commandPort, replyPort: replyPort, broadcastAddress: nil, registeredClients: [host]),
            logger: quietLogger)
        // UDP has no connection: the next command that gets an answer brings the link back.
        #expect(await eventually { (try? await driver.send(.device(room: 1, device: 1, .on))) != nil })
        #expect(await driver.health == .healthy)
        #expect(simulator.device(room: 1, device: 1)?.isOn == true)
        await driver.stop()
        try await simulator.stop()
    }

    @Test(arguments: [(LightwaveLinkModel.lw500, UInt16(1)), (.lw930, 2)])
    func notRegisteredIsATypedError(model: LightwaveLinkModel, code: UInt16) async throws {
        let pair = try await LightwavePair.start(simulator: {
            $0 = LightwaveLinkSimulatorSettings(
                host: $0.host, port: 0, replyPort: $0.replyPort, broadcastAddress: $0.host, model: model)
        })
        do {
            try await pair.driver.send(.device(room: 1, device: 1, .on))
            Issue.record("expected notRegistered")
        } catch {
            guard case .notRegistered(let reply) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(reply.code == code)
            #expect(reply.text == "Not yet registered. Send !F*p to register")
            #expect(reply.model == model)
        }
        guard case .degraded = await pair.driver.health else {
            Issue.record("health should be degraded")
            return
        }
        #expect(pair.simulator.device(room: 1, device: 1) == nil)
        try await pair.stop()
    }

    @Test func registrationWaitsForTheButtonThenCommandsWork() async throws {
        let pair = try await LightwavePair.start(simulator: { $0.registeredClients = [] })
        let driver = pair.driver
        let registering = Task { try await driver.register() }
        #expect(await eventually { pair.simulator.receivedCommands.contains { $0.command.action == .register } })
        // The Link answered "See WifiLink" and waits; the button is pressed.
        #expect(await eventually { pair.simulator.pressButton() })
        guard case .registered(let event) = try await registering.value else {
            Issue.record("expected registered")
            return
        }
        #expect(event.isRegistrationSuccess)
        #expect(pair.simulator.registeredClients == [pair.host])
        try await driver.send(.device(room: 3, device: 1, .on))
        #expect(pair.simulator.device(room: 3, device: 1)?.isOn == true)
        #expect(try await driver.register() == .alreadyRegistered(firmware: "U2.93J"))
        try await pair.stop()
    }

    @Test func autoRegisterPressesTheButtonByItself() async throws {
        let pair = try await LightwavePair.start(simulator: {
            $0.registeredClients = []
            $0.autoRegisterAfter = .milliseconds(50)
        })
        guard case .registered = try await pair.driver.register() else {
            Issue.record("expected registered")
            return
        }
        try await pair.stop()
    }

    @Test func registrationTimesOutWithoutTheButton() async throws {
        let pair = try await LightwavePair.start(
            simulator: { $0.registeredClients = [] }, driver: { $0.registrationTimeout = .milliseconds(300) })
        await #expect(throws: LightwaveDriverError.registrationTimedOut(.milliseconds(300))) {
            try await pair.driver.register()
        }
        try await pair.stop()
    }

    @Test func fullPairingMemoryIsReported() async throws {
        let pair = try await LightwavePair.start(simulator: {
            $0.registeredClients = ["192.0.2.1"]
            $0.capacity = 1
        })
        await #expect(throws: LightwaveDriverError.pairingMemoryFull) { try await pair.driver.register() }
        try await pair.stop()
    }

    @Test func replyPortIsSharedWithOtherListeners() async throws {
        let pair = try await LightwavePair.start()
        let port = try #require(await pair.driver.replyPort)
        // Another program (here a second driver) binds the same reply port alongside.
        let other = LightwaveDriver(
            settings: testDriverSettings(commandPort: pair.simulator.port, replyPort: port, host: pair.host), logger: quietLogger)
        try await other.start()
        #expect(await other.replyPort == port)
        await other.stop()
        try await pair.driver.send(.device(room: 1, device: 1, .on))
        try await pair.stop()
    }
}
