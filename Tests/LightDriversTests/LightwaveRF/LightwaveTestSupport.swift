import LightDrivers
import LightProtocols
import Logging
import NIOCore
import NIOPosix
import Simulators
import Synchronization

/// A loopback address no other test uses (127.2.x.y): the driver's reply socket shares its port
/// (SO_REUSEADDR and SO_REUSEPORT, as on a real Link's network), so two tests that happened to
/// pick the same port on one address would split each other's replies.
func uniqueLoopbackHost() -> String {
    let n = loopbackHosts.add(1, ordering: .relaxed).newValue
    return "127.2.\(n / 250).\(n % 250 + 1)"
}

private let loopbackHosts = Atomic<Int>(0)

/// A free UDP port on `host` (bound, read back, closed).
func freeUDPPort(host: String = "127.0.0.1") async throws -> Int {
    let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .bind(host: host, port: 0).get()
    let port = channel.localAddress?.port ?? 0
    try await channel.close()
    return port
}

/// A simulator and a driver wired to each other on a loopback address of their own
/// (``uniqueLoopbackHost()``): the driver's reply port is free, the simulator sends both reply
/// copies ("unicast" and "broadcast") to that address.
struct LightwavePair {
    let simulator: LightwaveLinkSimulator
    let driver: LightwaveDriver
    /// The pair's address: the simulator's, the driver's, and the one the Link registers.
    let host: String

    static func start(
        simulator configure: (inout LightwaveLinkSimulatorSettings) -> Void = { _ in },
        driver configureDriver: (inout LightwaveDriverSettings) -> Void = { _ in }
    ) async throws -> LightwavePair {
        let host = uniqueLoopbackHost()
        let replyPort = try await freeUDPPort(host: host)
        var simSettings = LightwaveLinkSimulatorSettings(
            host: host, port: 0, replyPort: replyPort, broadcastAddress: host, registeredClients: [host])
        configure(&simSettings)
        let simulator = try await LightwaveLinkSimulator.start(simSettings, logger: quietLogger)
        var settings = testDriverSettings(commandPort: simulator.port, replyPort: replyPort, host: host)
        configureDriver(&settings)
        let driver = LightwaveDriver(settings: settings, logger: quietLogger)
        do {
            try await driver.start()
        } catch {
            try await simulator.stop()
            throw error
        }
        return LightwavePair(simulator: simulator, driver: driver, host: host)
    }

    func stop() async throws {
        await driver.stop()
        try await simulator.stop()
    }
}

/// Driver settings for loopback tests: generous reply timeout, no pacing unless a test sets it.
func testDriverSettings(commandPort: Int, replyPort: Int, host: String = "127.0.0.1") -> LightwaveDriverSettings {
    LightwaveDriverSettings(
        linkHost: host, commandPort: commandPort, replyPort: replyPort, listenHost: host,
        replyTimeout: .seconds(5), noReplyRetries: 0, pacing: .zero)
}

/// Only errors: the tests assert on state, not on log lines.
let quietLogger: Logger = {
    var logger = Logger(label: "lightbridge.test.lightwave")
    logger.logLevel = .error
    return logger
}()
