import LightProtocols
import NIOCore
import NIOPosix

/// The connection side of ``HelvarDriver``: connect, reconnect with back-off, the paced writer,
/// the keep-alive and the reply matching (PROTOCOLS.md §2).
extension HelvarDriver {
    // MARK: Connection

    func run() async {
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

    func runTCP(onConnect: () -> Void) async throws {
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

    func runUDP(onConnect: () -> Void) async throws {
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
    func session(
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

    func keepAlive(_ gen: UInt64) async {
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

    func connectionEnded() {
        link?.writes.finish()
        link = nil
        failAll(stopped ? .stopped : .connectionClosed(command: .queryTime))
    }

    // MARK: Receiving

    func received(_ buffer: ByteBuffer) {
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

    func protocolError(_ e: HelvarError) {
        logger.warning("bad bytes from the HelvarNet router: \(e)")
        eventSink.yield(.protocolError(e))
    }

    func handle(_ message: HelvarMessage) {
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
