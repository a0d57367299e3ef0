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

    let eventSink: AsyncStream<HelvarDriverEvent>.Continuation
    let group: any EventLoopGroup
    let logger: Logger
    private var runTask: Task<Void, Never>?
    var stopped = false

    /// The current connection: where to queue writes and how to close it.
    struct Link {
        var generation: UInt64
        var writes: AsyncStream<ByteBuffer>.Continuation
        var close: @Sendable () -> Void
    }
    var link: Link?
    var generation: UInt64 = 0

    var matcher = HelvarReplyMatcher()
    var waiters:
        [UInt64: (
            command: HelvarCommandNumber, continuation: CheckedContinuation<Result<HelvarReply?, HelvarDriverError>, Never>,
            timer: Task<Void, Never>
        )] = [:]
    var linkWaiters: [UInt64: CheckedContinuation<Bool, Never>] = [:]
    private var nextID: UInt64 = 0
    var asciiDecoder: HelvarDecoder
    var rawDecoder = HelvarRawDecoder()

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

    func wakeLinkWaiters(_ up: Bool) {
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

    func resolve(_ id: UInt64, _ result: Result<HelvarReply?, HelvarDriverError>) {
        guard let w = waiters.removeValue(forKey: id) else { return }
        w.timer.cancel()
        w.continuation.resume(returning: result)
    }

    func failAll(_ reason: HelvarDriverError) {
        let all = waiters
        waiters = [:]
        matcher.removeAll()
        for w in all.values {
            w.timer.cancel()
            let error: HelvarDriverError = reason == .stopped ? .stopped : .connectionClosed(command: w.command)
            w.continuation.resume(returning: .failure(error))
        }
    }

    func setHealth(_ h: LightHealth) {
        guard h != health else { return }
        health = h
        eventSink.yield(.health(h))
    }
}
