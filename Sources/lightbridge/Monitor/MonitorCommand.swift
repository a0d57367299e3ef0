import ArgumentParser
import Logging

/// `lightbridge monitor SOURCE …` (issue 5 item 4): decoded live traffic of one input or
/// listener, one JSON line per message (``MonitorOutput``), until interrupted, `--count`
/// messages or `--duration` seconds. Exit status 0 then; 1 when the source cannot be opened (or
/// goes away); 64 for bad options.
struct MonitorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Print the decoded live traffic of an input or listener as JSON lines.",
        discussion: """
            Each message is one line on stdout:
              {"time":"…Z","source":"…","protocol":"…","message":{…}}
            (plus "from" and "verdict" where they apply), message being in the shape
            `lightbridge decode PROTOCOL` prints (docs/JSON.md). Bad bytes are typed
            errors on stderr; monitoring goes on. Runs until interrupted, --count
            messages or --duration seconds (exit 0); exit 1 when the source cannot be
            opened or goes away.
            """,
        subcommands: [
            MonitorSerialCommand.self, MonitorTCPCommand.self, MonitorHeliospectraMasterCommand.self,
            MonitorHelvarCommand.self, MonitorGPIOCommand.self, MonitorLightwaveCommand.self,
        ]
    )
}

/// The options every `monitor` source takes.
struct MonitorOptions: ParsableArguments {
    @Option(help: "Stop after this many messages.")
    var count: Int?

    @Option(help: "Stop after this many seconds.")
    var duration: Double?

    @Flag(help: "Log the source's progress on stderr.")
    var verbose = false

    func validate() throws {
        if let count, count < 1 { throw ValidationError("--count is at least 1") }
        if let duration, !(duration > 0) { throw ValidationError("--duration is seconds, more than 0") }
    }

    /// The output for these options.
    func output() -> MonitorOutput { MonitorOutput(count: count) }

    /// A stderr logger for the source.
    func logger(_ label: String) -> Logger { ToolLogHandler.logger(label, verbose: verbose, quiet: .warning) }

    /// Waits for the end (`--count`, `--duration`, or the source's own); the exit status.
    func wait(_ output: MonitorOutput) async -> Int32 {
        await output.wait(duration: duration.map(seconds))
    }
}

/// Ends a command with `status`.
func exitWith(_ status: Int32) throws {
    if status != 0 { throw ExitCode(status) }
}
