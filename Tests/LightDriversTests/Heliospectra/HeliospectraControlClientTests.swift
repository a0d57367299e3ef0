import LightDrivers
import LightProtocols
import Simulators
import Testing

/// The Heliospectra control-socket client against the lamp simulator over loopback TCP
/// (issue 4 items 4, 6, 7).
@Suite struct HeliospectraControlClientTests {
    /// A lamp (no master group) and a started client, closed after `body`.
    func withClient(
        lamp configure: (inout HeliospectraLampSimulatorSettings) -> Void = { _ in },
        client make: (Int) -> HeliospectraControlClient = { loopbackClient(port: $0) },
        _ body: (HeliospectraLampSimulator, HeliospectraControlClient) async throws -> Void
    ) async throws {
        let lamp = try await startLamp(group: nil, configure)
        let client = make(lamp.controlPort)
        await client.start()
        do {
            try await body(lamp, client)
        } catch {
            await client.stop()
            try await lamp.stop()
            throw error
        }
        await client.stop()
        try await lamp.stop()
    }

    @Test func greetingPromptAndCommandsChangeTheLampState() async throws {
        try await withClient { lamp, client in
            #expect(try await client.wavelengths() == [400, 420, 450, 530, 630, 660, 735])
            #expect(await client.greeting == [lamp.settings.greeting])
            try await client.setRelativePowers([10, 20, 30, 40, 50, 60, 70])
            #expect(lamp.powers == [10, 20, 30, 40, 50, 60, 70])
            try await client.setRelativePower(wavelength: 450, value: 333)
            #expect(lamp.power(at: 450) == 333)
            #expect(try await client.relativePowers() == [10, 20, 333, 40, 50, 60, 70])
            try await client.setAll(500)
            #expect(try await client.relativePowers() == Array(repeating: 500, count: 7))
            #expect(try await client.temperature(sensor: 1) == 31.0)
            #expect(try await client.mac() == lamp.settings.mac)
            #expect(await client.health == .healthy)
            #expect(lamp.connectionCount == 1)
        }
    }

    @Test func errorRepliesAreTypedAndTheSessionGoesOn() async throws {
        try await withClient { lamp, client in
            let error = await caught { try await client.setRelativePower(wavelength: 999, value: 1) }
            #expect(error == .lampError(command: "setWlRelPower", text: "ERROR: no channel at 999 nm"))
            #expect(await client.health == .degraded("setWlRelPower: ERROR: no channel at 999 nm"))
            lamp.behaviour = .errorReplies
            let failed = await caught { try await client.wavelengths() }
            #expect(failed == .lampError(command: "getWl", text: "ERROR: simulated failure"))
            lamp.behaviour = .normal
            let wavelengths = try await client.wavelengths()
            #expect(wavelengths.count == 7)
            #expect(await client.health == .healthy)
            #expect(lamp.connectionCount == 1)
            // Values out of range never leave the client.
            let refused = await caught { try await client.setAll(1001) }
            #expect(refused == .encoding(.valueOutOfRange(field: "relative power", value: 1001, range: 0...1000)))
        }
    }

    @Test func badBytesFromTheLampAreReportedAndGoodRepliesStillRead() async throws {
        try await withClient { lamp, client in
            let events = client.events
            let errors = Task { () -> [HeliospectraError] in
                var seen: [HeliospectraError] = []
                for await event in events {
                    if case .protocolError(let e) = event { seen.append(e) }
                }
                return seen
            }
            _ = try await client.wavelengths()
            lamp.sendToClient([0x01, 0x02, 0x0A] + Array(repeating: UInt8(ascii: "x"), count: 600) + [0x0A])
            lamp.behaviour = .malformedReplies
            let error = await caught { try await client.wavelengths() }
            guard case .badReply(.malformedReply(request: "getWl", text: "OK ?")) = error else {
                Issue.record("expected badReply, got \(String(describing: error))")
                return
            }
            lamp.behaviour = .normal
            #expect(try await client.relativePowers().count == 7)
            await client.stop()
            let seen = await errors.value
            #expect(seen.contains(.invalidLine([0x01, 0x02])))
            #expect(seen.contains(.lineTooLong(max: 512)))
        }
    }

