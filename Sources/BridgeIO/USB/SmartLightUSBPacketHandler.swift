import BridgeCore
import LightProtocols
import Logging
import NIOConcurrencyHelpers

/// Turns the byte chunks of the USB IN endpoint into bridge events with the Smart Light packet
/// decoder (PROTOCOLS.md §1.4): each good request packet becomes a `.command` event (and, when
/// acknowledging, the success reply `[id, 4, command, 0]` goes back through `reply`); reply
/// packets from the device are logged, not delivered; malformed packets are logged and counted
/// and decoding resynchronises behind them. Packets may be split across chunks or share one.
///
/// Not thread-safe: one handler per opened device, fed from the thread that completes its IN
/// transfers.
public final class SmartLightUSBPacketHandler: @unchecked Sendable {
    private let source: SourceID
    private let acknowledge: Bool
    private let encoder: SmartLightPacketEncoder
    private var decoder: SmartLightPacketDecoder
    private let counters: NIOLockedValueBox<SourceCounters>
    private let logger: Logger
    private let sink: BridgeEventSink
    private let reply: @Sendable ([UInt8]) -> Void

    /// Creates a handler reporting as `source` into `sink`; `reply` writes to the device.
    public init(
        source: SourceID, format: SmartLightPacketFormat, acknowledge: Bool, counters: NIOLockedValueBox<SourceCounters>,
        logger: Logger, sink: @escaping BridgeEventSink, reply: @escaping @Sendable ([UInt8]) -> Void
    ) {
        self.source = source
        self.acknowledge = acknowledge
        self.encoder = SmartLightPacketEncoder(format: format)
        self.decoder = SmartLightPacketDecoder(format: format)
        self.counters = counters
        self.logger = logger
        self.sink = sink
        self.reply = reply
    }

    /// Bytes not yet forming a whole packet.
    public var bufferedByteCount: Int { decoder.bufferedByteCount }

    /// Decodes one chunk as an IN transfer delivered it.
    public func received(_ chunk: [UInt8]) {
        decoder.feed(chunk)
        var frames = 0
        var errors = 0
        while let result = decoder.next() {
            switch result {
            case .success(let packet):
                guard let command = packet.payload.command else {
                    logger.notice("\(source): device sent a reply packet (id \(packet.id)): \(packet.payload); ignored")
                    continue
                }
                frames += 1
                sink(.command(command, from: source))
                if acknowledge,
                    let bytes = try? encoder.encode(
                        SmartLightPacket(id: packet.id, payload: .reply(command: packet.payload.commandByte)))
                {
                    reply(bytes)
                }
            case .failure(let error):
                errors += 1
                logger.warning("bad Smart Light packet on \(source): \(error)")
            }
        }
        counters.withLockedValue {
            $0.frames += frames
            $0.errors += errors
            $0.bytes += chunk.count
        }
    }
}
