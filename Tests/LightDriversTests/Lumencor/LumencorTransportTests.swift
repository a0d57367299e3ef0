import BridgeIO
import LightDrivers
import LightProtocols
import Simulators
import Testing

/// The Lumencor driver's UDP and serial transports against the simulator (PROTOCOLS.md §4:
/// TCP 8095, serial 115200 8N1, or UDP).
@Suite struct LumencorTransportTests {
    @Test func udpTransport() async throws {
        let sim = try await startLumencorSimulator(tcpPort: nil, udpPort: 0, failFirstCommand: true)
        let port = try #require(sim.udpPort)
        let driver = LumencorDriver(
            settings: lumencorSettings(.udp(host: "127.0.0.1", port: port), pollInterval: .milliseconds(100)))
        await driver.start()
        #expect(await eventually { await driver.isReady })
        #expect(await driver.engine?.colours == ["VIOLET", "BLUE", "GREEN", "RED"])
        try await driver.setIntensity("blue", percent: 25)
        try await driver.setPower("BLUE", on: true)
        #expect(sim.engine.intensity[1] == 1024)
        #expect(sim.engine.power == [false, true, false, false])
        sim.setStatus(.safetyLock)
        #expect(await eventually { await driver.health == .degraded("engine status 4 (safety lock)") })
        await driver.stop()
        try await sim.stop()
    }

    @Test func udpEngineAbsentTimesOutThenAnswers() async throws {
        let probe = try await startLumencorSimulator(tcpPort: nil, udpPort: 0)
        let port = try #require(probe.udpPort)
        try await probe.stop()
        let driver = LumencorDriver(
            settings: lumencorSettings(.udp(host: "127.0.0.1", port: port), answerTimeout: .seconds(2)))
        await driver.start()
        #expect(await eventually { lumencorIsDown(await driver.health) })
        let sim = try await startLumencorSimulator(tcpPort: nil, udpPort: port)
        #expect(await eventually { await driver.isReady })
        let maxIntensity = try await driver.send(.getMaxIntensity)
        #expect(maxIntensity == .maxIntensity(4095))
        await driver.stop()
        try await sim.stop()
    }

    @Test func serialTransportOverAPseudoTerminal() async throws {
        let sim = try await startLumencorSimulator(tcpPort: nil, serial: .pseudoTerminal, failFirstCommand: true)
        let path = try #require(sim.serialPath)
        let driver = LumencorDriver(settings: lumencorSettings(.serial(path: path)))
        await driver.start()
        #expect(await eventually { await driver.isReady })
        #expect(await driver.engine?.maxIntensity == 4095)
        try await driver.setIntensities(percent: [0: 100, 1: 50, 2: 0, 3: 12.5])
        try await driver.setPower(["violet": true, "red": true, "blue": false, "green": false])
        #expect(sim.engine.intensity == [4095, 2048, 0, 512])
        #expect(sim.engine.power == [true, false, false, true])
        await #expect(throws: LumencorDriverError.engine(command: .ot, text: nil)) {
            try await driver.send(.getOperatingTime(channel: 7))
        }
        let userVariable = try await driver.send(.getUserVariable)
        #expect(userVariable == .userVariable("0"))
        await driver.stop()
        try await sim.stop()
    }

    @Test func simulatorServesAGivenTTY() async throws {
        // `--serial PATH`: the simulator opens a tty (here a pty's slave); the test is the client
        // on the master side.
        let pty = try PseudoTerminal()
        let sim = try await startLumencorSimulator(tcpPort: nil, serial: .device(path: pty.path))
        pty.releaseSlave()
        let lines = PTYLines(pty)
        pty.write("\nGET VER\nSET CHINT 1 77\nGET CHINT 1\nGET NOPE\n")
        #expect(await lines.next() == "A VER 1.0.6\r")
        #expect(await lines.next() == "A CHINT\r")
        #expect(await lines.next() == "A CHINT 77\r")
        #expect(await lines.next() == "E NOPE\r")
        #expect(sim.engine.intensity[1] == 77)
        try await sim.stop()
    }

    @Test func serialDriverAgainstAPseudoTerminalItDrives() async throws {
        // The driver alone on a real pty: what it writes, byte for byte, and how it reads
        // answers split anywhere.
        let pty = try PseudoTerminal()
        let lines = PTYLines(pty)
        let driver = LumencorDriver(settings: lumencorSettings(.serial(path: pty.path)))
        await driver.start()
        #expect(await lines.next() == "")
        #expect(await lines.next() == "GET MAXINT")
        pty.write("A MAX")
        pty.write("INT 1000\r\n")
        #expect(await lines.next() == "GET NUMCH")
        pty.write("A NUMCH 2\r\n")
        #expect(await lines.next() == "GET CHMAP")
        pty.write("A CHMAP UV TEAL\r\n")
        #expect(await lines.next() == "GET STAT")
        pty.write("A STAT 6\r\n")
        #expect(await lines.next() == "GET TEMP")
        pty.write("A TEMP 30\r\n")
        #expect(await eventually { await driver.isReady })
        #expect(await eventually { await driver.health == .degraded("engine status 6 (standby)") })
        let set = Task { try await driver.setIntensity("teal", percent: 33.3) }
        #expect(await lines.next() == "SET CHINT 1 333")
        pty.write("A CHINT\r\n")
        try await set.value
        await driver.stop()
    }

    @Test func aLateAnswerToTheEmptyLineIsDroppedButALaterBareEIsReported() async throws {
        // The engine's `E` to the empty line comes after the 100 ms wait (a busy engine or
        // host): it is still the empty line's answer. Once an answer was read, a bare `E` is bad.
        let pty = try PseudoTerminal()
        let lines = PTYLines(pty)
        let driver = LumencorDriver(settings: lumencorSettings(.serial(path: pty.path)))
        let log = LumencorEventLog(driver)
        await driver.start()
        #expect(await lines.next() == "")
        #expect(await lines.next() == "GET MAXINT")
        pty.write("E\r\nA MAXINT 1000\r\nE\r\n")
        #expect(await lines.next() == "GET NUMCH")
        pty.write("A NUMCH 1\r\n")
        #expect(await lines.next() == "GET CHMAP")
        pty.write("A CHMAP UV\r\n")
        #expect(await lines.next() == "GET STAT")
        pty.write("A STAT 0\r\n")
        #expect(await lines.next() == "GET TEMP")
        pty.write("A TEMP 30\r\n")
        #expect(await eventually { await driver.isReady })
        #expect(await driver.engine?.maxIntensity == 1000)
        #expect(await eventually { log.protocolErrors == [.missingCommandName(keyword: "E")] })
        await driver.stop()
        log.cancel()
    }
}

