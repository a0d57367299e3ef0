import LightProtocols
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The LightwaveRF Link output driver (issue 4, item 2; PROTOCOLS.md §3; seed 004).
///
/// Sends each command as one UDP datagram to the Link's port 9760 (unicast, or broadcast when
/// configured), with the `:<MAC>,` selector when configured and a transaction id cycling
/// 1–999, and waits for the reply with that id on port 9761, which it binds with address and
/// port reuse. Commands go one at a time; each datagram waits ``LightwaveDriverSettings/pacing``
/// after the previous exchange ended (its reply or its time-out).
/// Every reply arrives twice (broadcast and unicast); the second copy is dropped. `ERR,6`
/// (transmit fail) is retried with a new id after the back-off (125 ms doubling, up to 5 s);
/// "not registered" throws ``LightwaveDriverError/notRegistered(_:)``; with
/// ``LightwaveDriverSettings/awaitConfirmation`` a radio command also waits for the JSON line
/// proving it was transmitted. Health: healthy after a reply, degraded after Link errors,
/// down when the Link does not answer.
///
/// ``begin(_:)`` and ``finish(_:)`` split ``send(_:line1:line2:)`` for the bridge's fast path:
/// `begin` writes the datagram synchronously when the driver is idle and the pacing gap has
/// passed, and `finish` waits for the reply (with the same retries and health) on the actor.
public actor LightwaveDriver {
    /// The settings.
    public nonisolated let settings: LightwaveDriverSettings
    /// Whether commands keep a pacing gap: without one, ``begin(_:)`` reads no clock.
    private nonisolated let paced: Bool
    /// Health changes, JSON lines from the Link and bad datagrams (newest 64 kept if unread).
    public nonisolated let events: AsyncStream<LightwaveDriverEvent>
    private let eventSink: AsyncStream<LightwaveDriverEvent>.Continuation
    private let group: any EventLoopGroup
    private let logger: Logger
    private let router: LightwaveReplyRouter
    private nonisolated let encoder = LightwaveEncoder()
    /// The socket and the Link's address, once started.
    private nonisolated let link = NIOLockedValueBox<Link?>(nil)
    /// One command at a time, shared by ``begin(_:)`` (synchronous) and the actor's commands.
    private nonisolated let line = NIOLockedValueBox(Line())
    /// Tells the current reply timer's end from a cancelled one's.
    private var timerGeneration = 0
    /// The link's health as last seen.
    public private(set) var health: LightHealth = .connecting

    /// Creates a driver; nothing is opened until ``start()``.
    public init(
        settings: LightwaveDriverSettings, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "lightbridge.lightwave")
    ) {
        self.settings = settings
        self.paced = settings.pacing > .zero
        self.group = group
        self.logger = logger
        let (events, sink) = AsyncStream.makeStream(of: LightwaveDriverEvent.self, bufferingPolicy: .bufferingNewest(64))
        self.events = events
        self.eventSink = sink
        self.router = LightwaveReplyRouter(duplicateWindow: settings.duplicateWindow, logger: logger) { sink.yield($0) }
    }

    /// What the driver has seen so far.
    public nonisolated var counters: LightwaveDriverCounters { router.counters }

    /// The port replies are read on (the real one when ``LightwaveDriverSettings/replyPort`` is 0).
    public var replyPort: Int? { link.withLockedValue { $0 }?.channel.localAddress?.port }

    /// The open socket: SwiftNIO's channel reads the replies, `sender` sends the commands. A
    /// class, so that taking it from its lock on every command is a retain, not a copy of an
    /// existential and an address.
    private final class Link: Sendable {
        let channel: any Channel
        let sender: DirectDatagramSocket
        let address: SocketAddress

        init(channel: any Channel, sender: DirectDatagramSocket, address: SocketAddress) {
            self.channel = channel
            self.sender = sender
            self.address = address
        }
    }

    /// Binds the reply port (with `SO_REUSEADDR` and `SO_REUSEPORT`) and resolves the Link.
    /// Commands leave from the same socket, with a direct `sendto` from the sending thread
    /// (``DirectDatagramSocket``); SwiftNIO reads the replies.
    public func start() async throws(LightwaveDriverError) {
        guard link.withLockedValue({ $0 }) == nil else { return }
        let router = self.router
        do {
            let address = try SocketAddress.makeAddressResolvingHost(settings.linkHost, port: settings.commandPort)
            let local = try SocketAddress.makeAddressResolvingHost(settings.listenHost, port: settings.replyPort)
            let (sender, descriptor) = try DirectDatagramSocket.bind(local, broadcast: settings.broadcast)
            do {
                let channel = try await DatagramBootstrap(group: group)
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(LightwaveReplyHandler(router: router))
                        }
                    }
                    .withBoundSocket(descriptor)
                    .get()
                link.withLockedValue { $0 = Link(channel: channel, sender: sender, address: address) }
            } catch {
                sender.close()
                throw error
            }
        } catch {
            throw .socket("\(error)")
        }
    }

    /// Closes the socket; commands waiting fail with ``LightwaveDriverError/notStarted``.
    public func stop() async {
        router.end()
        let stopped = link.withLockedValue { link in
            defer { link = nil }
            return link
        }
        stopped?.sender.close()
        try? await stopped?.channel.close()
        eventSink.finish()
    }

    /// Sets a device to `percent` (0 % = off; PROTOCOLS.md §3 `ceil(p × 32 / 100)`).
    @discardableResult
    public func set(room: UInt8, device: UInt8, percent: Int) async throws(LightwaveDriverError) -> LightwaveSendResult {
        try await send(.device(room: room, device: device, LightwaveDim.function(percent: percent)))
    }

    /// Sends one command and waits for its outcome (see the type's documentation).
    @discardableResult
    public func send(
        _ action: LightwaveAction, line1: String? = nil, line2: String? = nil
    ) async throws(LightwaveDriverError) -> LightwaveSendResult {
        await acquire()
        defer { release() }
        return try await outcome(of: action) { () async throws(LightwaveDriverError) in
            try await perform(action, line1: line1, line2: line2, begun: nil)
        }
    }

    /// `action` checked and written ahead for this driver's Link, but for its transaction id:
    /// what ``begin(_:)-(LightwavePreparedCommand)`` sends (the bridge prepares each configured
    /// mode's command whenever the mode table or the light changes).
    public nonisolated func prepare(_ action: LightwaveAction) throws(LightwaveDriverError) -> LightwavePreparedCommand {
        do {
            return try encoder.prepare(LightwaveCommand(link: settings.linkSelector, transaction: nil, action: action))
        } catch {
            throw .invalidCommand(error)
        }
    }

    /// Writes `action`'s datagram now, from the caller's thread, if no command is in flight and
    /// the pacing gap has passed; otherwise (or if `action` is invalid) returns `nil` (use
    /// ``send(_:line1:line2:)``). The line stays taken until ``finish(_:)``, which must follow.
    public nonisolated func begin(_ action: LightwaveAction) -> LightwaveBegunCommand? {
        guard let prepared = try? prepare(action) else { return nil }
        return begin(prepared)
    }

    /// Writes `prepared`'s datagram (made by this driver's ``prepare(_:)``) now, from the
    /// caller's thread, like ``begin(_:)-(LightwaveAction)``: the trigger path, which then only
    /// copies the prepared bytes and writes the transaction id (BENCHMARKS.md item 11).
    public nonisolated func begin(_ prepared: LightwavePreparedCommand) -> LightwaveBegunCommand? {
        assert(prepared.command.link == settings.linkSelector, "prepared by another driver")
        guard let open = link.withLockedValue({ $0 }) else { return nil }
        let (paced, pacing) = (self.paced, settings.pacing)
        let transaction = line.withLockedValue { line -> UInt16? in
            guard !line.busy else { return nil }
            if paced, let last = line.lastDone, last + pacing > .now { return nil }
            line.busy = true
            return line.takeTransaction()
        }
        guard let transaction else { return nil }
        // The datagram is written into a buffer on this stack: no array is allocated here.
        var written = false
        let failure = withUnsafeTemporaryAllocation(byteCount: prepared.maxLength, alignment: 1) { buffer -> Int32? in
            guard let count = try? prepared.write(transaction: transaction, into: buffer) else { return nil }
            written = true
            router.expect(transaction)
            return open.sender.send(UnsafeRawBufferPointer(rebasing: buffer[..<count]), to: open.address)
        }
        guard written else {
            line.withLockedValue { $0.release() }?.resume()
            return nil
        }
        if failure == nil { router.count { $0.sent += 1 } }
        return LightwaveBegunCommand(
            prepared: prepared, transaction: transaction,
            sendFailure: failure.map { "sendto: \(String(cString: strerror($0)))" })
    }

    /// Waits for the outcome of a command ``begin(_:)`` wrote, with the retries and the health
    /// of ``send(_:line1:line2:)``, and frees the line.
    @discardableResult
    public func finish(_ begun: LightwaveBegunCommand) async throws(LightwaveDriverError) -> LightwaveSendResult {
        defer { release() }
        return try await outcome(of: begun.prepared.action) { () async throws(LightwaveDriverError) in
            try await perform(begun.prepared.action, line1: nil, line2: nil, begun: begun)
        }
    }

    private func outcome(
        of action: LightwaveAction, _ body: () async throws(LightwaveDriverError) -> LightwaveSendResult
    ) async throws(LightwaveDriverError) -> LightwaveSendResult {
        do {
            let result = try await body()
            setHealth(.healthy)
            return result
        } catch {
            switch error {
            case .noReply: setHealth(.down(error.description))
            case .notStarted, .socket, .invalidCommand: break
            default: setHealth(.degraded(error.description))
            }
            logger.warning("lightwave: \(action.functionName) failed: \(error)")
            throw error
        }
    }

    /// Sends `!F*p` and waits for the user to press the Link's button (PROTOCOLS.md §3
    /// "Registration"): the JSON `success` line, or the firmware version if this client was
    /// registered already.
    public func register() async throws(LightwaveDriverError) -> LightwaveRegistrationOutcome {
        await acquire()
        defer { release() }
        let trans = line.withLockedValue { $0.takeTransaction() }
        let (stream, continuation) = router.begin(trans)
        defer { endExchange() }
        try await transmit(LightwaveCommand(link: settings.linkSelector, transaction: trans, action: .register))
        var timer = startTimer(settings.replyTimeout, continuation)
        defer { timer.cancel() }
        var waitingForButton = false
        for await inbound in stream {
            switch inbound {
            case .timeout(let generation) where generation == timerGeneration:
                if waitingForButton { throw .registrationTimedOut(settings.registrationTimeout) }
                setHealth(.down("no reply to !F*p"))
                throw .noReply(attempts: 1, timeout: settings.replyTimeout)
            case .message(.version(_, let firmware)):
                setHealth(.healthy)
                return .alreadyRegistered(firmware: firmware)
            case .message(.event(let event)) where event.isRegistrationSuccess:
                setHealth(.healthy)
                return .registered(event)
            case .message(.error(let reply)):
                switch reply.kind {
                case .awaitingButtonPress, .notRegistered:
                    guard !waitingForButton else { continue }
                    waitingForButton = true
                    logger.notice("lightwave: press the button on the Link now (\(settings.registrationTimeout))")
                    timer.cancel()
                    timer = startTimer(settings.registrationTimeout, continuation)
                case .pairingMemoryFull: throw .pairingMemoryFull
                default: throw .linkError(reply)
                }
            case .message(.ok):
                guard !waitingForButton else { continue }
                waitingForButton = true
                timer.cancel()
                timer = startTimer(settings.registrationTimeout, continuation)
            case .timeout, .message: continue
            }
        }
        throw .notStarted
    }

    // MARK: One command

    private func perform(
        _ action: LightwaveAction, line1: String?, line2: String?, begun: LightwaveBegunCommand?
    ) async throws(LightwaveDriverError) -> LightwaveSendResult {
        var backoff = settings.transmitFailBackoff
        backoff.reset()
        var delays: [Duration] = []
        var attempts = 0
        var silent = 0
        var begun = begun
        while true {
            attempts += 1
            let exchanged: Exchange
            let trans: UInt16
            if let first = begun {
                begun = nil
                trans = first.transaction
                let (stream, continuation) = router.attach(trans)
                exchanged = try await awaitReply(
                    to: first.prepared.action, stream, continuation, sendFailure: first.sendFailure)
            } else {
                trans = line.withLockedValue { $0.takeTransaction() }
                let command = LightwaveCommand(
                    link: settings.linkSelector, transaction: trans, action: action, line1: line1, line2: line2)
                exchanged = try await exchange(command)
            }
            switch exchanged {
            case .ok(let confirmation):
                return LightwaveSendResult(
                    transaction: trans, attempts: attempts, retryDelays: delays, confirmation: confirmation)
            case .noReply:
                silent += 1
                guard silent <= settings.noReplyRetries else {
                    throw .noReply(attempts: attempts, timeout: settings.replyTimeout)
                }
            case .error(let reply):
                switch reply.kind {
                case .transmitFail:
                    guard let delay = backoff.next() else { throw .transmitFailed(attempts: attempts, retryDelays: delays) }
                    delays.append(delay)
                    router.count { $0.transmitRetries += 1 }
                    logger.info("lightwave: ERR,6 transmit fail, retrying in \(delay)")
                    try? await Task.sleep(for: delay)
                case .notRegistered, .awaitingButtonPress: throw .notRegistered(reply)
                default: throw .linkError(reply)
                }
            }
        }
    }

    private enum Exchange {
        case ok(LightwaveEvent?)
        case error(LightwaveErrorReply)
        case noReply
    }

    /// Sends one datagram and waits for its reply (and the JSON line, when awaited).
    private func exchange(_ command: LightwaveCommand) async throws(LightwaveDriverError) -> Exchange {
        guard let trans = command.transaction else { return .noReply }
        let (stream, continuation) = router.begin(trans)
        do {
            try await transmit(command)
        } catch {
            endExchange()
            throw error
        }
        return try await awaitReply(to: command.action, stream, continuation, sendFailure: nil)
    }

    /// Waits for the reply to the command carrying `action`, already written (for a command
    /// ``begin(_:)`` wrote, `sendFailure` says why the socket did not take it).
    private func awaitReply(
        to action: LightwaveAction, _ stream: AsyncStream<LightwaveReplyRouter.Inbound>,
        _ continuation: AsyncStream<LightwaveReplyRouter.Inbound>.Continuation, sendFailure: String?
    ) async throws(LightwaveDriverError) -> Exchange {
        defer { endExchange() }
        if let sendFailure { throw .socket(sendFailure) }
        var timer = startTimer(settings.replyTimeout, continuation)
        defer { timer.cancel() }
        let radio: Bool
        switch action {
        case .device, .room: radio = true
        default: radio = false
        }
        var okSeen = false
        for await inbound in stream {
            switch inbound {
            case .timeout(let generation) where generation == timerGeneration:
                if okSeen { throw .notConfirmed(timeout: settings.confirmationTimeout) }
                return .noReply
            case .message(.ok):
                guard !okSeen else { continue }
                guard settings.awaitConfirmation, radio else { return .ok(nil) }
                okSeen = true
                timer.cancel()
                timer = startTimer(settings.confirmationTimeout, continuation)
            case .message(.error(let reply)):
                return .error(reply)
            case .message(.event(let event)):
                if okSeen, event.isRadioPacket, Self.event(event, matches: action) { return .ok(event) }
            case .timeout, .message: continue
            }
        }
        throw .notStarted
    }

    /// Whether a radio JSON line reports `action` (room and, for device functions, device).
    static func event(_ event: LightwaveEvent, matches action: LightwaveAction) -> Bool {
        switch action {
        case .device(let room, let device, _): return event.room == Int(room) && event.device == Int(device)
        case .room(let room, _): return event.room == Int(room)
        default: return false
        }
    }

    private func transmit(_ command: LightwaveCommand) async throws(LightwaveDriverError) {
        guard let open = link.withLockedValue({ $0 }) else { throw .notStarted }
        let bytes: [UInt8]
        do {
            bytes = try encoder.encode(command)
        } catch {
            throw .invalidCommand(error)
        }
        // Sleep only when the pacing gap has not passed yet: even a deadline in the past goes
        // through the timer queue and a thread hop, which cost the trigger-to-wire latency
        // (BENCHMARKS.md) a few hundred microseconds per command.
        if let last = line.withLockedValue({ $0.lastDone }), case let due = last + settings.pacing, due > .now {
            try? await Task.sleep(until: due, clock: .continuous)
        }
        if let failure = open.sender.send(bytes, to: open.address) {
            throw .socket("sendto: \(String(cString: strerror(failure)))")
        }
        router.count { $0.sent += 1 }
        logger.debug("lightwave: sent \(String(decoding: bytes, as: UTF8.self))")
    }

    // MARK: Helpers

    private func startTimer(_ timeout: Duration, _ continuation: AsyncStream<LightwaveReplyRouter.Inbound>.Continuation) -> Task<
        Void, Never
    > {
        timerGeneration += 1
        let generation = timerGeneration
        return Task {
            try? await Task.sleep(for: timeout)
            if !Task.isCancelled { continuation.yield(.timeout(generation)) }
        }
    }

    private func setHealth(_ new: LightHealth) {
        guard new != health else { return }
        health = new
        eventSink.yield(.health(new))
    }

    /// The exchange in flight ended (its reply, or its time-out): pacing counts from now.
    private func endExchange() {
        router.end()
        line.withLockedValue { $0.lastDone = .now }
    }

    /// One command at a time (actor methods interleave at every `await`).
    private func acquire() async {
        let free = line.withLockedValue { line -> Bool in
            guard !line.busy else { return false }
            line.busy = true
            return true
        }
        if free { return }
        await withCheckedContinuation { continuation in
            let now = line.withLockedValue { line -> Bool in
                guard line.busy else {
                    line.busy = true
                    return true
                }
                line.waiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    private func release() {
        line.withLockedValue { $0.release() }?.resume()
    }
}

/// The driver's command line: who holds it, who waits, the next transaction id, pacing.
private struct Line {
    var busy = false
    var waiters: [CheckedContinuation<Void, Never>] = []
    var nextTransaction: UInt16 = 1
    /// When the last exchange ended (its reply, or its time-out): pacing counts from there.
    var lastDone: ContinuousClock.Instant?

    /// The next transaction id, 1–999 cycling.
    mutating func takeTransaction() -> UInt16 {
        let trans = nextTransaction
        nextTransaction = trans >= 999 ? 1 : trans + 1
        return trans
    }

    /// Hands the line to the next waiter (returned, to resume outside the lock) or frees it.
    mutating func release() -> CheckedContinuation<Void, Never>? {
        if waiters.isEmpty {
            busy = false
            return nil
        }
        return waiters.removeFirst()
    }
}

/// A command ``LightwaveDriver/begin(_:)`` has written; pass it to ``LightwaveDriver/finish(_:)``.
public struct LightwaveBegunCommand: Sendable {
    /// The command, prepared.
    let prepared: LightwavePreparedCommand
    /// The transaction id it was sent with.
    let transaction: UInt16
    /// Why the socket did not take the datagram, if it did not.
    let sendFailure: String?

    /// The command as sent.
    public var command: LightwaveCommand { prepared.command(transaction: transaction) }
}
