import BridgeIO
import LightDrivers
import LightProtocols
import Simulators
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The Smart Light driver's serial output on real pseudo-terminals (issue 4 items 5–7;
/// PROTOCOLS.md §1.2): framed ASCII, write-only, reopened after a hang-up.
@Suite struct SmartLightDriverSerialTests {
    func serialSettings(_ path: String) -> SmartLightDriverSettings {
        SmartLightDriverSettings(
            transport: .serial(path: path), replyTimeout: .seconds(5),
            reconnect: Backoff(initial: .milliseconds(50), maximum: .milliseconds(200)))
    }

    /// Reads from the pty's master until `count` frames decoded (or a generous deadline).
    func readFrames(_ pty: PseudoTerminal, count: Int) async -> [Result<SmartLightCommand, SmartLightError>] {
        var decoder = SmartLightFrameDecoder()
        var results: [Result<SmartLightCommand, SmartLightError>] = []
        var rounds = 0
        while results.count < count && rounds < 150 {
            decoder.feed(await pty.read(count: 1, within: .milliseconds(100)))
            results += decoder.drain()
            rounds += 1
        }
        return results
    }

    @Test func framesDecodeToExactlyWhatWasSent() async throws {
        let pty = try PseudoTerminal()
        let driver = SmartLightDriver(settings: serialSettings(pty.path))
        await driver.start()
        for command in everyKind { try await driver.send(command) }
        try await driver.setMode(65535)
        let frames = await readFrames(pty, count: everyKind.count + 1)
        #expect(frames.map { try? $0.get() } == (everyKind + [.modeSet(mode: 65535)]).map { Optional($0) })
        #expect(await driver.health == .healthy)
        await driver.stop()
    }

    @Test func aCustomDelimiterIsUsed() async throws {
        let pty = try PseudoTerminal()
        let format = try SmartLightFrameFormat(delimiter: UInt8(ascii: "*"))
        let driver = SmartLightDriver(
            settings: SmartLightDriverSettings(
                transport: .serial(path: pty.path, settings: SerialSettings(baudRate: 19200), format: format)))
        await driver.start()
        try await driver.setMode(12)
        #expect(await eventually { await pty.read(count: 10, within: .milliseconds(100)) == Array("*****M12**".utf8) })
        await driver.stop()
    }

    @Test func theSimulatorsSerialSideShowsWhatTheDriverSent() async throws {
        let sim = try await SmartLightDeviceSimulator.start(
            SmartLightDeviceSimulatorSettings(port: nil, serial: .pseudoTerminal))
        let path = try #require(sim.serialPath)
        let driver = SmartLightDriver(settings: serialSettings(path))
        await driver.start()
        for command in everyKind.dropLast() { try await driver.send(command) }
        guard case .userColour(let colour) = everyKind[4], case .runLight(let run) = everyKind[3] else { return }
        #expect(await eventually { sim.received.count == everyKind.count - 1 })
        #expect(sim.received == Array(everyKind.dropLast()))
        #expect(sim.state.display == .runLight(run))
        #expect(sim.state.userColour == colour)
        try await driver.clear()
        #expect(await eventually { sim.state.display == .cleared })
        #expect(sim.serialErrors.isEmpty)
        await driver.stop()
        try await sim.stop()
    }

    @Test func aHungUpPortIsReopenedWhenThePathIsBack() async throws {
        let dir = "/tmp/lightbridge-smartlight-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        #expect(mkdir(dir, 0o700) == 0)
        let link = dir + "/tty"
        let first = try PseudoTerminal()
        #expect(symlink(first.path, link) == 0)
        let driver = SmartLightDriver(settings: serialSettings(link))
        await driver.start()
        try await driver.setMode(1)
        #expect(await readFrames(first, count: 1).map { try? $0.get() } == [.modeSet(mode: 1)])
        let attempts = await driver.openAttempts
        // The adapter is pulled: its name goes (first, so no retry can reach a pty number that
        // another test was given meanwhile) and the driver sees the hang-up.
        unlink(link)
        first.releaseSlave()
        first.hangUp()
        #expect(await eventually { await !driver.isConnected })
        #expect(await eventually { if case .down = await driver.health { true } else { false } })
        #expect(await eventually { await driver.openAttempts >= attempts + 2 })
        // It comes back (under the same name, as a udev symlink does).
        let second = try PseudoTerminal()
        #expect(symlink(second.path, link) == 0)
        #expect(await eventually { await driver.isConnected })
        try await driver.setMode(2)
        #expect(await readFrames(second, count: 1).map { try? $0.get() } == [.modeSet(mode: 2)])
        #expect(await driver.health == .healthy)
        await driver.stop()
        unlink(link)
        rmdir(dir)
    }

    @Test func aMissingPortIsReportedDown() async throws {
        var settings = serialSettings("/dev/lightbridge-no-such-tty")
        settings.replyTimeout = .milliseconds(200)
        let driver = SmartLightDriver(settings: settings)
        await driver.start()
        #expect(
            await eventually {
                if case .down(let reason) = await driver.health { reason.contains("no such device") } else { false }
            })
        #expect(await outcome(driver, .clear) == .notConnected)
        await driver.stop()
    }
}
