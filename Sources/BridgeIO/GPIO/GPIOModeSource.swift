import BridgeCore
import Logging
import Synchronization

/// The PLC's eight 24 V outputs, wired to GPIO inputs, as a bridge source (issue 3 item 3,
/// PROTOCOLS.md §1.5): libgpiod 1.6 lines → ``ModeLineSettler`` → `.command(.modeSet(mode:))`
/// events, through the same ``ModeLinePump`` the scripted tests drive.
///
/// ``start()`` opens the chip and requests the lines on the caller's thread (so a missing chip,
/// line or permission is a typed ``GPIOError`` right away), then an event thread reads the
/// start-up levels, sends `.sourceUp`, and waits for edges with a timeout that ends at the
/// settler's next deadline — no periodic wake-up when nothing happens. ``stop()`` wakes it,
/// joins it, and the lines are released and the chip closed. If the chip goes away the thread
/// sends `.sourceGone` and ends.
public final class GPIOModeSource: Sendable {
    /// The source's name in events and logs.
    public let id: SourceID
    /// The lines and how the value is taken.
    public let configuration: ModeLinesConfiguration
    private let logger: Logger
    private let sink: BridgeEventSink
    private let state = Mutex<Running?>(nil)

    private struct Running: Sendable {
        var thread: EventThread
        var poller: DescriptorPoller
    }

    /// Creates a source; nothing is opened until ``start()``.
    public init(
        id: SourceID = SourceID("gpio"), configuration: ModeLinesConfiguration,
        logger: Logger = Logger(label: "lightbridge.gpio"), sink: @escaping BridgeEventSink
    ) {
        self.id = id
        self.configuration = configuration
        self.logger = logger
        self.sink = sink
    }

    deinit { stop() }

    /// The libgpiod version linked in (`1.6.3` on Debian 12).
    public static var libgpiodVersion: String { GPIOChip.libraryVersion }

    /// Whether the event thread was started and not yet stopped (it may have ended on a
    /// failure, after sending `.sourceGone`).
    public var isStarted: Bool { state.withLock { $0 != nil } }

    /// Validates the configuration, opens the chip, requests the lines and starts the event
    /// thread. Throws without starting anything if any of that fails. Calling it while started
    /// does nothing (do not call it from two threads at once).
    public func start() throws(GPIOError) {
        if isStarted { return }
        let poller: DescriptorPoller
        do { poller = try DescriptorPoller() } catch { throw .system(call: error.call, errno: error.errno) }
        let lines = try GPIOModeLines.request(configuration, poller: poller, logger: logger)
        let (id, sink, logger, configuration) = (self.id, self.sink, self.logger, self.configuration)
        let mode = configuration.strobe.map { "strobe \($0)" } ?? "settle window \(configuration.settleWindow)"
        logger.info(
            "GPIO mode lines on \(lines.chipName), offsets \(lines.offsets), \(mode), bias \(lines.biasDropped ? "as-is (dropped)" : configuration.bias.rawValue)"
        )
        let thread: EventThread
        do {
            thread = try EventThread.start(name: "gpio \(lines.chipName)") {
                var source = lines
                var settler = ModeLineSettler(configuration: configuration.settlerConfiguration)
                if case .failed(let error) = ModeLinePump.run(source: &source, settler: &settler, id: id, sink: sink) {
                    logger.error("GPIO mode lines stopped: \(error)")
                }
            }
        } catch {
            throw .system(call: error.call, errno: error.errno)
        }
        state.withLock { $0 = Running(thread: thread, poller: poller) }
    }

    /// Stops the event thread, waits for it, and releases the lines. Safe to call repeatedly.
    public func stop() {
        guard
            let running = state.withLock({ state -> Running? in
                defer { state = nil }; return state
            })
        else { return }
        running.poller.stop()
        running.thread.join()
    }
}
