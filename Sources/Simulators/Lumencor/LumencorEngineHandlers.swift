import LightProtocols
import NIOCore

/// Splits a byte stream into lines at `\n` (one `\r` before it dropped), with the format's line
/// limit: a longer line is reported once and skipped up to its `\n` (PROTOCOLS.md §4).
struct LumencorLineSplitter {
    /// The longest line without its terminator.
    let maxLineLength: Int
    private var pending: [UInt8] = []
    private var skipping = false

    init(maxLineLength: Int) { self.maxLineLength = maxLineLength }

    /// A complete line, or `.tooLong` once per over-long line.
    enum Piece {
        case line([UInt8])
        case tooLong
    }

    /// Adds bytes; returns every piece they complete.
    mutating func feed(_ bytes: some Sequence<UInt8>) -> [Piece] {
        var pieces: [Piece] = []
        for b in bytes {
            if b == 0x0A {
                if skipping {
                    skipping = false
                } else {
                    if pending.last == 0x0D { pending.removeLast() }
                    pieces.append(.line(pending))
                }
                pending.removeAll(keepingCapacity: true)
            } else if !skipping {
                pending.append(b)
                if pending.count > maxLineLength + 1 {
                    pending.removeAll(keepingCapacity: true)
                    skipping = true
                    pieces.append(.tooLong)
                }
            }
        }
        return pieces
    }

    /// The bytes after the last `\n` (a datagram's last line may come without one).
    mutating func rest() -> [UInt8]? {
        defer { pending.removeAll() }
        return pending.isEmpty || skipping ? nil : pending
    }
}

/// One TCP client of the simulated engine, or its serial line (the same byte stream).
final class LumencorEngineStreamHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let shared: LumencorEngineShared
    private var splitter: LumencorLineSplitter
    private var first = true
    private var client = "?"

    init(shared: LumencorEngineShared) {
        self.shared = shared
        splitter = LumencorLineSplitter(maxLineLength: shared.format.maxLineLength)
    }

    func channelActive(context: ChannelHandlerContext) {
        shared.register(context.channel)
        client = context.remoteAddress.map(lumencorClientName) ?? "serial"
        shared.logger.info("lumencor sim: \(client) connected")
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        shared.unregister(context.channel)
        shared.logger.info("lumencor sim: \(client) disconnected")
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        for piece in splitter.feed(buffer.readableBytesView) {
            let outcome: LumencorEngineShared.Outcome
            switch piece {
            case .line(let line):
                outcome = shared.process(line: line, first: first, from: client)
            case .tooLong:
                outcome = shared.lineTooLong(from: client)
            }
            first = false
            switch outcome {
            case .answer(let bytes): context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: bytes)), promise: nil)
            case .nothing: break
            case .close:
                context.close(promise: nil)
                return
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        shared.logger.info("lumencor sim: \(client): \(error)")
        context.close(promise: nil)
    }
}

/// UDP: each datagram holds whole lines (the last may lack its `\n`); the answers go back to
/// the sender in one datagram. A sender's first datagram counts as "just connected".
final class LumencorEngineDatagramHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    private let shared: LumencorEngineShared

    init(shared: LumencorEngineShared) { self.shared = shared }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        let sender = envelope.remoteAddress
        let client = "udp \(lumencorClientName(sender))"
        var splitter = LumencorLineSplitter(maxLineLength: shared.format.maxLineLength)
        var pieces = splitter.feed(envelope.data.readableBytesView)
        if let rest = splitter.rest() { pieces.append(.line(rest)) }
        var first = shared.isFirstDatagram(from: sender)
        var out: [UInt8] = []
        for piece in pieces {
            let outcome: LumencorEngineShared.Outcome
            switch piece {
            case .line(let line): outcome = shared.process(line: line, first: first, from: client)
            case .tooLong: outcome = shared.lineTooLong(from: client)
            }
            first = false
            if case .answer(let bytes) = outcome { out += bytes }
        }
        guard !out.isEmpty else { return }
        context.writeAndFlush(
            wrapOutboundOut(AddressedEnvelope(remoteAddress: sender, data: ByteBuffer(bytes: out))), promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        shared.logger.info("lumencor sim: udp: \(error)")
    }
}

/// `ip:port` of a client, for the log.
func lumencorClientName(_ address: SocketAddress) -> String {
    "\(address.ipAddress ?? "?"):\(address.port.map(String.init) ?? "?")"
}
