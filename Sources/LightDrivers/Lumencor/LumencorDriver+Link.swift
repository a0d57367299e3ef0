import LightProtocols
import NIOCore

/// The link side of ``LumencorDriver``: open and reopen with back-off, the empty line, the
/// engine reads at connect, the status polling and the answers (PROTOCOLS.md §4; seed 001).
extension LumencorDriver {
    // MARK: Link

    func run() async {
        var backoff = settings.reconnect
        while !Task.isCancelled && !stopped {
            let readyBefore = readyCount
            do {
                let connection = try await LumencorConnection.open(
                    settings.transport, connectTimeout: settings.connectTimeout, udpLocalHost: settings.udpLocalHost,
                    group: group)
                try await session(connection)
                // A link that closed after failing keeps its "down" reason; otherwise: reconnecting.
                if case .down = health {} else if !stopped { setHealth(.connecting) }
            } catch {
                if !stopped {
                    logger.info("lumencor: link \(settings.transport): \(error)")
                    setHealth(.down("\(error)"))
                }
            }
            connectionEnded()
            if readyCount != readyBefore { backoff.reset() }
            if stopped || Task.isCancelled { break }
            let delay = backoff.next() ?? settings.reconnect.maximum
            try? await Task.sleep(for: delay)
        }
    }

    /// Runs one link: the reads at connect and the polling beside the reader, until the link
    /// closes.
    func session(_ connection: LumencorConnection) async throws {
        generation += 1
        let gen = generation
        link = Link(generation: gen, write: connection.write, close: connection.close)
        ready = false
        consecutiveTimeouts = 0
        decoder = LumencorDecoder(format: settings.format)
        logger.info("lumencor: link up: \(settings.transport)")
        await withTaskGroup(of: Void.self) { g in
            g.addTask { await self.prepareAndPoll(gen) }
            for await buffer in connection.inbound { received(buffer, generation: gen) }
            // Fail the command in flight now: the reads and polls must not wait for its timeout.
            connectionEnded()
            g.cancelAll()
        }
        logger.info("lumencor: link closed: \(settings.transport)")
    }

    func connectionEnded() {
        link?.close()
        link = nil
        ready = false
        priming = false
        emptyLineAnswerDue = false
        failInFlight()
    }

    /// The empty line, the engine reads, then polling every ``LumencorDriverSettings/pollInterval``.
    private func prepareAndPoll(_ gen: UInt64) async {
        if settings.sendsEmptyLine, let link, link.generation == gen {
            priming = true
            emptyLineAnswerDue = true
            link.write(ByteBuffer(bytes: [0x0A]))
            try? await Task.sleep(for: settings.primeDelay)
            priming = false
            decoder = LumencorDecoder(format: settings.format)
        }
        guard !Task.isCancelled, link?.generation == gen else { return }
        do throws(LumencorDriverError) {
            let info = try await readEngine(gen)
            engine = info
            logger.info(
                "lumencor: engine has \(info.channelCount) channels \(info.colours.joined(separator: " ")), MAXINT \(info.maxIntensity)"
            )
            eventSink.yield(.engineRead(info))
        } catch {
            guard link?.generation == gen else { return }
            logger.error("lumencor: cannot read the engine: \(error)")
            setHealth(.down("cannot read the engine: \(error)"))
            link?.close()
            return
        }
        // Status and temperature before any command of the bridge, so health is right from the start.
        await poll(gen)
        guard !Task.isCancelled, link?.generation == gen else { return }
        ready = true
        readyCount += 1
        wakeReadyWaiters(true)
        guard let interval = settings.pollInterval else { return }
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            if Task.isCancelled { return }
            await poll(gen)
        }
    }

    /// `GET MAXINT`, `GET NUMCH`, `GET CHMAP`.
    private func readEngine(_ gen: UInt64) async throws(LumencorDriverError) -> LumencorEngineInfo {
        let maxAnswer = try await exchange(.getMaxIntensity, requireReady: false, generation: gen)
        guard case .maxIntensity(let max) = maxAnswer else {
            throw .unexpectedAnswer(command: .maxint, answer: maxAnswer)
        }
        let countAnswer = try await exchange(.getChannelCount, requireReady: false, generation: gen)
        guard case .channelCount(let count) = countAnswer else {
            throw .unexpectedAnswer(command: .numch, answer: countAnswer)
        }
        let mapAnswer = try await exchange(.getChannelMap, requireReady: false, generation: gen)
        guard case .channelMap(let colours) = mapAnswer else { throw .unexpectedAnswer(command: .chmap, answer: mapAnswer) }
        if colours.count != count {
            logger.warning("lumencor: CHMAP names \(colours.count) channels, NUMCH says \(count)")
        }
        return LumencorEngineInfo(maxIntensity: max, channelCount: count, colours: colours)
    }

    /// `GET STAT` and `GET TEMP` on link `gen`, feeding ``health`` and ``events``.
    private func poll(_ gen: UInt64) async {
        guard link?.generation == gen else { return }
        do throws(LumencorDriverError) {
            let answer = try await exchange(.getStatus, requireReady: false, generation: gen)
            guard case .status(let status) = answer else { throw .unexpectedAnswer(command: .stat, answer: answer) }
            noteStatus(status)
        } catch .timeout {
            return  // health is down already
        } catch .engine(let name, let text) {
            setHealth(.degraded("GET STAT answered E \(name.rawValue)\(text.map { " \($0)" } ?? "")"))
        } catch {
            logger.info("lumencor: status poll: \(error)")
            return
        }
        do throws(LumencorDriverError) {
            let answer = try await exchange(.getTemperature, requireReady: false, generation: gen)
            guard case .temperature(let celsius) = answer else {
                throw .unexpectedAnswer(command: .temp, answer: answer)
            }
            lastTemperature = celsius
            eventSink.yield(.temperature(celsius))
        } catch {
            logger.info("lumencor: temperature poll: \(error)")
        }
    }

    // MARK: Receiving

    func received(_ buffer: ByteBuffer, generation gen: UInt64) {
        guard link?.generation == gen else { return }
        if priming {
            logger.debug("lumencor: dropping \(buffer.readableBytes) byte(s) after the empty line")
            return
        }
        buffer.withUnsafeReadableBytes { decoder.feed($0) }
        while let result = decoder.next() {
            let answersTheEmptyLine = emptyLineAnswerDue
            emptyLineAnswerDue = false
            switch result {
            case .success(.answer(let answer)): handle(answer)
            case .success(.request(let request)):
                logger.warning("lumencor: the engine sent a request (\(request.typeName)); ignored")
            case .failure(.missingCommandName(keyword: "E")) where answersTheEmptyLine:
                logger.debug("lumencor: dropping the engine's late 'E' to the empty line")
            case .failure(let error):
                logger.warning("lumencor: bad line from the engine: \(error)")
                eventSink.yield(.protocolError(error))
            }
        }
    }
}
