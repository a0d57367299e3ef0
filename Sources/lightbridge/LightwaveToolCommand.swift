import ArgumentParser
import LightDrivers
import LightProtocols
import Logging

/// `lightbridge lightwave …`: LightwaveRF Link tools (PROTOCOLS.md §3).
struct LightwaveToolCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lightwave", abstract: "LightwaveRF Link tools.", subcommands: [LightwaveRegisterCommand.self])
}

/// `lightbridge lightwave register`: sends `!F*p` and waits for the Link's button.
struct LightwaveRegisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Register this machine with a LightwaveRF Link (press its button when asked).")

    @Option(help: "The Link's IP address (or a broadcast address with --broadcast).")
    var link: String

    @Option(help: "The Link's command port.")
    var port = LightwaveUDP.commandPort

    @Option(help: "The port replies arrive on.")
    var replyPort = LightwaveUDP.replyPort

    @Option(help: "Address the reply socket binds (0.0.0.0 also hears the Link's broadcasts).")
    var listen = "0.0.0.0"

    @Flag(help: "--link is a broadcast address.")
    var broadcast = false

    @Option(help: "Seconds to wait for the button.")
    var timeout = 12.0

    func run() async throws {
        let logger = Logger(label: "lightbridge.lightwave") { StreamLogHandler.standardError(label: $0) }
        let settings = LightwaveDriverSettings(
            linkHost: link, commandPort: port, replyPort: replyPort, listenHost: listen, broadcast: broadcast,
            registrationTimeout: .milliseconds(Int64(timeout * 1000)))
        printLine("Sending !F*p to \(link):\(port); press the button on the Link when its light flashes.")
        let outcome = try await LightwaveRegistration.run(settings, logger: logger)
        printLine(outcome)
    }
}
