import BridgeCore
import LightProtocols
import Logging
import NIOConcurrencyHelpers

/// Turns the bytes of a plant-side serial line into bridge events with the Smart Light RS232
/// decoder (PROTOCOLS.md §1.2), on the ``SerialReader``'s thread. Good frames become `.command`
/// events at once, in the read that completed them; every bad frame or stretch of garbage is
/// logged and counted, and decoding carries on behind it. When reading ends the source reports
/// `.sourceGone` with the reason.
///
/// What the sink leaves for later (``FollowUps``) is run when the reader says so.
///
/// `@unchecked Sendable`: the decoder and the follow-ups are used by the one reader thread only
/// (``SerialReader`` calls its consumer one call at a time); the counters have their own lock.
final class SmartLightFrameConsumer: SerialReadConsumer, @unchecked Sendable {
    private let source: SourceID
    private let sink: BridgeEventDeferringSink
    private let followUps = FollowUps()
    private let logger: Logger
    private let counters: NIOLockedValueBox<SourceCounters>
    /// Unchecked: only the reader thread touches it (see above), and the run-time exclusivity
    /// check of each access costs the trigger path two runtime calls (BENCHMARKS.md item 10).
    @exclusivity(unchecked) private var decoder: SmartLightFrameDecoder

    /// Creates a consumer that reports as `source` into `sink` and counts into `counters`.
    init(
        source: SourceID, format: SmartLightFrameFormat, counters: NIOLockedValueBox<SourceCounters>, logger: Logger,
        sink: @escaping BridgeEventDeferringSink
    ) {
        self.source = source
        self.sink = sink
        self.logger = logger
        self.counters = counters
        self.decoder = SmartLightFrameDecoder(format: format)
    }

    /// The port is open: `.sourceUp`, before any frame.
    func started() {
        sink(.sourceUp(source), followUps)
        followUps.run()
    }

    /// Decodes one read's bytes and sends what they complete; `true` when that left follow-ups.
    func consume(_ bytes: UnsafeRawBufferPointer) -> Bool {
        decoder.feed(bytes)
        var frames = 0
        var errors = 0
        while let result = decoder.next() {
            switch consume result {
            case .success(let command):
                frames += 1
                sink(.command(command, from: source), followUps)
            case .failure(let error):
                errors += 1
                logger.warning("bad Smart Light input on \(source): \(error)")
            }
        }
        counters.withLockedValue {
            $0.frames += frames
            $0.errors += errors
            $0.bytes += bytes.count
        }
        return !followUps.isEmpty
    }

    func runFollowUps() {
        followUps.run()
    }

    /// Reading stopped.
    func ended(_ end: SerialReader.End) {
        if case .gone(let reason) = end { logger.error("\(source): \(reason)") }
        sink(.sourceGone(source, reason: end.description), followUps)
        followUps.run()
    }
}
