import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A swift-log handler for the daemon (issue 5 item 2): one line per message on stderr,
/// prefixed with its syslog priority as `<N>` so journald files it at the right level
/// (sd-daemon(3)); `label: message key=value …`. Written with one `write(2)` so lines from
/// several threads never interleave.
public struct JournalLogHandler: LogHandler {
    /// The logger's label (e.g. `lightbridge.helvar`).
    public let label: String
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]

    /// Creates a handler at `level`.
    public init(label: String, level: Logger.Level = .info) {
        self.label = label
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// The syslog priority of a level.
    public static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    public func log(event: LogEvent) {
        let bytes = line(level: event.level, message: "\(event.message)", metadata: event.metadata)
        bytes.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
    }

    /// The bytes written for one message.
    public func line(level: Logger.Level, message: String, metadata extra: Logger.Metadata?) -> [UInt8] {
        var line = "<\(Self.priority(level))>\(label): \(message)"
        let merged = metadata.merging(extra ?? [:]) { $1 }
        for key in merged.keys.sorted() {
            if let value = merged[key] { line += " \(key)=\(value)" }
        }
        line += "\n"
        var bytes = Array(line.utf8)
        // Never write an embedded newline that journald would split: the message is one line.
        for i in bytes.indices.dropLast() where bytes[i] == 0x0A { bytes[i] = 0x20 }
        return bytes
    }
}
