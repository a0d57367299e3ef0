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

    /// The command waiting for its replies, in plain fields: the fast path's ``expect(_:)``
    /// runs before its datagram leaves, and a struct of these behind an optional was copied
    /// through its value witnesses there (BENCHMARKS.md item 11).
    private struct State {
        /// The transaction id of the command waiting (`nil`: none).
        var awaited: UInt16?
        /// Its stream, made after the datagram left (``attach(_:)``).
        var continuation: AsyncStream<Inbound>.Continuation?
        /// What arrived for it before its stream was made.
        var early: [Inbound] = []
        var recent: [(bytes: [UInt8], at: ContinuousClock.Instant)] = []
        var counters = LightwaveDriverCounters()

        /// Waits for `transaction` from now (`nil`: for nothing); returns the stream to end.
        mutating func await(_ transaction: UInt16?) -> AsyncStream<Inbound>.Continuation? {
            awaited = transaction
            if !early.isEmpty { early.removeAll() }
            return continuation.take()
        }

        /// Hands `inbound` to the waiting command: to its stream, or kept until it attaches
        /// (the newest 32, as the stream would).
        mutating func deliver(_ inbound: Inbound) {
            if let continuation {
                continuation.yield(inbound)
                return
            }
            early.append(inbound)
            if early.count > 32 { early.removeFirst() }
        }
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

    /// Starts waiting for replies to `transaction` and returns their stream; it ends at
    /// ``end()``.
    func begin(_ transaction: UInt16) -> (AsyncStream<Inbound>, AsyncStream<Inbound>.Continuation) {
        expect(transaction)
        return attach(transaction)
    }

    /// Starts waiting for replies to `transaction` without making their stream yet (the fast
    /// path's send comes first): replies arriving before ``attach(_:)`` are kept for it.
    func expect(_ transaction: UInt16) {
        state.withLockedValue { $0.await(transaction) }?.finish()
    }

    /// The stream of replies to `transaction`, which ``expect(_:)`` started waiting for, with
    /// what arrived meanwhile. Ended at once if the wait was ended or replaced in between.
    func attach(_ transaction: UInt16) -> (AsyncStream<Inbound>, AsyncStream<Inbound>.Continuation) {
        let (stream, continuation) = AsyncStream.makeStream(of: Inbound.self, bufferingPolicy: .bufferingNewest(32))
        let attached = state.withLockedValue { s -> Bool in
            guard s.awaited == transaction, s.continuation == nil else { return false }
            for inbound in s.early { continuation.yield(inbound) }
            s.early = []
            s.continuation = continuation
            return true
        }
        if !attached { continuation.finish() }
        return (stream, continuation)
    }

    /// Stops waiting; later replies to that id count as stray.
    func end() {
        state.withLockedValue { $0.await(nil) }?.finish()
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
            state.withLockedValue { s in
                guard s.awaited != nil else { return }
                s.deliver(.message(message))
            }
            publish(.linkEvent(event))
        case .ok, .error, .version:
            let trans = message.transaction ?? 0
            let delivered = state.withLockedValue { s -> Bool in
                guard s.awaited == trans else {
                    s.counters.stray += 1
                    return false
                }
                s.deliver(.message(message))
                return true
            }
            if !delivered { logger.debug("lightwave: reply for transaction \(trans) nobody waits for") }
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
