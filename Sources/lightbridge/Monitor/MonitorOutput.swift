import LightProtocols
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Where `lightbridge monitor` writes (issue 5 item 4): each decoded message as one JSON line on
/// stdout, `{"time":…,"source":…,"protocol":…,"message":{…}}` (`protocol` names the codec whose
/// shape `message` has, so `lightbridge encode PROTOCOL` takes it back), each typed error as one
/// line on stderr. Ends the monitor after `--count` messages; safe to call from any thread.
final class MonitorOutput: Sendable {
    private let limit: Int?
    private let state = Mutex((printed: 0, finished: false))
    private let done: AsyncStream<Int32>.Continuation
    private let outcome: AsyncStream<Int32>

    init(count: Int?) {
        limit = count
        (outcome, done) = AsyncStream.makeStream(of: Int32.self, bufferingPolicy: .bufferingOldest(1))
    }

    /// Prints one message (nothing once `--count` messages were printed).
    func emit(source: String, protocol name: String, message: JSONValue, extra: [JSONMember] = []) {
        let members =
            [
                JSONMember("time", .string(Self.now())), JSONMember("source", .string(source)),
                JSONMember("protocol", .string(name)),
            ]
            + extra + [JSONMember("message", message)]
        let line = JSONValue.object(members).jsonText
        let reached = state.withLock { state -> Bool in
            if state.finished { return false }
            state.printed += 1
            printLine(line)
            return limit.map { state.printed >= $0 } ?? false
        }
        if reached { finish(0) }
    }

    /// Prints a typed error on stderr: `error: Kind: text`.
    func error(_ failure: CodecFailure, from source: String) {
        printError("error: \(failure) (from \(source))")
    }

    /// Prints a note on stderr: `monitor: text` (nothing once the monitor is ending).
    func note(_ text: String) {
        state.withLock { state in
            if !state.finished { printError("monitor: \(text)") }
        }
    }

    /// Ends the monitor with `status` (the first call wins).
    func finish(_ status: Int32) {
        state.withLock { $0.finished = true }
        done.yield(status)
        done.finish()
    }

    /// Waits until ``finish(_:)`` or `duration` (then status 0); the exit status.
    func wait(duration: Duration?) async -> Int32 {
        let timer = duration.map { limit in
            Task { [self] in
                try? await Task.sleep(for: limit)
                if !Task.isCancelled { finish(0) }
            }
        }
        defer { timer?.cancel() }
        for await status in outcome { return status }
        return 0
    }

    /// The current UTC time, ISO 8601 with milliseconds.
    static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = spec.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let millis = Int(spec.tv_nsec / 1_000_000)
        let ms = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):"
            + "\(two(parts.tm_min)):\(two(parts.tm_sec)).\(ms)Z"
    }
}
