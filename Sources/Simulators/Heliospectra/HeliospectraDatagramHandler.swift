import LightProtocols
import NIOCore

/// The UDP side of a simulated lamp, port 50632 (PROTOCOLS.md §5; seed
/// `000_f8b5ddd0b5e923dc.txt`): `ABC321` datagrams are discovery frames (a query for every
/// light or for this lamp's MAC is answered with an info reply, unicast to the sender); any
/// other datagram is a master light-setting package, applied when it is valid, from this
/// lamp's master and newer than the last one, otherwise counted by reason and logged.
final class HeliospectraDatagramHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    private let core: HeliospectraLampCore
    private let master: HeliospectraMasterDecoder
    private let discovery = HeliospectraDiscoveryDecoder()

    init(core: HeliospectraLampCore) {
        self.core = core
        master = HeliospectraMasterDecoder(format: core.settings.masterFormat)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        let bytes = Array(envelope.data.readableBytesView)
        if bytes.starts(with: HeliospectraDiscoveryFormat.magic) {
            discoveryFrame(bytes, from: envelope.remoteAddress, context)
        } else {
            masterPackage(bytes, from: envelope.remoteAddress)
        }
    }

    private func masterPackage(_ bytes: [UInt8], from sender: SocketAddress) {
        let result: Result<Void, HeliospectraRejection>
        do {
            let package = try master.decodeDatagram(bytes)
            result = core.inner.withLockedValue { $0.lamp.apply(package) }
            switch result {
            case .success:
                let channels = package.channels.map { "\($0.wavelength):\($0.relativePower)" }.joined(separator: " ")
                core.logger.info("heliospectra sim: master \(package.multicast) #\(package.timestamp) applied [\(channels)]")
            case .failure(let reason):
                core.logger.warning(
                    "heliospectra sim: master package #\(package.timestamp) from \(package.multicast) dropped: \(reason.rawValue)"
                )
            }
        } catch {
            let reason: HeliospectraRejection
            if case .crcMismatch = error { reason = .crc } else { reason = .malformed }
            _ = core.inner.withLockedValue { $0.lamp.reject(reason) }
            core.logger.warning("heliospectra sim: bad master package from \(sender): \(error)")
        }
    }

    private func discoveryFrame(_ bytes: [UInt8], from sender: SocketAddress, _ context: ChannelHandlerContext) {
        let frame: HeliospectraDiscoveryFrame
        do {
            frame = try discovery.decodeDatagram(bytes)
        } catch {
            core.logger.warning("heliospectra sim: bad discovery frame from \(sender): \(error)")
            return
        }
        guard case .query = frame.message else {
            core.logger.info("heliospectra sim: ignoring discovery command \(frame.message.command) from \(sender)")
            return
        }
        guard frame.mac.isBroadcast || frame.mac == core.settings.mac else { return }
        let info = core.inner.withLockedValue { inner in
            inner.discoveryQueries += 1
            return inner.lamp.info(controlPort: inner.controlPort)
        }
        do {
            let reply = try HeliospectraDiscoveryEncoder().encode(
                HeliospectraDiscoveryFrame(mac: core.settings.mac, message: .info(info)))
            let out = AddressedEnvelope(remoteAddress: sender, data: context.channel.allocator.buffer(bytes: reply))
            context.writeAndFlush(wrapOutboundOut(out), promise: nil)
            core.logger.info("heliospectra sim: discovery query from \(sender) answered")
        } catch {
            core.logger.error("heliospectra sim: cannot encode the info reply: \(error)")
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        core.logger.info("heliospectra sim: udp error: \(error)")
    }
}
