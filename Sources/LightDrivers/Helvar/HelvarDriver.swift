import LightProtocols
import Logging
import NIOCore
import NIOPosix

/// The HelvarNet output driver (issue 4 item 1; PROTOCOLS.md §2; seed
/// `003_689faa0b1f08db2f.txt`): a persistent TCP connection (or UDP) to a router, kept up with
/// reconnects and back-off; commands written at least ``HelvarDriverSettings/writeInterval``
/// apart; replies matched in order per command and address with a timeout; `!` errors thrown
/// as ``HelvarDriverError/router(code:command:address:)``; query 185 as keep-alive; partial
/// (`$`) replies reassembled by the codec's decoder; router-pushed scene recalls delivered on
/// ``events``.
///
/// Call ``start()`` once, then ``send(_:)`` or the convenience methods; ``stop()`` closes
/// everything. HelvarNet replies carry no request id: a reply that arrives after its command
/// timed out goes to the next command waiting with the same number, address and group (the
/// same question), or, if none, out as ``HelvarDriverEvent/unmatched(_:)``. Raw encoding sends
/// no keep-alive (a raw reply cannot carry the time).
public actor HelvarDriver {
    /// The settings.
    public nonisolated let settings: HelvarDriverSettings
    /// Pushed recalls, unmatched replies, protocol errors and health changes (one consumer).
    public nonisolated let events: AsyncStream<HelvarDriverEvent>
    /// The link's health.
    public private(set) var health: LightHealth = .connecting

    private let eventSink: AsyncStream<HelvarDriverEvent>.Continuation
    private let group: any EventLoopGroup
    private let logger: Logger
    private var runTask: Task<Void, Never>?
    private var stopped = false

    /// The current connection: where to queue writes and how to close it.
    private struct Link {
        var generation: UInt64
        var writes: AsyncStream<ByteBuffer>.Continuation
        var close: @Sendable () -> Void
    }
    private var link: Link?
    private var generation: UInt64 = 0

    private var matcher = HelvarReplyMatcher()
    private var waiters:
        [UInt64: (
            command: HelvarCommandNumber, continuation: CheckedContinuation<Result<HelvarReply?, HelvarDriverError>, Never>,
            timer: Task<Void, Never>
        )] = [:]
    private var linkWaiters: [UInt64: CheckedContinuation<Bool, Never>] = [:]
    private var nextID: UInt64 = 0
    private var asciiDecoder: HelvarDecoder
    private var rawDecoder = HelvarRawDecoder()

    /// Creates a driver; nothing happens until ``start()``.
    public init(
        settings: HelvarDriverSettings, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "lightbridge.helvar")
    ) {
        self.settings = settings
        self.group = group
        self.logger = logger
        (events, eventSink) = AsyncStream.makeStream(of: HelvarDriverEvent.self, bufferingPolicy: .bufferingNewest(1024))
        asciiDecoder = HelvarDecoder(format: settings.format)
    }

    /// Starts connecting (and reconnecting whenever the link drops).
    public func start() {
        guard runTask == nil, !stopped else { return }
        runTask = Task { await self.run() }
    }

    /// Closes the connection, fails every waiting command with ``HelvarDriverError/stopped``
    /// and ends ``events``.
    public func stop() async {
        stopped = true
        link?.close()
        runTask?.cancel()
        await runTask?.value
        runTask = nil
        failAll(.stopped)
        wakeLinkWaiters(false)
        eventSink.finish()
    }

    /// Whether a connection is up.
    public var isConnected: Bool { link != nil }

    // MARK: Commands

    /// Sends a command. A query returns its reply; a control or configuration command returns
    /// `nil`, after the acknowledgement when it carries `A:1` (set by
    /// ``HelvarDriverSettings/acknowledge`` when the command leaves `A` out). Waits up to the
    /// reply timeout for a connection.
    @discardableResult
    public func send(_ command: HelvarCommand) async throws(HelvarDriverError) -> HelvarReply? {
        var c = command
        if c.acknowledge == nil && settings.acknowledge && c.number.category != .query { c.acknowledge = true }
        let expectsReply = c.number.category == .query || c.effectiveAcknowledge
        let bytes = try encode(c)
        guard try await waitForLink(), let link else { throw .notConnected }
        guard expectsReply else {
            link.writes.yield(bytes)
            return nil
        }
        nextID += 1
        let id = nextID
        let key = HelvarReplyKey(c)
        let timeout = settings.replyTimeout
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<HelvarReply?, HelvarDriverError>, Never>) in
            let timer = Task { [weak self] in
                try? await Task.sleep(for: timeout)
                if !Task.isCancelled { await self?.expire(id) }
            }
            waiters[id] = (c.number, continuation, timer)
            matcher.add(key, id: id)
            link.writes.yield(bytes)
        }
        return try result.get()
    }

    /// Sends a query and returns its reply.
    public func query(_ command: HelvarCommand) async throws(HelvarDriverError) -> HelvarReply {
        guard command.number.category == .query else {
            throw .encoding(.malformed(reason: "command \(command.number.rawValue) is not a query"))
        }
        guard let reply = try await send(command) else { throw .timeout(command: command.number) }
        return reply
    }

    /// Recalls a scene in a group (command 11).
    public func recallScene(group: UInt16, block: UInt8, scene: UInt8, fade: UInt32? = nil) async throws(HelvarDriverError) {
        try await send(
            HelvarCommand(.recallSceneGroup, version: settings.version, group: group, block: block, scene: scene, fade: fade))
    }

    /// Sets a group's level in percent (command 13).
    public func setLevel(group: UInt16, percent: Double, fade: UInt32? = nil) async throws(HelvarDriverError) {
        let level = try Self.level(percent)
        try await send(HelvarCommand(.directLevelGroup, version: settings.version, group: group, fade: fade, level: level))
    }

    /// Sets a device's level in percent (command 14).
    public func setLevel(device: HelvarAddress, percent: Double, fade: UInt32? = nil) async throws(HelvarDriverError) {
        let level = try Self.level(percent)
        try await send(HelvarCommand(.directLevelDevice, version: settings.version, address: device, fade: fade, level: level))
    }

    private static func level(_ percent: Double) throws(HelvarDriverError) -> HelvarLevel {
        let tenths = (percent * 10).rounded()
        guard tenths.isFinite, tenths >= 0, tenths <= 1000 else {
            throw .encoding(
                .valueOutOfRange(
                    field: "level (tenths)", value: tenths.isFinite ? Int64(tenths) : -1, range: HelvarLevel.tenthsRange))
        }
        do { return try HelvarLevel(tenths: Int(tenths)) } catch { throw .encoding(error) }
    }

    private func encode(_ c: HelvarCommand) throws(HelvarDriverError) -> ByteBuffer {
        do {
            switch settings.encoding {
            case .ascii:
                return ByteBuffer(bytes: try HelvarEncoder(format: settings.format).encode(.command(c)))
            case .raw:
                guard c.number.category != .query else { throw HelvarDriverError.notSupportedInRaw(command: c.number) }
                try c.validate()
                return ByteBuffer(bytes: try HelvarRawEncoder().encode(HelvarRawMessage(c)))
            }
        } catch let e as HelvarDriverError {
            throw e
        } catch let e as HelvarError {
            throw .encoding(e)
        } catch {
            throw .encoding(.malformed(reason: "\(error)"))
        }
    }

    // MARK: Waiting

    private func waitForLink() async throws(HelvarDriverError) -> Bool {
        if stopped { throw .stopped }
        if link != nil { return true }
        nextID += 1
        let id = nextID
        let timeout = settings.replyTimeout
        let up = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            linkWaiters[id] = continuation
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                await self?.giveUpWaitingForLink(id)
            }
        }
        if stopped { throw .stopped }
        return up
    }

    private func giveUpWaitingForLink(_ id: UInt64) {
        linkWaiters.removeValue(forKey: id)?.resume(returning: false)
    }

    private func wakeLinkWaiters(_ up: Bool) {
        let all = linkWaiters
        linkWaiters = [:]
        for c in all.values { c.resume(returning: up) }
    }

    private func expire(_ id: UInt64) {
        guard let w = waiters.removeValue(forKey: id) else { return }
        matcher.remove(id: id)
        logger.warning("no reply to command \(w.command.rawValue) within \(settings.replyTimeout)")
        setHealth(.degraded("no reply to command \(w.command.rawValue)"))
        w.continuation.resume(returning: .failure(.timeout(command: w.command)))
    }

    private func resolve(_ id: UInt64, _ result: Result<HelvarReply?, HelvarDriverError>) {
        guard let w = waiters.removeValue(forKey: id) else { return }
        w.timer.cancel()
        w.continuation.resume(returning: result)
    }

    private func failAll(_ reason: HelvarDriverError) {
        let all = waiters
        waiters = [:]
        matcher.removeAll()
        for w in all.values {
            w.timer.cancel()
            let error: HelvarDriverError = reason == .stopped ? .stopped : .connectionClosed(command: w.command)
            w.continuation.resume(returning: .failure(error))
        }
    }

    private func setHealth(_ h: LightHealth) {
        guard h != health else { return }
        health = h
        eventSink.yield(.health(h))
    }

    // MARK: Connection

    private func run() async {
        var backoff = settings.reconnect
        while !Task.isCancelled && !stopped {
            do {
                switch settings.transport {
                case .tcp: try await runTCP { backoff.reset() }
                case .udp: try await runUDP { backoff.reset() }
                }
                if !stopped { setHealth(.connecting) }
            } catch {
                if !stopped {
                    logger.info("HelvarNet link to \(settings.host):\(settings.effectivePort): \(error)")
                    setHealth(.down("\(error)"))
                }
            }
            connectionEnded()
            if stopped || Task.isCancelled { break }
            let delay = backoff.next() ?? settings.reconnect.maximum
            try? await Task.sleep(for: delay)
        }
    }

    private func runTCP(onConnect: () -> Void) async throws {
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(
                .milliseconds(
                    settings.connectTimeout.components.seconds * 1000 + settings.connectTimeout.components.attoseconds
                        / 1_000_000_000_000_000)
            )
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: settings.host, port: settings.effectivePort) { ch in
                ch.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: ch) }
            }
        onConnect()
        let raw = channel.channel
        try await channel.executeThenClose { inbound, outbound in
            try await self.session(close: { raw.close(promise: nil) }, write: { try await outbound.write($0) }) {
                for try await buffer in inbound { self.received(buffer) }
            }
        }
    }

    private func runUDP(onConnect: () -> Void) async throws {
        let remote = try SocketAddress.makeAddressResolvingHost(settings.host, port: settings.effectivePort)
        let channel = try await DatagramBootstrap(group: group)
            .bind(host: settings.udpLocalHost, port: 0) { ch in
                ch.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<AddressedEnvelope<ByteBuffer>, AddressedEnvelope<ByteBuffer>>(
                        wrappingChannelSynchronously: ch)
                }
            }
        onConnect()
        let raw = channel.channel
        try await channel.executeThenClose { inbound, outbound in
            try await self.session(
                close: { raw.close(promise: nil) },
                write: { try await outbound.write(AddressedEnvelope(remoteAddress: remote, data: $0)) }
            ) {
                for try await envelope in inbound where envelope.remoteAddress == remote { self.received(envelope.data) }
            }
        }
    }

    /// Runs one connection: the paced writer and the keep-alive beside `read`, until `read` ends.
    private func session(
        close: @escaping @Sendable () -> Void, write: @escaping @Sendable (ByteBuffer) async throws -> Void,
        read: () async throws -> Void
    ) async throws {
        let (writes, writeSink) = AsyncStream.makeStream(of: ByteBuffer.self)
        generation += 1
        let gen = generation
        link = Link(generation: gen, writes: writeSink, close: close)
        asciiDecoder = HelvarDecoder(format: settings.format)
        rawDecoder = HelvarRawDecoder()
        logger.info("HelvarNet link up: \(settings.transport.rawValue) \(settings.host):\(settings.effectivePort)")
        setHealth(.healthy)
        wakeLinkWaiters(true)
        let interval = settings.writeInterval
        let keepAlive = settings.encoding == .ascii ? settings.keepAliveInterval : nil
        try await withThrowingTaskGroup(of: Void.self) { g in
            g.addTask {
                for await buffer in writes {
                    do { try await write(buffer) } catch {
                        close()
                        return
                    }
                    try? await Task.sleep(for: interval)
                }
            }
            if let keepAlive {
                g.addTask { [weak self] in
                    while !Task.isCancelled {
                        try await Task.sleep(for: keepAlive)
                        await self?.keepAlive(gen)
                    }
                }
            }
            defer { g.cancelAll() }
            try await read()
            writeSink.finish()
        }
    }

    private func keepAlive(_ gen: UInt64) async {
        guard link?.generation == gen else { return }
        do {
            _ = try await send(HelvarCommand(.queryTime, version: settings.version))
        } catch .timeout {
            logger.warning("keep-alive query 185 unanswered: reconnecting")
            if link?.generation == gen { link?.close() }
        } catch {
            logger.info("keep-alive: \(error)")
        }
    }

    private func connectionEnded() {
        link?.writes.finish()
        link = nil
        failAll(stopped ? .stopped : .connectionClosed(command: .queryTime))
    }

    // MARK: Receiving

    private func received(_ buffer: ByteBuffer) {
        buffer.withUnsafeReadableBytes { bytes in
            switch settings.encoding {
            case .ascii: asciiDecoder.feed(bytes)
            case .raw: rawDecoder.feed(bytes)
            }
        }
        switch settings.encoding {
        case .ascii:
            while let result = asciiDecoder.next() {
                switch result {
                case .success(let m): handle(m)
                case .failure(let e): protocolError(e)
                }
            }
        case .raw:
            while let result = rawDecoder.next() {
                switch result {
                case .success(let m) where m.type == .reply:
                    // Assumption: a raw acknowledgement carries the error code in word 7.
                    let code = HelvarErrorCode(rawValue: UInt8(clamping: m.value)) ?? .success
                    handle(.error(HelvarErrorReply(request: m.asciiCommand, code: code)))
                case .success(let m): handle(.command(m.asciiCommand))
                case .failure(let e): protocolError(e)
                }
            }
        }
    }

    private func protocolError(_ e: HelvarError) {
        logger.warning("bad bytes from the HelvarNet router: \(e)")
        eventSink.yield(.protocolError(e))
    }

    private func handle(_ message: HelvarMessage) {
        switch message {
        case .reply(let r):
            guard let id = matcher.take(HelvarReplyKey(r.request)) else {
                eventSink.yield(.unmatched(message))
                return
            }
            setHealth(.healthy)
            resolve(id, .success(r))
        case .error(let e):
            guard let id = matcher.take(HelvarReplyKey(e.request)) else {
                if e.code != .success {
                    logger.warning("router error \(e.code) for command \(e.request.number.rawValue), unasked")
                }
                eventSink.yield(.unmatched(message))
                return
            }
            if e.code == .success {
                setHealth(.healthy)
                resolve(id, .success(nil))
            } else {
                setHealth(.degraded("router error \(e.code.rawValue) (\(e.code.name))"))
                resolve(id, .failure(.router(code: e.code, command: e.request.number, address: e.request.address)))
            }
        case .command(let c) where c.number == .recallSceneGroup:
            eventSink.yield(
                .sceneRecalled(group: c.effectiveGroup, block: c.effectiveBlock, scene: c.effectiveScene, fade: c.effectiveFade))
        case .command(let c), .internalCommand(let c):
            eventSink.yield(.pushed(c))
        }
    }
}
