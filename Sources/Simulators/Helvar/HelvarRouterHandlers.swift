import LightProtocols
import NIOCore

/// True when a connection's first byte says it speaks raw (message type 0 or 1).
@inline(__always)
func isRawStart(_ byte: UInt8) -> Bool { byte <= 1 }

/// One TCP client of the simulated router.
final class HelvarRouterConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let shared: HelvarRouterShared
    private var ascii: HelvarDecoder
    private var raw = HelvarRawDecoder()
    private var mode: Bool?  // nil until the first byte; true = raw

    init(shared: HelvarRouterShared) {
        self.shared = shared
        ascii = HelvarDecoder(format: shared.format)
    }

    func channelActive(context: ChannelHandlerContext) {
        shared.register(context.channel)
        shared.logger.info("client connected: \(context.remoteAddress.map { "\($0)" } ?? "?")")
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        shared.unregister(context.channel)
        shared.logger.info("client disconnected")
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        if mode == nil, let first = buffer.readableBytesView.first {
            mode = isRawStart(first)
            if mode == true { shared.markRaw(context.channel) }
        }
        let isRaw = mode == true
        buffer.withUnsafeReadableBytes { bytes in
            if isRaw { raw.feed(bytes) } else { ascii.feed(bytes) }
        }
        while let command = nextCommand() {
            let (reply, behaviour) = shared.apply(command)
            switch behaviour {
            case .normal:
                if let reply {
                    let out = shared.bytes(of: reply, raw: isRaw)
                    context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: out)), promise: nil)
                }
            case .silent: break
            case .closeOnCommand:
                context.close(promise: nil)
                return
            }
        }
    }

    /// The next command from the client; bad input is logged and skipped.
    private func nextCommand() -> HelvarCommand? {
        while true {
            if mode == true {
                guard let result = raw.next() else { return nil }
                switch result {
                case .success(let m) where m.type == .command: return m.asciiCommand
                case .success(let m): shared.logger.warning("ignoring raw \(m.type) from client")
                case .failure(let e): shared.logger.warning("bad raw bytes from client: \(e)")
                }
            } else {
                guard let result = ascii.next() else { return nil }
                switch result {
                case .success(.command(let c)), .success(.internalCommand(let c)): return c
                case .success(let m): shared.logger.warning("ignoring \(m.startCharacter) message from client")
                case .failure(let e): shared.logger.warning("bad message from client: \(e)")
                }
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        shared.logger.info("client error: \(error)")
        context.close(promise: nil)
    }
}

/// UDP commands: each datagram holds whole messages; replies go back to the sender.
final class HelvarRouterDatagramHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    private let shared: HelvarRouterShared

    init(shared: HelvarRouterShared) { self.shared = shared }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        guard let first = envelope.data.readableBytesView.first else { return }
        let isRaw = isRawStart(first)
        var commands: [HelvarCommand] = []
        envelope.data.withUnsafeReadableBytes { bytes in
            if isRaw {
                var d = HelvarRawDecoder()
                d.feed(bytes)
                while let r = d.next() {
                    if case .success(let m) = r, m.type == .command { commands.append(m.asciiCommand) }
                }
            } else {
                var d = HelvarDecoder(format: shared.format)
                d.feed(bytes)
                while let r = d.next() {
                    switch r {
                    case .success(.command(let c)), .success(.internalCommand(let c)): commands.append(c)
                    case .success: break
                    case .failure(let e): shared.logger.warning("bad datagram: \(e)")
                    }
                }
            }
        }
        for c in commands {
            let (reply, behaviour) = shared.apply(c)
            guard behaviour == .normal, let reply else { continue }
            let out = ByteBuffer(bytes: shared.bytes(of: reply, raw: isRaw))
            context.writeAndFlush(
                wrapOutboundOut(AddressedEnvelope(remoteAddress: envelope.remoteAddress, data: out)), promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        shared.logger.info("udp error: \(error)")
    }
}