/// Reads what the code under test writes to a pty, line by line (generous deadline).
final class PTYLines {
    private let pty: PseudoTerminal
    private var pending: [UInt8] = []

    init(_ pty: PseudoTerminal) { self.pty = pty }

    /// The next line without its `\n`, or `nil` if none comes within 15 s. It never blocks a
    /// thread of the pool that the driver under test runs on.
    func next() async -> String? {
        while true {
            if let lf = pending.firstIndex(of: 0x0A) {
                let line = String(decoding: pending[..<lf], as: UTF8.self)
                pending.removeSubrange(...lf)
                return line
            }
            let more = await pty.read(count: 1, within: .seconds(15))
            if more.isEmpty { return nil }
            pending += more
        }
    }
}

/// The simulated engine's answers to the seed's commands, without sockets (seed 001).
@Suite struct LumencorEngineStateTests {
    /// Runs `line` through the codec and the engine; returns the answer line.
    private func answer(_ line: String, _ engine: inout LumencorEngineState) throws -> String {
        let message = try #require(LumencorDecoder.parse(line: line)).get()
        let request = try #require(message.request)
        return try LumencorEncoder().line(for: engine.handle(request))
    }

    @Test func seedExamples() throws {
        var e = LumencorEngineState()
        let cases: [(String, String)] = [
            ("GET VER", "A VER 1.0.6"), ("GET NUMCH", "A NUMCH 4"), ("GET MODEL", "A MODEL SPECTRAX"), ("GET SN", "A SN 6678"),
            ("GET OT 2", "A OT 1892667"), ("GET TEMP", "A TEMP 26"), ("GET CHMAP", "A CHMAP VIOLET BLUE GREEN RED"),
            ("SET CH 2 1", "A CH"), ("GET CH 2", "A CH 1"), ("SET CH 3 0", "A CH"), ("GET CH 3", "A CH 0"),
            ("SET MULCH 1 0 1 1", "A MULCH"), ("GET MULCH", "A MULCH 1 0 1 1"), ("GET MAXINT", "A MAXINT 4095"),
            ("SET CHINT 2 800", "A CHINT"), ("GET CHINT 2", "A CHINT 800"), ("SET MULCHINT 100 900 400 850", "A MULCHINT"),
            ("GET MULCHINT", "A MULCHINT 100 900 400 850"), ("GET STAT", "A STAT 0"), ("GET CHSTAT 3", "A CHSTAT 0"),
            ("GET IP", "A IP 192.168.1.163"), ("SET IP 192.168.1.180", "A IP"), ("SET USERVAR 1", "A USERVAR"),
            ("GET USERVAR", "A USERVAR 1"), ("SET LOGLVL 3", "A LOGLVL"), ("GET LOGLVL", "A LOGLVL 3"),
            ("GET CHPWR 2", "A CHPWR 0"), ("SET MULCH 0 0 1 0", "A MULCH"), ("GET CHPWR 2", "A CHPWR 97"),
            ("GET CHACT 2", "A CHACT 1"), ("GET CHACT 0", "A CHACT 0"), ("GET MULCHSTAT", "A MULCHSTAT 0 0 0 0"),
            ("SET CH 9 1", "E CH"), ("SET CHINT 0 4096", "E CHINT"), ("SET MULCHINT 1 2", "E MULCHINT"),
            ("GET CHSTAT 9", "A CHSTAT 51"), ("GET ERRORTEXT 2", "A ERRORTEXT 2 (over-temperature)"),
            ("REBOOT", "A REBOOT"), ("GET IP", "A IP 192.168.1.180"), ("GET USERVAR", "A USERVAR 0"),
            ("GET MULCH", "A MULCH 0 0 0 0"), ("SHUTDOWN", "A SHUTDOWN"),
        ]
        for (request, expected) in cases {
            #expect(try answer(request, &e) == expected, "\(request)")
        }
        #expect(e.isShutDown)
        #expect(e.rebootCount == 1)
    }

    @Test func listsOfAnotherLengthAreFittedToTheChannels() throws {
        var e = LumencorEngineState()
        e.power = [true]
        e.intensity = [1, 2, 3, 4, 5, 6]
        #expect(try answer("GET MULCH", &e) == "A MULCH 1 0 0 0")
        #expect(try answer("GET MULCHINT", &e) == "A MULCHINT 1 2 3 4")
    }

    @Test func colourLookupIgnoresCase() {
        let e = LumencorEngineState(channels: ["RED", "GREEN", "CYAN", "UV", "BLUE", "TEAL"], maxIntensity: 1000)
        #expect(e.channel(named: "cyan") == 2)
        #expect(e.channel(named: "Teal") == 5)
        #expect(e.channel(named: "violet") == nil)
    }
}
