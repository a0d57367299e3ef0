import LightProtocols
import Logging
import NIOCore
import NIOPosix

/// The Lumencor light-engine output driver (issue 4 item 3; PROTOCOLS.md §4; seed
/// `001_f848b1d9500c0aec.txt`): TCP 8095, serial 115200 8N1 or UDP; one command in flight at
/// a time, its answer matched by the echoed name within the answer timeout (100 ms).
///
/// After the link opens the driver sends an empty line (the first command after power-up can
/// fail) and drops whatever answers it, then reads `MAXINT`, `NUMCH` and `CHMAP` (``engine``)
/// so actions can be given in percent or by colour name, then `STAT` and `TEMP`, which it
/// polls every ``LumencorDriverSettings/pollInterval``. Health: healthy while `STAT` is 0,
/// degraded with the status's name otherwise, down when the engine does not answer or the
/// link cannot be opened (the driver keeps trying with back-off), connecting in between.
/// `E` answers throw ``LumencorDriverError/engine(command:text:)``; a link whose commands time
/// out ``LumencorDriverSettings/timeoutsBeforeReconnect`` times in a row is reopened.
///
/// Answers carry no request id: one that arrives after its command timed out is matched to
/// the next command with the same name (the same question), or else reported as
/// ``LumencorDriverEvent/unmatched(_:)``.
public actor LumencorDriver {
    /// The settings.
    public nonisolated let settings: LumencorDriverSettings
    /// Engine reads, status and temperature polls, unmatched answers, protocol errors and
    /// health changes (one consumer; the newest 1024 kept if unread).
    public nonisolated let events: AsyncStream<LumencorDriverEvent>
    /// The link's health.
    public private(set) var health: LightHealth = .connecting
    /// The engine as read at the last connect (`nil` before the first).
    public internal(set) var engine: LumencorEngineInfo?
    /// The last `GET STAT` answer.
    public private(set) var lastStatus: LumencorEngineStatus?
    /// The last `GET TEMP` answer, °C.
    public internal(set) var lastTemperature: Int?

    let eventSink: AsyncStream<LumencorDriverEvent>.Continuation
    let group: any EventLoopGroup
    let logger: Logger
    let encoder: LumencorEncoder
    var runTask: Task<Void, Never>?
    var stopped = false

    /// The open link.
    struct Link {
        var generation: UInt64
        var write: @Sendable (ByteBuffer) -> Void
        var close: @Sendable () -> Void
    }
    var link: Link?
    var generation: UInt64 = 0
    /// Whether the engine was read on the current link.
    var ready = false
    /// How many times a link became ready (the run loop resets its back-off when it grows).
    var readyCount = 0
    /// Input is dropped while the empty line's answer may still come.
    var priming = false
    /// The empty line was sent and nothing has been read since: a bare `E` (the engine's answer
    /// to it, late on a busy engine or host; PROTOCOLS.md §4) is dropped, not reported.
    var emptyLineAnswerDue = false
    var decoder: LumencorDecoder

    /// The command waiting for its answer.
    struct InFlight {
        var id: UInt64
        var name: LumencorCommandName
        var continuation: CheckedContinuation<Result<LumencorAnswer, LumencorDriverError>, Never>
        var timer: Task<Void, Never>
    }
    var inFlight: InFlight?
    var consecutiveTimeouts = 0
    private var busy = false
    private var turnQueue: [CheckedContinuation<Void, Never>] = []
    private var readyWaiters: [UInt64: CheckedContinuation<Bool, Never>] = [:]
    private var nextID: UInt64 = 0

    /// Creates a driver; nothing happens until ``start()``.
    public init(
        settings: LumencorDriverSettings, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "lightbridge.lumencor")
    ) {
        self.settings = settings
        self.group = group
        self.logger = logger
        encoder = LumencorEncoder(format: settings.format)
        decoder = LumencorDecoder(format: settings.format)
        (events, eventSink) = AsyncStream.makeStream(of: LumencorDriverEvent.self, bufferingPolicy: .bufferingNewest(1024))
    }

    /// Starts opening the link (and reopening it whenever it drops).
    public func start() {
        guard runTask == nil, !stopped else { return }
        runTask = Task { await self.run() }
    }

    /// Closes the link, fails the waiting commands with ``LumencorDriverError/stopped`` and
    /// ends ``events``.
    public func stop() async {
        stopped = true
        link?.close()
        runTask?.cancel()
        await runTask?.value
        runTask = nil
        connectionEnded()
        wakeReadyWaiters(false)
        eventSink.finish()
    }

    /// Whether a link is open.
    public var isConnected: Bool { link != nil }
    /// Whether a link is open and the engine was read on it.
    public var isReady: Bool { link != nil && ready }

    // MARK: Commands

    /// Sends any request and returns the engine's `A` answer; `E` throws
    /// ``LumencorDriverError/engine(command:text:)``. Waits up to the ready timeout for the
    /// link and the engine read (again, once, if the link dropped while it waited its turn).
    @discardableResult
    public func send(_ request: LumencorRequest) async throws(LumencorDriverError) -> LumencorAnswer {
        guard try await waitUntilReady() else { throw .notConnected }
        do throws(LumencorDriverError) {
            return try await exchange(request, requireReady: true)
        } catch .notConnected {
            guard try await waitUntilReady() else { throw .notConnected }
            return try await exchange(request, requireReady: true)
        }
    }

    /// Sets a channel's intensity in percent of `MAXINT` (0–100, rounded to the nearest count).
    public func setIntensity(_ channel: LumencorChannel, percent: Double) async throws(LumencorDriverError) {
        let info = try await readyEngine()
        try await setIntensity(channel, counts: try Self.counts(percent, info))
    }

    /// Sets a channel's intensity in counts (0…`MAXINT`).
    public func setIntensity(_ channel: LumencorChannel, counts: Int) async throws(LumencorDriverError) {
        let info = try await readyEngine()
        let index = try Self.index(channel, info)
        try Self.checkCounts(counts, info)
        try await send(.setChannelIntensity(channel: index, intensity: counts))
    }

    /// Switches a channel on or off.
    public func setPower(_ channel: LumencorChannel, on: Bool) async throws(LumencorDriverError) {
        let info = try await readyEngine()
        try await send(.setChannel(channel: try Self.index(channel, info), on: on))
    }

    /// Sets several channels' intensities in percent: one `SET MULCHINT` when every channel is
    /// given, else one `SET CHINT` per channel in channel order.
    public func setIntensities(percent levels: [LumencorChannel: Double]) async throws(LumencorDriverError) {
        let info = try await readyEngine()
        var counts: [Int: Int] = [:]
        for (channel, percent) in levels {
            let index = try Self.index(channel, info)
            guard counts[index] == nil else { throw .unknownChannel("\(channel) (channel \(index) given twice)") }
            counts[index] = try Self.counts(percent, info)
        }
        if counts.count == info.channelCount {
            try await send(.setMultipleIntensities((0..<info.channelCount).map { counts[$0] ?? 0 }))
        } else {
            for index in counts.keys.sorted() {
                try await send(.setChannelIntensity(channel: index, intensity: counts[index] ?? 0))
            }
        }
    }

    /// Switches several channels: one `SET MULCH` when every channel is given, else one
    /// `SET CH` per channel in channel order.
    public func setPower(_ states: [LumencorChannel: Bool]) async throws(LumencorDriverError) {
        let info = try await readyEngine()
        var on: [Int: Bool] = [:]
        for (channel, state) in states {
            let index = try Self.index(channel, info)
            guard on[index] == nil else { throw .unknownChannel("\(channel) (channel \(index) given twice)") }
            on[index] = state
        }
        if on.count == info.channelCount {
            try await send(.setMultipleChannels(on: (0..<info.channelCount).map { on[$0] ?? false }))
        } else {
            for index in on.keys.sorted() { try await send(.setChannel(channel: index, on: on[index] ?? false)) }
        }
    }

    /// Switches every channel off (`SET MULCH 0 0 …`).
    public func allOff() async throws(LumencorDriverError) {
        let info = try await readyEngine()
        try await send(.setMultipleChannels(on: Array(repeating: false, count: info.channelCount)))
    }

    /// Reads the engine status now (`GET STAT`), updating ``health``.
    public func readStatus() async throws(LumencorDriverError) -> LumencorEngineStatus {
        let answer = try await send(.getStatus)
        guard case .status(let status) = answer else { throw .unexpectedAnswer(command: .stat, answer: answer) }
        noteStatus(status)
        return status
    }

    private static func index(_ channel: LumencorChannel, _ info: LumencorEngineInfo) throws(LumencorDriverError) -> Int {
        guard let index = info.index(of: channel) else { throw .unknownChannel(channel.description) }
        return index
    }

    private static func counts(_ percent: Double, _ info: LumencorEngineInfo) throws(LumencorDriverError) -> Int {
        do { return try info.counts(percent: percent) } catch { throw .encoding(error) }
    }

    private static func checkCounts(_ counts: Int, _ info: LumencorEngineInfo) throws(LumencorDriverError) {
        guard (0...info.maxIntensity).contains(counts) else {
            throw .encoding(
                .valueOutOfRange(command: "SET CHINT", field: "intensity", value: counts, range: 0...info.maxIntensity))
        }
    }

    // MARK: One exchange

    /// The engine read on the current link, waiting for it up to the ready timeout.
    func readyEngine() async throws(LumencorDriverError) -> LumencorEngineInfo {
        guard try await waitUntilReady(), let engine else { throw .notConnected }
        return engine
    }

    /// Sends `request` on the current link when its turn comes and waits for the answer.
    /// `generation`: only on that link (the reads at connect).
    func exchange(
        _ request: LumencorRequest, requireReady: Bool, generation: UInt64? = nil
    ) async throws(LumencorDriverError) -> LumencorAnswer {
        let bytes: ByteBuffer
        do { bytes = ByteBuffer(bytes: try encoder.encode(request)) } catch { throw .encoding(error) }
        await takeTurn()
        defer { endTurn() }
        if stopped { throw .stopped }
        guard let link, !requireReady || ready, generation == nil || generation == link.generation else {
            throw .notConnected
        }
        nextID += 1
        let id = nextID
        let timeout = settings.answerTimeout
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<LumencorAnswer, LumencorDriverError>, Never>) in
            let timer = Task { [weak self] in
                try? await Task.sleep(for: timeout)
                if !Task.isCancelled { await self?.expire(id) }
            }
            inFlight = InFlight(id: id, name: request.name, continuation: continuation, timer: timer)
            link.write(bytes)
        }
        return try result.get()
    }

    private func takeTurn() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { turnQueue.append($0) }
    }

    private func endTurn() {
        if turnQueue.isEmpty { busy = false } else { turnQueue.removeFirst().resume() }
    }

    private func expire(_ id: UInt64) {
        guard let f = inFlight, f.id == id else { return }
        inFlight = nil
        consecutiveTimeouts += 1
        logger.warning("lumencor: no answer to \(f.name.rawValue) within \(settings.answerTimeout)")
        setHealth(.down("no answer to \(f.name.rawValue)"))
        if consecutiveTimeouts >= settings.timeoutsBeforeReconnect, let link {
            logger.warning("lumencor: \(consecutiveTimeouts) timeouts in a row: reopening the link")
            consecutiveTimeouts = 0
            link.close()
        }
        f.continuation.resume(returning: .failure(.timeout(command: f.name)))
    }

    /// An answer from the engine: the waiting command's if the name matches.
    func handle(_ answer: LumencorAnswer) {
        guard let f = inFlight, f.name == answer.name else {
            logger.info("lumencor: unmatched answer \(answer.typeName) for \(answer.name.rawValue)")
            eventSink.yield(.unmatched(answer))
            return
        }
        inFlight = nil
        f.timer.cancel()
        consecutiveTimeouts = 0
        if case .down = health, ready { setHealth(statusHealth) }
        if case .error(let name, let text) = answer {
            logger.warning("lumencor: engine answered E \(name.rawValue)\(text.map { " \($0)" } ?? "")")
            f.continuation.resume(returning: .failure(.engine(command: name, text: text)))
        } else {
            f.continuation.resume(returning: .success(answer))
        }
    }

    /// Fails the waiting command as the link is gone.
    func failInFlight() {
        guard let f = inFlight else { return }
        inFlight = nil
        f.timer.cancel()
        f.continuation.resume(returning: .failure(stopped ? .stopped : .connectionClosed(command: f.name)))
    }

    // MARK: Waiting for the link

    private func waitUntilReady() async throws(LumencorDriverError) -> Bool {
        if stopped { throw .stopped }
        if link != nil && ready { return true }
        nextID += 1
        let id = nextID
        let timeout = settings.readyTimeout
        let up = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            readyWaiters[id] = continuation
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                await self?.giveUpWaiting(id)
            }
        }
        if stopped { throw .stopped }
        return up
    }

    private func giveUpWaiting(_ id: UInt64) {
        readyWaiters.removeValue(forKey: id)?.resume(returning: false)
    }

    func wakeReadyWaiters(_ up: Bool) {
        let all = readyWaiters
        readyWaiters = [:]
        for c in all.values { c.resume(returning: up) }
    }

    // MARK: Health

    /// Health as the last status says.
    var statusHealth: LightHealth {
        guard let status = lastStatus, !status.isOK else { return .healthy }
        return .degraded("engine status \(status)")
    }

    func noteStatus(_ status: LumencorEngineStatus) {
        if status != lastStatus && !status.isOK { logger.warning("lumencor: engine status \(status)") }
        lastStatus = status
        eventSink.yield(.status(status))
        setHealth(statusHealth)
    }

    func setHealth(_ h: LightHealth) {
        guard h != health else { return }
        health = h
        eventSink.yield(.health(h))
    }
}
