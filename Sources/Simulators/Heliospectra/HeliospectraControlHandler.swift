import LightProtocols
import NIOCore

/// One TCP client of a simulated lamp's control socket, port 50630 (PROTOCOLS.md §5): the
/// greeting, a `>` prompt after every reply, one client at a time (a second one gets
/// ``HeliospectraLampSimulatorSettings/busyText`` and is closed), the idle timeout, `bye`.
/// Bad lines are answered with an `ERROR: …` line and a prompt; the session goes on.
final class HeliospectraControlHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let core: HeliospectraLampCore
    private var decoder: HeliospectraControlDecoder
    private var idleTimer: Scheduled<Void>?
    /// Reading commands (false once refused, after `bye` or while closing).
    private var active = false
    /// Holding the lamp's single client slot.
    private var claimed = false

    init(core: HeliospectraLampCore) {
        self.core = core
        decoder = HeliospectraControlDecoder(role: .lamp, format: core.settings.controlFormat)
    }

    func channelActive(context: ChannelHandlerContext) {
        let peer = context.remoteAddress.map { "\($0)" } ?? "?"
        guard core.claim(context.channel) else {
            core.logger.info("heliospectra sim: refusing \(peer): another client is connected")
            write(context, core.bytes(.greeting(core.settings.busyText)))
            context.close(promise: nil)
            return
        }
        active = true
        claimed = true
        core.logger.info("heliospectra sim: client \(peer) connected")
        write(context, core.bytes(.greeting(core.settings.greeting)) + core.bytes(.prompt))
        armIdleTimer(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        idleTimer?.cancel()
        if claimed {
            core.release(context.channel)
            core.logger.info("heliospectra sim: client disconnected")
        }
        active = false
        claimed = false
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard active else { return }
        armIdleTimer(context)
        let buffer = unwrapInboundIn(data)
        buffer.withUnsafeReadableBytes { decoder.feed($0) }
        while active, let result = decoder.next() {
            switch result {
            case .success(.request(let request)): handle(request, context)
            case .success(.reply(let reply)):
                core.logger.warning("heliospectra sim: ignoring \(reply) from the client")
            case .failure(let error):
                core.logger.warning("heliospectra sim: bad line from the client: \(error)")
                write(context, core.bytes(.error("ERROR: \(error)")) + core.bytes(.prompt))
            }
        }
    }

    private func handle(_ request: HeliospectraControlRequest, _ context: ChannelHandlerContext) {
        let (reply, behaviour) = core.inner.withLockedValue { inner in
            if request == .bye { inner.byes += 1 }
            return (inner.lamp.handle(request), inner.behaviour)
        }
        if request == .bye {
            core.logger.info("heliospectra sim: client said bye")
            active = false
            context.close(promise: nil)
            return
        }
        core.logger.info("heliospectra sim: \(request.commandName) -> \(reply)")
        switch behaviour {
        case .normal: write(context, core.bytes(reply) + core.bytes(.prompt))
        case .silent: break
        case .errorReplies: write(context, core.bytes(.error("ERROR: simulated failure")) + core.bytes(.prompt))
        case .malformedReplies: write(context, core.bytes(.okText("?")) + core.bytes(.prompt))
        case .closeOnCommand:
            active = false
            context.close(promise: nil)
        }
    }

    private func armIdleTimer(_ context: ChannelHandlerContext) {
        idleTimer?.cancel()
        let timeout = core.settings.idleTimeout
        let channel = context.channel
        let core = self.core
        idleTimer = context.eventLoop.scheduleTask(in: TimeAmount(timeout)) {
            core.inner.withLockedValue { $0.idleCloses += 1 }
            core.logger.info("heliospectra sim: closing the client after \(timeout) idle")
            channel.close(promise: nil)
        }
    }

    private func write(_ context: ChannelHandlerContext, _ bytes: [UInt8]) {
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        core.logger.info("heliospectra sim: client error: \(error)")
        context.close(promise: nil)
    }
}
