import BridgeIO
import LightProtocols
import Logging
import NIOCore
import NIOPosix

/// The Caron Smart Light output driver (issue 4 item 5; PROTOCOLS.md §1.2–§1.4; seed
/// `002_5fdeac084bbe168a.txt`): LightBridge drives Smart Light fixtures with the same command
/// language the PLC speaks.
///
/// - TCP (port 13000): binary packets numbered 0…255 (rolling, skipping ids still waiting), each
///   reply matched by its id; `[id, 4, command, 0]` succeeds when its command byte is the
///   request's, `[id, 5, 0x7F, command, code]` throws ``SmartLightDriverError/refused(id:command:reason:)``;
///   no reply within ``SmartLightDriverSettings/replyTimeout`` throws
///   ``SmartLightDriverError/timeout(id:command:)``; a connection that closes under a waiting
///   command throws ``SmartLightDriverError/connectionClosed(id:command:)``.
/// - USB: the same packets and replies over ``SmartLightUSBTransport``.
/// - Serial: framed ASCII from the codec's ``SmartLightFrameEncoder``, write-only (the light
///   never answers on RS232), so ``send(_:)`` returns once the frame is written.
///
/// All three run on one core: a ``SmartLightPacketLink`` that is (re)opened with the
/// ``SmartLightDriverSettings/reconnect`` back-off whenever it fails or closes — a lost TCP
/// connection, an unplugged USB device, a serial port that hung up (`EIO`). Call ``start()``
/// once, then ``send(_:)``; ``stop()`` closes everything.
public actor SmartLightDriver {
    /// The settings.
    public nonisolated let settings: SmartLightDriverSettings
    /// Health changes, unmatched replies and bad bytes (newest 1024 kept if unread).
    public nonisolated let events: AsyncStream<SmartLightDriverEvent>
    /// The link's health.
    public private(set) var health: LightHealth = .connecting
    /// How many times the driver has tried to open the link.
    public private(set) var openAttempts = 0

    private let eventSink: AsyncStream<SmartLightDriverEvent>.Continuation
    private let group: any EventLoopGroup
    private let logger: Logger
    private var usbContext: USBContext?
    private let ownsUSBContext: Bool
    private var runTask: Task<Void, Never>?
    private var stopped = false
    private var link: (any SmartLightPacketLink)?
    private var decoder: SmartLightPacketDecoder
    private var nextPacketID: UInt8 = 0
    private var nextToken: UInt64 = 0

    private struct Waiter {
        var token: UInt64
        var command: UInt8
        var continuation: CheckedContinuation<Result<Void, SmartLightDriverError>, Never>
        var timer: Task<Void, Never>
    }
    private var waiters: [UInt8: Waiter] = [:]
    private var linkWaiters: [UInt64: CheckedContinuation<Bool, Never>] = [:]

    /// Creates a driver; nothing is opened until ``start()``. A USB transport uses `usbContext`
    /// when given (its event thread is started if needed), or a context of its own.
    public init(
        settings: SmartLightDriverSettings, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        usbContext: USBContext? = nil, logger: Logger = Logger(label: "lightbridge.smartlight")
    ) {
        self.settings = settings
        self.group = group
        self.logger = logger
        self.usbContext = usbContext
        self.ownsUSBContext = usbContext == nil
        (events, eventSink) = AsyncStream.makeStream(of: SmartLightDriverEvent.self, bufferingPolicy: .bufferingNewest(1024))
        decoder = SmartLightPacketDecoder(format: settings.packetFormat)
    }

    /// Starts opening the link (and reopening it whenever it drops).
    public func start() {
        guard runTask == nil, !stopped else { return }
        runTask = Task { await self.run() }
    }

    /// Closes the link, fails every waiting command with ``SmartLightDriverError/stopped`` and
    /// ends ``events``.
    public func stop() async {
        stopped = true
        if let link {
            // Let the link report its own close (a USB transport finishes cancelling its
            // transfers on the libusb event thread first), for at most the reply timeout.
            link.close()
            let run = runTask
            let timeout = settings.replyTimeout
            let deadline = Task {
                try? await Task.sleep(for: timeout)
                run?.cancel()
            }
            await run?.value
            deadline.cancel()
        } else {
            runTask?.cancel()
            await runTask?.value
        }
        runTask = nil
        failAll { _, _ in .stopped }
        wakeLinkWaiters(false)
        if ownsUSBContext { usbContext?.shutdown() }
        usbContext = nil
        eventSink.finish()
    }

    /// Whether the link is open.
    public var isConnected: Bool { link != nil }

    // MARK: Commands

    /// Sends one command. On TCP and USB it returns when the light acknowledged it and throws
    /// the refusal, time-out or close otherwise; on serial it returns once the frame is
    /// written. Waits up to the reply timeout for a link.
    public func send(_ command: SmartLightCommand) async throws(SmartLightDriverError) {
        guard runTask != nil, !stopped else { throw .stopped }
        if case .serial(_, _, let format) = settings.transport {
            let frame: [UInt8]
            do { frame = try SmartLightFrameEncoder(format: format).encode(command) } catch { throw .encoding(error) }
            guard try await waitForLink(), let link else { throw .notConnected }
            try await write(frame, to: link).get()
            return
        }
        var packet: [UInt8]
        do {
            packet = try SmartLightPacketEncoder(format: settings.packetFormat).encode(
                SmartLightPacket(id: 0, payload: SmartLightPacketPayload(command)))
        } catch {
            throw .encoding(error)
        }
        guard try await waitForLink(), let link else { throw .notConnected }
        let id = try allocateID()
        packet[0] = id
        try await exchange(packet, id: id, on: link).get()
    }

    /// Switches the light to recipe mode `mode` (0 clears it).
    public func setMode(_ mode: UInt16) async throws(SmartLightDriverError) {
        try await send(.modeSet(mode: mode))
    }

    /// Clears the light (mode 0 on TCP and USB, `C` on serial).
    public func clear() async throws(SmartLightDriverError) {
        try await send(.clear)
    }

    /// Registers a waiter for packet `id`, writes it and waits for its reply.
    private func exchange(
        _ packet: [UInt8], id: UInt8, on link: any SmartLightPacketLink
    ) async -> Result<Void, SmartLightDriverError> {
        nextToken += 1
        let token = nextToken
        let command = packet[2]
        let timeout = settings.replyTimeout
        return await withCheckedContinuation { continuation in
            let timer = Task { [weak self] in
                try? await Task.sleep(for: timeout)
                if !Task.isCancelled { await self?.expire(id, token: token) }
            }
            waiters[id] = Waiter(token: token, command: command, continuation: continuation, timer: timer)
            link.write(packet) { [weak self] result in
                guard case .failure(let error) = result else { return }
                Task { await self?.resolve(id, token: token, .failure(error)) }
            }
        }
    }

    private func write(_ bytes: [UInt8], to link: any SmartLightPacketLink) async -> Result<Void, SmartLightDriverError> {
        await withCheckedContinuation { continuation in
            link.write(bytes) { continuation.resume(returning: $0) }
        }
    }

    /// The next packet id not waiting for a reply (0…255, rolling).
    private func allocateID() throws(SmartLightDriverError) -> UInt8 {
        for _ in 0..<256 {
            let id = nextPacketID
            nextPacketID &+= 1
            if waiters[id] == nil { return id }
        }
        throw .tooManyInFlight
    }

    // MARK: Waiting

    private func waitForLink() async throws(SmartLightDriverError) -> Bool {
        if stopped { throw .stopped }
        if link != nil { return true }
        nextToken += 1
        let token = nextToken
        let timeout = settings.replyTimeout
        let up = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            linkWaiters[token] = continuation
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                await self?.giveUpWaitingForLink(token)
            }
        }
        if stopped { throw .stopped }
        return up
    }

    private func giveUpWaitingForLink(_ token: UInt64) {
        linkWaiters.removeValue(forKey: token)?.resume(returning: false)
    }

    private func wakeLinkWaiters(_ up: Bool) {
        let all = linkWaiters
        linkWaiters = [:]
        for c in all.values { c.resume(returning: up) }
    }

    private func expire(_ id: UInt8, token: UInt64) {
        guard let w = waiters[id], w.token == token else { return }
        waiters[id] = nil
        logger.warning("no reply to Smart Light packet \(id) (command \(hexByte(w.command))) within \(settings.replyTimeout)")
        setHealth(.degraded("no reply to packet \(id)"))
        w.continuation.resume(returning: .failure(.timeout(id: id, command: w.command)))
    }

    private func resolve(_ id: UInt8, token: UInt64? = nil, _ result: Result<Void, SmartLightDriverError>) {
        guard let w = waiters[id], token == nil || w.token == token else { return }
        waiters[id] = nil
        w.timer.cancel()
        w.continuation.resume(returning: result)
    }

    private func failAll(_ error: (UInt8, UInt8) -> SmartLightDriverError) {
        let all = waiters
        waiters = [:]
        for (id, w) in all {
            w.timer.cancel()
            w.continuation.resume(returning: .failure(error(id, w.command)))
        }
    }

    private func setHealth(_ h: LightHealth) {
        guard h != health else { return }
        health = h
        eventSink.yield(.health(h))
    }

    // MARK: The link

    private func run() async {
        var backoff = settings.reconnect
        while !Task.isCancelled && !stopped {
            openAttempts += 1
            do {
                let link = try await openLink()
                backoff.reset()
                await session(link)
            } catch {
                if !stopped {
                    logger.info("Smart Light link \(settings.endpointDescription): \(error)")
                    setHealth(.down(error.description))
                }
            }
            if stopped || Task.isCancelled { break }
            try? await Task.sleep(for: backoff.next() ?? settings.reconnect.maximum)
        }
    }

    private func openLink() async throws(SmartLightDriverError) -> any SmartLightPacketLink {
        switch settings.transport {
        case .tcp(let host, let port):
            return try await SmartLightChannelLink.connect(host: host, port: port, timeout: settings.connectTimeout, group: group)
        case .serial(let path, let serial, _):
            return try await SmartLightChannelLink.openSerial(path: path, settings: serial, group: group)
        case .usb(let usb):
            let context: USBContext
            do {
                try usb.validate()
                if let existing = usbContext {
                    context = existing
                } else {
                    context = try USBContext(logger: logger)
                    usbContext = context
                }
                try context.start()
            } catch {
                throw .openFailed("\(error)")
            }
            return try SmartLightUSBLink.open(usb, context: context, logger: logger)
        }
    }

    /// Runs one open link until it closes.
    private func session(_ newLink: any SmartLightPacketLink) async {
        if stopped {
            newLink.close()
            return
        }
        link = newLink
        decoder = SmartLightPacketDecoder(format: settings.packetFormat)
        logger.info("Smart Light link up: \(settings.endpointDescription)")
        setHealth(.healthy)
        wakeLinkWaiters(true)
        var reason = "closed"
        for await event in newLink.events {
            switch event {
            case .bytes(let bytes): received(bytes)
            case .closed(let why): reason = why
            }
        }
        link = nil
        let wasStopped = stopped
        failAll { id, command in wasStopped ? .stopped : .connectionClosed(id: id, command: command) }
        if !stopped {
            logger.warning("Smart Light link \(settings.endpointDescription) closed: \(reason)")
            setHealth(.connecting)
        }
    }

    // MARK: Receiving

    private func received(_ bytes: [UInt8]) {
        guard settings.expectsReplies else { return }  // a serial light never answers; ignore noise
        decoder.feed(bytes)
        while let result = decoder.next() {
            switch result {
            case .success(let packet): handle(packet)
            case .failure(let error):
                logger.warning("bad bytes from the Smart Light: \(error)")
                eventSink.yield(.protocolError(error))
            }
        }
    }

    private func handle(_ packet: SmartLightPacket) {
        let id = packet.id
        switch packet.payload {
        case .reply(let command):
            guard let w = waiters[id] else { return unmatched(packet) }
            guard command == w.command else {
                logger.warning("Smart Light reply to packet \(id) names command \(hexByte(command)), not \(hexByte(w.command))")
                setHealth(.degraded("reply to packet \(id) names the wrong command"))
                return resolve(id, .failure(.replyMismatch(id: id, sent: w.command, received: command)))
            }
            setHealth(.healthy)
            resolve(id, .success(()))
        case .refused(let command, let reason):
            guard let w = waiters[id] else { return unmatched(packet) }
            logger.warning("Smart Light refused packet \(id) (command \(hexByte(command))): \(reason.text)")
            setHealth(.degraded("refused packet \(id): \(reason.text)"))
            resolve(id, .failure(.refused(id: id, command: w.command, reason: reason)))
        case .modeSet, .segment, .level, .runLight, .userColour:
            unmatched(packet)
        }
    }

    private func unmatched(_ packet: SmartLightPacket) {
        logger.notice("Smart Light packet nobody waited for: id \(packet.id), command \(hexByte(packet.payload.commandByte))")
        eventSink.yield(.unmatched(packet))
    }
}
