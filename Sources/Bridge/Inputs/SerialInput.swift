import BridgeCore
import BridgeIO
import LightProtocols
import Logging
import NIOConcurrencyHelpers
import NIOCore

/// A serial input at a fixed device path (`/dev/ttyS0`, `/dev/ttyAMA0`, a pty): opened at start,
/// and reopened every ``retryInterval`` whenever it fails to open or goes away (PROTOCOLS.md
/// §1.2; issue 3's ``SmartLightSerialSource``).
final class StaticSerialInput: BridgeInput {
    let name: String
    private let source: SmartLightSerialSource
    private let logger: Logger
    private let retryInterval: Duration
    private let state = NIOLockedValueBox<(task: Task<Void, Never>?, reader: SerialReader?, stopped: Bool)>((nil, nil, false))

    init(
        name: String, path: String, settings: SerialSettings, format: SmartLightFrameFormat, logger: Logger,
        retryInterval: Duration = .milliseconds(500), sink: @escaping BridgeEventDeferringSink
    ) {
        self.name = name
        self.logger = logger
        self.retryInterval = retryInterval
        source = SmartLightSerialSource(
            id: SourceID("\(name):\(path)"), path: path, settings: settings, format: format, logger: logger,
            deferringSink: sink)
    }

    /// Makes the first attempt before returning (so READY means the port is open when it can
    /// be), then keeps the port open in the background.
    func start() async {
        let first = await openOnce(reportFailure: true)
        let task = Task { [self] in await run(first: first) }
        state.withLockedValue { $0.task = task }
    }

    private func openOnce(reportFailure: Bool) async -> SerialReader? {
        do {
            let reader = try source.open()
            logger.notice("input \(name): \(source.path) open")
            return reader
        } catch {
            if reportFailure { logger.warning("input \(name): cannot open \(source.path): \(error); retrying") }
            return nil
        }
    }

    private func run(first: SerialReader?) async {
        var reported = first == nil
        var opened = first
        while !Task.isCancelled && !state.withLockedValue({ $0.stopped }) {
            do {
                let reader: SerialReader
                if let already = opened {
                    reader = already
                    opened = nil
                } else {
                    reader = try source.open()
                    logger.notice("input \(name): \(source.path) open")
                }
                let keep = state.withLockedValue { state -> Bool in
                    if state.stopped { return false }
                    state.reader = reader
                    return true
                }
                if !keep {
                    await reader.close()
                    return
                }
                reported = false
                await reader.waitUntilEnded()
                state.withLockedValue { $0.reader = nil }
            } catch {
                if !reported { logger.warning("input \(name): cannot open \(source.path): \(error); retrying") }
                reported = true
            }
            try? await Task.sleep(for: retryInterval)
        }
    }

    var counters: SourceCounters? { source.counters }

    func stop() async {
        let (task, reader) = state.withLockedValue { state in
            state.stopped = true
            return (state.task, state.reader)
        }
        task?.cancel()
        await reader?.close()
        await task?.value
    }
}

/// A serial input matched by USB id, serial number or a by-id/device glob: opened when its
/// adapter is plugged in, closed when it is pulled (issue 3's ``HotplugSerialManager``).
final class HotplugSerialInput: BridgeInput {
    let name: String
    private let manager: HotplugSerialManager
    private let logger: Logger

    init(
        name: String, config: HotplugSerialSourceConfig, logger: Logger,
        sink: @escaping BridgeEventDeferringSink
    ) {
        self.name = name
        self.logger = logger
        manager = HotplugSerialManager(sources: [config], logger: logger, deferringSink: sink)
    }

    func start() async {
        do {
            try await manager.start()
        } catch {
            logger.error("input \(name): udev is not usable: \(error)")
        }
    }

    func stop() async { await manager.stop() }
}
