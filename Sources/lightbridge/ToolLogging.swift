import Logging

/// Logs of the `send` and `monitor` tools: one `level: message` line on stderr each, so stdout
/// carries nothing but JSON lines (swift-log's default handler would write to stdout).
struct ToolLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        printError("\(event.level.rawValue): \(event.message)")
    }

    /// A logger with this handler: `info` and up when `verbose`, else `quiet` and up.
    static func logger(_ label: String, verbose: Bool, quiet: Logger.Level) -> Logger {
        Logger(label: label) { _ in ToolLogHandler(logLevel: verbose ? .info : quiet) }
    }
}
