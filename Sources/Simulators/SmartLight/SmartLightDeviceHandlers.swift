import LightProtocols
import NIOCore

/// One TCP client of the simulated Smart Light (PROTOCOLS.md §1.4): decodes packets with the
/// codec, applies them, answers `[id, 4, command, 0]` or `[id, 5, 0x7F, command, code]`, and
/// closes the connection at once, without a reply, on a malformed packet (seed 002: "If an
/// invalid tcp datagram is been sent to the device, the connection will be closed
/// immediately"). Other clients are not affected.
final class SmartLightDeviceConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let shared: SmartLightDeviceShared
    private var decoder: SmartLightPacketDecoder
    private let encoder: SmartLightPacketEncoder
    /// The bytes the decoder holds, mirrored, to read a refused packet's id and command.
    private var pending: [UInt8] = []
    /// Replies held back by ``SmartLightDeviceSimulator/Behaviour/holdReplies(_:)``.
    private var held: [[UInt8]] = []
    private var closing = false
    private var peer = "?"

    init(shared: SmartLightDeviceShared) {
        self.shared = shared
        decoder = SmartLightPacketDecoder(format: shared.packetFormat)
        encoder = SmartLightPacketEncoder(format: shared.packetFormat)
    }

    func channelActive(context: ChannelHandlerContext) {
        peer = context.remoteAddress.map { "\($0)" } ?? "?"
        shared.register(context.channel)
        shared.logger.info("smartlight sim: client connected: \(peer)")
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        shared.unregister(context.channel)
        shared.logger.info("smartlight sim: client disconnected: \(peer)")
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        let bytes = Array(unwrapInboundIn(data).readableBytesView)
        pending += bytes
        decoder.feed(bytes)
        while !closing {
            let start = pending.count - decoder.bufferedByteCount
            guard let result = decoder.next() else { break }
            let id = pending[start], command = pending[start + 2]
            pending.removeFirst(pending.count - decoder.bufferedByteCount)
            switch result {
            case .success(let packet):
                guard let request = packet.payload.command else {
                    close(context, "a reply packet (command \(command)), not a request")
                    return
                }
                handle(request, id: id, commandByte: command, context: context)
            case .failure(let error):
                guard case .valueOutOfRange = error else {
                    close(context, "\(error)")
                    return
                }
                let behaviour = shared.takeBehaviour()
                guard behaviour != .closeOnNextCommand else { return closeOnCommand(context) }
                shared.refuseOutOfRange(error, from: peer)
                reply(refusal(id, command, .valueOutOfRange), behaviour: behaviour, context: context)
            }
        }
    }

    private func handle(_ request: SmartLightCommand, id: UInt8, commandByte: UInt8, context: ChannelHandlerContext) {
        let behaviour = shared.takeBehaviour()
        guard behaviour != .closeOnNextCommand else { return closeOnCommand(context) }
        let out: [UInt8]
        if let reason = shared.apply(request, from: peer) {
            out = refusal(id, commandByte, reason)
        } else {
            out =
                (try? encoder.encode(SmartLightPacket(id: id, payload: .reply(command: commandByte)))) ?? [id, 4, commandByte, 0]
        }
        reply(out, behaviour: behaviour, context: context)
    }

    private func refusal(_ id: UInt8, _ command: UInt8, _ reason: SmartLightRefusal) -> [UInt8] {
        (try? encoder.encode(SmartLightPacket(id: id, payload: .refused(command: command, reason: reason))))
            ?? [id, 5, SmartLightPacketFormat.refusedCommand, command, reason.rawValue]
    }

    private func reply(_ bytes: [UInt8], behaviour: SmartLightDeviceSimulator.Behaviour, context: ChannelHandlerContext) {
        switch behaviour {
        case .normal, .closeOnNextCommand:
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: bytes)), promise: nil)
        case .silent:
            break
        case .holdReplies(let count):
            held.append(bytes)
            guard held.count >= count else { return }
            // Out of order on purpose: the newest reply first.
            for r in held.reversed() { context.write(wrapOutboundOut(ByteBuffer(bytes: r)), promise: nil) }
            held = []
            context.flush()
        }
    }

    private func closeOnCommand(_ context: ChannelHandlerContext) {
        shared.logger.info("smartlight sim: \(peer) closing the connection on a command (behaviour closeOnNextCommand)")
        closing = true
        context.close(promise: nil)
    }

    private func close(_ context: ChannelHandlerContext, _ reason: String) {
        closing = true
        shared.malformed(reason, from: peer)
        context.close(promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        shared.logger.info("smartlight sim: \(peer): \(error)")
        context.close(promise: nil)
    }
}

/// The serial side of the simulated Smart Light (PROTOCOLS.md §1.2): RS232 frames decoded with
/// the codec and applied; bad frames are logged and skipped; nothing is ever sent back.
final class SmartLightDeviceSerialHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let shared: SmartLightDeviceShared
    private let name: String
    private var decoder: SmartLightFrameDecoder

    init(shared: SmartLightDeviceShared, name: String) {
        self.shared = shared
        self.name = name
        decoder = SmartLightFrameDecoder(format: shared.frameFormat)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        unwrapInboundIn(data).withUnsafeReadableBytes { decoder.feed($0) }
        while let result = decoder.next() {
            switch result {
            case .success(let command): _ = shared.apply(command, from: "serial \(name)")
            case .failure(let error): shared.serialError(error)
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        shared.logger.info("smartlight sim: serial \(name): \(error)")
        context.close(promise: nil)
    }
}
