import LightProtocols
import Logging
import NIOConcurrencyHelpers
import NIOCore

/// Routes datagrams from the reply port (PROTOCOLS.md §3): drops the second copy of every
/// reply (the Link sends each one broadcast and unicast), hands replies carrying the waiting
/// command's transaction id and every JSON line to that command, and publishes JSON lines as
/// driver events. Bad datagrams are logged and counted; nothing good is lost.
final class LightwaveReplyRouter: Sendable {
    /// What the command in flight is told.
    enum Inbound: Sendable {
        case message(LightwaveMessage)
        /// The timer with this generation ran out (older timers' ends are ignored).
        case timeout(Int)
    }

    private struct State {
        var waiting: (transaction: UInt16, continuation: AsyncStream<Inbound>.Continuation)?
        var recent: [(bytes: [UInt8], at: ContinuousClock.Instant)] = []
        var counters = LightwaveDriverCounters()
    }

    private let state = NIOLockedValueBox(State())
    private let duplicateWindow: Duration
    private let logger: Logger
    private let publish: @Sendable (LightwaveDriverEvent) -> Void

    init(duplicateWindow: Duration, logger: Logger, publish: @escaping @Sendable (LightwaveDriverEvent) -> Void) {
        self.duplicateWindow = duplicateWindow
        self.logger = logger
        self.publish = publish
    }

    var counters: LightwaveDriverCounters { state.withLockedValue { $0.counters } }

    func count(_ update: (inout LightwaveDriverCounters) -> Void) {
        state.withLockedValue { update(&$0.counters) }
    }

    /// Starts waiting for replies to `transaction`; the stream ends at ``end()``.
    func begin(_ transaction: UInt16) -> (AsyncStream<Inbound>, AsyncStream<Inbound>.Continuation) {
        let (stream, continuation) = AsyncStream.makeStream(of: Inbound.self, bufferingPolicy: .bufferingNewest(32))
        let old = state.withLockedValue { s in
            defer { s.waiting = (transaction, continuation) }
            return s.waiting
        }
        old?.continuation.finish()
        return (stream, continuation)
    }

    /// Stops waiting; later replies to that id count as stray.
    func end() {
        state.withLockedValue { s in
            defer { s.waiting = nil }
            return s.waiting
        }?.continuation.finish()
    }

    /// One datagram from the reply port.
    func receive(_ bytes: [UInt8], now: ContinuousClock.Instant = .now) {
        let window = duplicateWindow
        let duplicate = state.withLockedValue { s -> Bool in
            s.counters.received += 1
            s.recent.removeAll { now - $0.at > window }
            if s.recent.contains(where: { $0.bytes == bytes }) {
                s.counters.duplicates += 1
                return true
            }
            s.recent.append((bytes, now))
            if s.recent.count > 64 { s.recent.removeFirst() }
            return false
        }
        if duplicate { return }
        let message: LightwaveMessage
        do {
            message = try LightwaveUDP.decodeDatagram(bytes)
        } catch {
            state.withLockedValue { $0.counters.bad += 1 }
            logger.warning("lightwave: bad datagram on the reply port: \(error)")
            publish(.badDatagram(error))
            return
        }
        switch message {
        case .command:
            // Another client's command echoed onto the reply port: not for us.
            return
        case .event(let event):
            let waiting = state.withLockedValue { $0.waiting }
            waiting?.continuation.yield(.message(message))
            publish(.linkEvent(event))
        case .ok, .error, .version:
            let trans = message.transaction ?? 0
            let waiting = state.withLockedValue { s -> AsyncStream<Inbound>.Continuation? in
                guard let w = s.waiting, w.transaction == trans else {
                    s.counters.stray += 1
                    return nil
                }
                return w.continuation
            }
            guard let waiting else {
                logger.debug("lightwave: reply for transaction \(trans) nobody waits for")
                return
            }
            waiting.yield(.message(message))
        }
    }
}

/// Feeds the reply socket's datagrams to the router.
final class LightwaveReplyHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    let router: LightwaveReplyRouter

    init(router: LightwaveReplyRouter) { self.router = router }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        router.receive(Array(unwrapInboundIn(data).data.readableBytesView))
    }
}
