import ArgumentParser
import Bridge
import BridgeCore
import BridgeIO
import Logging

/// `lightbridge run [--config FILE]`: the daemon (issue 5 item 2). Logs go to stderr with
/// journald priority prefixes.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the bridge with a configuration file until SIGTERM (SIGHUP reloads it).",
        discussion: "Exit status 2 when the configuration is invalid (see check-config)."
    )

    @Option(help: "The configuration file.")
    var config = BridgeConfiguration.defaultPath

    @Option(help: "Log level (overrides the file's bridge.log_level): debug, info, notice, warning, error.")
    var logLevel: String?

    func run() async throws {
        DaemonThreads.configure()
        let level = Logger.Level(rawValue: logLevel ?? BridgeCommandLogging.levelFromFile(config) ?? "info") ?? .info
        BridgeCommandLogging.bootstrap(level: level)
        let status = await BridgeDaemon.run(configPath: config, logger: Logger(label: "lightbridge"))
        if status != 0 { throw ExitCode(status) }
    }
}

/// The daemon's logging set-up.
enum BridgeCommandLogging {
    /// Sends every logger to stderr in the journald format at `level`.
    static func bootstrap(level: Logger.Level) {
        LoggingSystem.bootstrap { label in JournalLogHandler(label: label, level: level) }
    }

    /// `bridge.log_level` of the file, if it can be read (errors are reported by the run).
    static func levelFromFile(_ path: String) -> String? {
        (try? BridgeConfiguration.load(path: path))?.bridge.logLevel
    }
}
