import LightProtocols
import NIOCore
import NIOPosix

/// The connection side of ``HeliospectraControlClient`` (PROTOCOLS.md §5): connect with
/// back-off, greeting and first prompt, one exchange, idle disconnect, `bye`.
extension HeliospectraControlClient {
    // MARK: Connecting

    func startConnecting() {
        guard link == nil, connectTask == nil, !stopped else { return }
        connectTask = Task { await self.connectLoop() }
    }

    private func connectLoop() async {
        var backoff = settings.reconnect
        backoff.reset()
        while !stopped && !Task.isCancelled {
            do {
                let up = try await connectOnce()
                guard !stopped else {
                    up.channel.close(promise: nil)
                    break
                }
                link = up
                logger.info("heliospectra: connected to \(settings.host):\(settings.port)")
                setHealth(.healthy)
                armIdleDisconnect()
                break
            } catch {
                if case .notConnected(let reason) = error as? HeliospectraDriverError {
                    lastConnectError = reason
                } else {
                    lastConnectError = "\(error)"
                }
                if !stopped {
                    logger.info("heliospectra: control socket \(settings.host):\(settings.port): \(error)")
                    setHealth(.down(lastConnectError))
                }
            }
            let delay = backoff.next() ?? settings.reconnect.maximum
            try? await Task.sleep(for: delay)
        }
        connectTask = nil
        wakeLinkWaiters()
    }

