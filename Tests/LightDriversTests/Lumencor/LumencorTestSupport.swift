import LightDrivers
import LightProtocols
import Simulators
import Synchronization

/// Thread-safe list of events.
final class LumencorEventBox: Sendable {
    let events = Mutex<[LumencorDriverEvent]>([])
}

/// Collects a Lumencor driver's events for assertions.
final class LumencorEventLog: Sendable {
    private let box = LumencorEventBox()
    private let task: Task<Void, Never>

    init(_ driver: LumencorDriver) {
        let stream = driver.events
        let box = self.box
        task = Task {
            for await e in stream { box.events.withLock { $0.append(e) } }
        }
    }

    var all: [LumencorDriverEvent] { box.events.withLock { $0 } }

    var protocolErrors: [LumencorError] {
        all.compactMap {
            if case .protocolError(let e) = $0 { return e }
            return nil
        }
    }

    var statuses: [LumencorEngineStatus] {
        all.compactMap {
            if case .status(let s) = $0 { return s }
            return nil
        }
    }

    func cancel() { task.cancel() }
}

/// Driver settings for loopback tests: generous answer timeout (the box is shared), quick
/// reconnects, polling only when asked.
func lumencorSettings(
    _ transport: LumencorDriverSettings.Transport, answerTimeout: Duration = .seconds(2), sendsEmptyLine: Bool = true,
    pollInterval: Duration? = nil, timeoutsBeforeReconnect: Int = 3, readyTimeout: Duration = .seconds(15)
) -> LumencorDriverSettings {
    LumencorDriverSettings(
        transport: transport, answerTimeout: answerTimeout, sendsEmptyLine: sendsEmptyLine, readyTimeout: readyTimeout,
        pollInterval: pollInterval, timeoutsBeforeReconnect: timeoutsBeforeReconnect,
        reconnect: Backoff(initial: .milliseconds(50), maximum: .milliseconds(200)), udpLocalHost: "127.0.0.1")
}

/// A simulator on loopback, TCP on a free port unless told otherwise.
func startLumencorSimulator(
    tcpPort: Int? = 0, udpPort: Int? = nil, serial: LumencorEngineSimulator.Serial? = nil,
    engine: LumencorEngineState = LumencorEngineState(), failFirstCommand: Bool = false
) async throws -> LumencorEngineSimulator {
    try await LumencorEngineSimulator.start(
        .init(
            host: "127.0.0.1", tcpPort: tcpPort, udpPort: udpPort, serial: serial, engine: engine,
            failFirstCommandAfterConnect: failFirstCommand))
}

/// Starts a simulator and a driver on its TCP port, waits until the engine is read, runs
/// `body`, then stops both.
func withLumencor(
    engine: LumencorEngineState = LumencorEngineState(), failFirstCommand: Bool = false,
    _ settings: (Int) -> LumencorDriverSettings = { lumencorSettings(.tcp(host: "127.0.0.1", port: $0)) },
    _ body: (LumencorEngineSimulator, LumencorDriver, LumencorEventLog) async throws -> Void
) async throws {
    let sim = try await startLumencorSimulator(engine: engine, failFirstCommand: failFirstCommand)
    let driver = LumencorDriver(settings: settings(sim.tcpPort ?? 0))
    let log = LumencorEventLog(driver)
    await driver.start()
    do {
        try await body(sim, driver, log)
    } catch {
        await driver.stop()
        log.cancel()
        try await sim.stop()
        throw error
    }
    await driver.stop()
    log.cancel()
    try await sim.stop()
}

/// Whether `health` is `.down`.
func lumencorIsDown(_ health: LightHealth) -> Bool {
    if case .down = health { return true }
    return false
}
