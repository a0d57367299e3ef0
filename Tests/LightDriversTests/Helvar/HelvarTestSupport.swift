import LightDrivers
import LightProtocols
import Simulators
import Synchronization

/// Thread-safe list of events.
final class HelvarEventBox: Sendable {
    let events = Mutex<[HelvarDriverEvent]>([])
}

/// Collects a driver's events for assertions.
final class HelvarEventLog: Sendable {
    private let box = HelvarEventBox()
    private let task: Task<Void, Never>

    init(_ driver: HelvarDriver) {
        let box = self.box
        let stream = driver.events
        task = Task {
            for await e in stream { box.events.withLock { $0.append(e) } }
        }
    }

    var all: [HelvarDriverEvent] { box.events.withLock { $0 } }

    var recalls: [HelvarDriverEvent] {
        all.filter {
            if case .sceneRecalled = $0 { return true }
            return false
        }
    }

    var protocolErrors: [HelvarError] {
        all.compactMap {
            if case .protocolError(let e) = $0 { return e }
            return nil
        }
    }

    func cancel() { task.cancel() }
}

/// Settings for a driver on loopback with quick reconnects.
func loopbackSettings(
    port: Int, transport: HelvarDriverSettings.Transport = .tcp, encoding: HelvarDriverSettings.Encoding = .ascii,
    acknowledge: Bool = false, replyTimeout: Duration = .seconds(5), keepAlive: Duration? = .seconds(120)
) -> HelvarDriverSettings {
    HelvarDriverSettings(
        host: "127.0.0.1", port: port, transport: transport, encoding: encoding, udpLocalHost: "127.0.0.1",
        acknowledge: acknowledge, replyTimeout: replyTimeout, keepAliveInterval: keepAlive,
        reconnect: Backoff(initial: .milliseconds(50), maximum: .milliseconds(200)))
}

/// A simulator on loopback (free ports).
func startSimulator(
    workgroup: HelvarWorkgroup = .standard, format: HelvarFormat = .standard, tcpPort: Int = 0
) async throws -> HelvarRouterSimulator {
    try await HelvarRouterSimulator.start(
        .init(host: "127.0.0.1", tcpPort: tcpPort, udpPort: 0, workgroup: workgroup, format: format))
}

/// Starts a simulator and a connected driver, runs `body`, then closes both.
func withDriver(
    _ settings: (Int) -> HelvarDriverSettings = { loopbackSettings(port: $0) }, format: HelvarFormat = .standard,
    _ body: (HelvarRouterSimulator, HelvarDriver, HelvarEventLog) async throws -> Void
) async throws {
    let sim = try await startSimulator(format: format)
    let driver = HelvarDriver(settings: settings(sim.tcpPort))
    let log = HelvarEventLog(driver)
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

func address(_ d: UInt8) -> HelvarAddress { HelvarAddress(cluster: 1, router: 1, subnet: 1, device: d) }