    /// Connects and reads the greeting up to the first prompt.
    private func connectOnce() async throws -> HeliospectraControlLink {
        generation += 1
        let gen = generation
        let (stream, sink) = AsyncStream.makeStream(
            of: HeliospectraControlInbound.self, bufferingPolicy: .bufferingOldest(1024))
        let timeout = settings.connectTimeout
        let client = self
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(
                .nanoseconds(timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000)
            )
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        HeliospectraControlReader(sink: sink) { Task { await client.linkClosed(gen) } })
                }
            }
            .connect(host: settings.host, port: settings.port).get()
        var up = HeliospectraControlLink(
            generation: gen, channel: channel, sink: sink, iterator: stream.makeAsyncIterator(),
            decoder: HeliospectraControlDecoder(role: .client, format: settings.format))
        var lines: [String] = []
        let timer = startTimer(settings.replyTimeout, sink)
        defer { timer.cancel() }
        while true {
            switch await up.iterator.next(isolation: self) {
            case .bytes(let buffer)?:
                buffer.withUnsafeReadableBytes { up.decoder.feed($0) }
                while let result = up.decoder.next() {
                    switch result {
                    case .success(.reply(.prompt)):
                        greeting = lines
                        return up
                    case .success(.reply(.greeting(let text))):
                        lines.append(text)
                        eventSink.yield(.greeting(text))
                    case .success(.reply(let other)):
                        eventSink.yield(.unsolicited(other))
                    case .success(.request): break
                    case .failure(let error): protocolError(error)
                    }
                }
            case .timeout(let g)? where g == timerGeneration:
                channel.close(promise: nil)
                throw HeliospectraDriverError.notConnected("no prompt within \(settings.replyTimeout)")
            case .timeout?: continue
            case .closed?, nil:
                greeting = lines
                let said = lines.isEmpty ? "" : ": '\(lines.joined(separator: " / "))'"
                throw HeliospectraDriverError.notConnected("the lamp closed the connection before its prompt\(said)")
            }
        }
    }

    /// Waits (up to ``HeliospectraControlSettings/connectWait``) until a connection is up.
    /// A connection that comes up and is closed again before the waiter runs (a lamp with a
    /// short idle timeout on a busy machine) is not a failure: it connects again until the
    /// wait is over.
    func ensureLink() async throws(HeliospectraDriverError) {
        let deadline = ContinuousClock.now + settings.connectWait
        while link == nil {
            if stopped { throw .stopped }
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw .notConnected(lastConnectError) }
            startConnecting()
            let id = takeID()
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                linkWaiters[id] = continuation
                Task { [weak self] in
                    try? await Task.sleep(for: remaining)
                    await self?.giveUpWaiting(id)
                }
            }
        }
    }

    private func giveUpWaiting(_ id: UInt64) {
        linkWaiters.removeValue(forKey: id)?.resume()
    }

    func wakeLinkWaiters() {
        let all = linkWaiters
        linkWaiters = [:]
        for c in all.values { c.resume() }
    }

    /// The connection of generation `gen` closed (the lamp's idle timeout, or any close).
    func linkClosed(_ gen: UInt64) {
        guard let current = link, current.generation == gen else { return }
        link = nil
        idleTask?.cancel()
        if !stopped && !isBusy {
            logger.info("heliospectra: the lamp closed the idle connection; the next command reconnects")
        }
    }

    // MARK: One exchange

    /// Writes one request line and waits for its reply and the prompt after it.
    func exchange(_ request: HeliospectraControlRequest, _ line: [UInt8]) async throws(HeliospectraDriverError)
        -> HeliospectraControlReply
    {
        guard var current = link else { throw .connectionClosed(command: request.commandName) }
        let gen = current.generation
        current.decoder.expectReply(to: request)
        do {
            try await current.channel.writeAndFlush(current.channel.allocator.buffer(bytes: line))
        } catch {
            // Forget the link now: its close reaches ``linkClosed(_:)`` only later, and the retry
            // must connect afresh rather than write on the dead channel again.
            current.channel.close(promise: nil)
            if link?.generation == gen { link = nil }
            throw .connectionClosed(command: request.commandName)
        }
        let timer = startTimer(settings.replyTimeout, current.sink)
        defer {
            timer.cancel()
            if link?.generation == gen { link = current }
        }
        var outcome: Result<HeliospectraControlReply, HeliospectraDriverError>?
        while true {
            switch await current.iterator.next(isolation: self) {
            case .bytes(let buffer)?:
                buffer.withUnsafeReadableBytes { current.decoder.feed($0) }
                while let result = current.decoder.next() {
                    switch result {
                    case .success(.reply(.prompt)):
                        if let outcome { return try outcome.get() }
                    case .success(.reply(let reply)):
                        if outcome == nil { outcome = .success(reply) } else { eventSink.yield(.unsolicited(reply)) }
                    case .success(.request): break
                    case .failure(let error):
                        protocolError(error)
                        if case .malformedReply = error, outcome == nil { outcome = .failure(.badReply(error)) }
                    }
                }
            case .timeout(let g)? where g == timerGeneration:
                // The lamp is out of step: start afresh on the next command (forgotten now, not
                // when the close is reported, so the next command cannot pick the closing link).
                current.channel.close(promise: nil)
                link = nil
                throw .timeout(command: request.commandName)
            case .timeout?: continue
            case .closed?, nil:
                if link?.generation == gen { link = nil }
                throw .connectionClosed(command: request.commandName)
            }
        }
    }

    func protocolError(_ error: HeliospectraError) {
        logger.warning("heliospectra: bad bytes from the lamp: \(error)")
        eventSink.yield(.protocolError(error))
    }

    func startTimer(_ timeout: Duration, _ sink: AsyncStream<HeliospectraControlInbound>.Continuation) -> Task<Void, Never> {
        timerGeneration += 1
        let g = timerGeneration
        return Task {
            try? await Task.sleep(for: timeout)
            if !Task.isCancelled { sink.yield(.timeout(g)) }
        }
    }

    // MARK: Idle and bye

    /// After a command: say `bye` once the connection has been idle for
    /// ``HeliospectraControlSettings/idleDisconnect``.
    func armIdleDisconnect() {
        idleTask?.cancel()
        guard let idle = settings.idleDisconnect, let gen = link?.generation else { return }
        idleTask = Task { [weak self] in
            try? await Task.sleep(for: idle)
            if !Task.isCancelled { await self?.idleExpired(gen) }
        }
    }

    private func idleExpired(_ gen: UInt64) async {
        guard link?.generation == gen, !isBusy else { return }
        logger.info("heliospectra: idle for \(settings.idleDisconnect.map { "\($0)" } ?? "?"): saying bye")
        await sayByeAndClose()
    }

    /// Writes `bye` on the current connection (if any) and closes it.
    func sayByeAndClose() async {
        guard let current = link else { return }
        link = nil
        if let bye = try? encoder.encode(HeliospectraControlRequest.bye) {
            try? await current.channel.writeAndFlush(current.channel.allocator.buffer(bytes: bye))
        }
        try? await current.channel.close()
    }
}