    @Test func aSecondClientIsRefusedUntilTheFirstLeaves() async throws {
        try await withClient { lamp, first in
            _ = try await first.wavelengths()
            let second = loopbackClient(port: lamp.controlPort, connectWait: .milliseconds(500))
            let error = await caught { try await second.wavelengths() }
            guard case .notConnected(let reason) = error else {
                Issue.record("expected notConnected, got \(String(describing: error))")
                return
            }
            #expect(reason.contains(lamp.settings.busyText))
            #expect(lamp.refusedCount >= 1)
            await first.stop()
            // The second client keeps retrying on its own, so it may take the lamp before any
            // poll could see the lamp free: what counts is that it gets in once the first left.
            #expect(await eventually { (try? await second.mac()) == lamp.settings.mac })
            await second.stop()
        }
    }

    @Test func afterTheLampsIdleTimeoutTheNextCommandReconnects() async throws {
        try await withClient(lamp: { $0.idleTimeout = .milliseconds(300) }) { lamp, client in
            try await client.setAll(100)
            #expect(await eventually { lamp.idleCloseCount == 1 })
            #expect(await eventually { await !client.isConnected })
            try await client.setAll(200)
            #expect(lamp.powers == Array(repeating: 200, count: 7))
            // At least one reconnect; more if the lamp's 300 ms timer beat a command on a busy box.
            #expect(lamp.connectionCount >= 2)
            #expect(await client.health == .healthy)
        }
    }

    @Test func theClientSaysByeWhenIdleBeforeTheLampTimesOut() async throws {
        try await withClient(client: { loopbackClient(port: $0, idleDisconnect: .milliseconds(200)) }) { lamp, client in
            _ = try await client.wavelengths()
            #expect(await eventually { lamp.byeCount == 1 && !lamp.hasClient })
            #expect(lamp.idleCloseCount == 0)
            #expect(try await client.relativePowers().count == 7)
            #expect(lamp.connectionCount == 2)
        }
    }

    @Test func aLampStartedLaterIsConnectedTo() async throws {
        let port = try await freeTCPPort()
        let client = loopbackClient(port: port)
        await client.start()
        #expect(
            await eventually {
                if case .down = await client.health { return true }
                return false
            })
        let lamp = try await startLamp(group: nil, controlPort: port)
        #expect(await eventually { await client.isConnected })
        #expect(await client.health == .healthy)
        #expect(try await client.wavelengths().count == 7)
        await client.stop()
        try await lamp.stop()
    }

    @Test func noLampMeansNotConnected() async throws {
        let port = try await freeTCPPort()
        let client = loopbackClient(port: port, connectWait: .milliseconds(300))
        guard case .notConnected = await caught({ try await client.wavelengths() }) else {
            Issue.record("expected notConnected")
            return
        }
        await client.stop()
    }

    @Test func unansweredCommandsTimeOutAndTheClientRecovers() async throws {
        try await withClient(client: { loopbackClient(port: $0, replyTimeout: .milliseconds(300)) }) { lamp, client in
            _ = try await client.wavelengths()
            lamp.behaviour = .silent
            #expect(await caught { try await client.relativePowers() } == .timeout(command: "getAllRelPower"))
            // The out-of-step connection is forgotten at once, not when its close is reported:
            // the next command must not be written on it.
            #expect(await !client.isConnected)
            if case .degraded = await client.health {} else { Issue.record("health should be degraded") }
            lamp.behaviour = .normal
            #expect(try await client.relativePowers().count == 7)
            #expect(await client.health == .healthy)
        }
    }

    @Test func aConnectionClosedMidCommandIsRetriedThenFails() async throws {
        try await withClient { lamp, client in
            _ = try await client.wavelengths()
            lamp.behaviour = .closeOnCommand
            #expect(await caught { try await client.setAll(1) } == .connectionClosed(command: "setAll"))
            // Sent once more on a fresh connection before giving up.
            #expect(lamp.connectionCount == 2)
            lamp.behaviour = .normal
            try await client.setAll(2)
            #expect(lamp.powers == Array(repeating: 2, count: 7))
        }
    }

    @Test func stopSaysByeAndLaterCommandsFail() async throws {
        let lamp = try await startLamp(group: nil)
        let client = loopbackClient(port: lamp.controlPort)
        await client.start()
        _ = try await client.mac()
        await client.stop()
        #expect(await eventually { lamp.byeCount == 1 && !lamp.hasClient })
        #expect(lamp.requests.last == .bye)
        #expect(await caught { try await client.wavelengths() } == .stopped)
        try await lamp.stop()
    }
}
