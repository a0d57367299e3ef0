import ArgumentParser
import Demo
import Logging

/// `lightbridge demo`: the whole bridge with no hardware (issue 5 item 3; README command one).
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the bridge against five simulated lights and a scripted PLC, printing what each light shows.",
        discussion: "Exit status 0 when every light showed what every step asked for."
    )

    @Flag(help: "Show the bridge's and the simulators' log lines on stderr.")
    var verbose = false

    func run() async throws {
        let level: Logger.Level = verbose ? .info : .critical
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "lightbridge.demo")
        let status = try await DemoRunner.run(print: { printLine($0) }, logger: logger)
        if status != 0 { throw ExitCode(status) }
    }
}
