import LightDrivers
import LightProtocols
import Logging
import NIOCore
import NIOPosix
import Simulators

/// A free UDP port on 127.0.0.1 (bound, read back, closed).
func freeUDPPort() async throws -> Int {
    let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .bind(host: "127.0.0.1", port: 0).get()
    let port = channel.localAddress?.port ?? 0
    try await channel.close()
    return port
}

/// A simulator and a driver wired to each other on loopback: the driver's reply port is free,
/// the simulator sends both reply copies ("unicast" and "broadcast") to 127.0.0.1.
struct LightwavePair {
    let simulator: LightwaveLinkSimulator
    let driver: LightwaveDriver

    static func start(
        simulator configure: (inout LightwaveLinkSimulatorSettings) -> Void = { _ in },
        driver configureDriver: (inout LightwaveDriverSettings) -> Void = { _ in }
    ) async throws -> LightwavePair {
        let replyPort = try await freeUDPPort()
        var simSettings = LightwaveLinkSimulatorSettings(
            port: 0, replyPort: replyPort, broadcastAddress: "127.0.0.1", registeredClients: ["127.0.0.1"])
        configure(&simSettings)
        let simulator = try await LightwaveLinkSimulator.start(simSettings, logger: quietLogger)
        var settings = testDriverSettings(commandPort: simulator.port, replyPort: replyPort)
        configureDriver(&settings)
        let driver = LightwaveDriver(settings: settings, logger: quietLogger)
        try await driver.start()
        return LightwavePair(simulator: simulator, driver: driver)
    }

    func stop() async throws {
        await driver.stop()
        try await simulator.stop()
    }
}

/// Driver settings for loopback tests: generous reply timeout, no pacing unless a test sets it.
func testDriverSettings(commandPort: Int, replyPort: Int) -> LightwaveDriverSettings {
    LightwaveDriverSettings(
        linkHost: "127.0.0.1", commandPort: commandPort, replyPort: replyPort, listenHost: "127.0.0.1",
        replyTimeout: .seconds(5), noReplyRetries: 0, pacing: .zero)
}

/// Only errors: the tests assert on state, not on log lines.
let quietLogger: Logger = {
    var logger = Logger(label: "lightbridge.test.lightwave")
    logger.logLevel = .error
    return logger
}()
