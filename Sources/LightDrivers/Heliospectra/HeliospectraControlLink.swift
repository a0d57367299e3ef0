import LightProtocols
import NIOCore

/// What the control connection's reader hands to ``HeliospectraControlClient``.
enum HeliospectraControlInbound: Sendable {
    /// Bytes from the lamp.
    case bytes(ByteBuffer)
    /// The connection closed.
    case closed
    /// A reply timer (of that generation) ran out.
    case timeout(Int)
}

/// One control connection (PROTOCOLS.md §5): the channel, the ordered stream of what the lamp
/// sent, and the decoder that reads it.
struct HeliospectraControlLink {
    let generation: UInt64
    let channel: any Channel
    let sink: AsyncStream<HeliospectraControlInbound>.Continuation
    var iterator: AsyncStream<HeliospectraControlInbound>.Iterator
    var decoder: HeliospectraControlDecoder
}

/// Pushes a connection's bytes, in order, into the link's stream; tells the client when the
/// connection closes.
final class HeliospectraControlReader: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    let sink: AsyncStream<HeliospectraControlInbound>.Continuation
    let onClose: @Sendable () -> Void

    init(sink: AsyncStream<HeliospectraControlInbound>.Continuation, onClose: @escaping @Sendable () -> Void) {
        self.sink = sink
        self.onClose = onClose
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        sink.yield(.bytes(unwrapInboundIn(data)))
    }

    func channelInactive(context: ChannelHandlerContext) {
        sink.yield(.closed)
        sink.finish()
        onClose()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
