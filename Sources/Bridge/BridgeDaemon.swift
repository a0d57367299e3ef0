import BridgeCore
import BridgeIO
import Dispatch
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// `lightbridge run` (issue 5 item 2): loads the configuration, starts the ``Bridge``, tells
/// systemd it is ready, pings the watchdog while the bridge answers, reloads on SIGHUP (a bad
/// new file is reported and the running configuration kept), and stops gracefully on SIGTERM
/// or SIGINT.
public enum BridgeDaemon {
    /// Runs until SIGTERM/SIGINT; returns the exit status (2: the configuration is invalid).
    public static func run(configPath: String, logger: Logger) async -> Int32 {
        let started = ContinuousClock.now
        let configuration: BridgeConfiguration
        do {
            configuration = try BridgeConfiguration.load(path: configPath)
        } catch {
            for problem in error.problems { logger.critical("\(configPath): \(problem)") }
            return 2
        }
        let notifier = SystemdNotifier()
        let signals = SignalStream(signals: [SIGHUP, SIGTERM, SIGINT])
        let bridge = Bridge(configuration: configuration, notifier: notifier, logger: logger)
        await bridge.start()
        let elapsed = ContinuousClock.now - started
        let status = await bridge.statusLine
        notifier.ready(status: status)
        logger.notice("ready in \(elapsed.milliseconds) ms: \(status)")

        let watchdog = SystemdNotifier.watchdogInterval().map { interval in
            Task {
                while !Task.isCancelled {
                    // Pinging only after the bridge actor answers: a wedged bridge gets restarted.
                    _ = await bridge.statusLine
                    notifier.watchdog()
                    try? await Task.sleep(for: interval / 2)
                }
            }
        }
        for await signal in signals.stream {
            if signal == SIGHUP {
                notifier.reloading()
                logger.notice("SIGHUP: reloading \(configPath)")
                do {
                    let new = try BridgeConfiguration.load(path: configPath)
                    await bridge.reload(new)
                } catch {
                    for problem in error.problems { logger.error("\(configPath): \(problem)") }
                    logger.error("the new configuration has \(error.problems.count) problems; keeping the running one")
                }
                notifier.ready(status: await bridge.statusLine)
                continue
            }
            logger.notice("signal \(signal): stopping")
            notifier.stopping()
            break
        }
        watchdog?.cancel()
        await bridge.stop()
        signals.cancel()
        logger.notice("stopped")
        return 0
    }
}

/// Delivers signals as an async sequence (through Dispatch signal sources; the default action
/// is turned off first).
final class SignalStream: @unchecked Sendable {  // sources: set once in init, then only cancelled
    let stream: AsyncStream<Int32>
    private let sources: [any DispatchSourceSignal]

    init(signals: [Int32]) {
        let (stream, sink) = AsyncStream.makeStream(of: Int32.self)
        self.stream = stream
        let queue = DispatchQueue(label: "lightbridge.signals")
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { sink.yield(number) }
            source.resume()
            return source
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
    }
}

extension Duration {
    /// Whole milliseconds.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
