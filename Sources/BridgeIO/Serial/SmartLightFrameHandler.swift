import BridgeCore
import LightProtocols
import Logging
import NIOConcurrencyHelpers
import NIOCore

/// Turns the bytes of a plant-side serial line into bridge events with the Smart Light RS232
/// decoder (PROTOCOLS.md §1.2). Good frames become `.command` events at once; every bad frame
/// or stretch of garbage is logged and counted, and decoding carries on behind it. When the
/// channel goes inactive the source reports `.sourceGone` with the last error as the reason.
public final class SmartLightFrameHandler: ChannelInboundHandler, @unchecked Sendable {
    public typealias InboundIn = ByteBuffer

    private let source: SourceID
    private let sink: BridgeEventSink
    private let logger: Logger
    private let counters: NIOLockedValueBox<SourceCounters>
    private var decoder: SmartLightFrameDecoder
    private var lastError: String?

    /// Creates a handler that reports as `source` into `sink` and counts into `counters`.
    public init(
        source: SourceID, format: SmartLightFrameFormat, counters: NIOLockedValueBox<SourceCounters>, logger: Logger,
        sink: @escaping BridgeEventSink
    ) {
        self.source = source
        self.sink = sink
        self.logger = logger
        self.counters = counters
        self.decoder = SmartLightFrameDecoder(format: format)
    }

    public func channelActive(context: ChannelHandlerContext) {
        sink(.sourceUp(source))
        context.fireChannelActive()
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        buffer.withUnsafeReadableBytes { decoder.feed($0) }
        var frames = 0
        var errors = 0
        while let result = decoder.next() {
            switch result {
            case .success(let command):
                frames += 1
                sink(.command(command, from: source))
            case .failure(let error):
                errors += 1
                logger.warning("bad Smart Light input on \(source): \(error)")
            }
        }
        let bytes = buffer.readableBytes
        counters.withLockedValue {
            $0.frames += frames
            $0.errors += errors
            $0.bytes += bytes
        }
    }

    public func errorCaught(context: ChannelHandlerContext, error: any Error) {
        lastError = "\(error)"
        logger.error("\(source): \(error)")
        context.close(promise: nil)
    }

    public func channelInactive(context: ChannelHandlerContext) {
        sink(.sourceGone(source, reason: lastError ?? "closed"))
        context.fireChannelInactive()
    }
}
