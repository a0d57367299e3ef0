import LightProtocols
import Logging
import NIOCore
import Synchronization

/// State shared by every connection of one simulator.
final class HelvarRouterShared: Sendable {
    struct Inner: Sendable {
        var state: HelvarRouterState
        var behaviour: HelvarRouterSimulator.Behaviour = .normal
        var recalls: [HelvarRecall] = []
        var received: [HelvarCommand] = []
        var clients: [ObjectIdentifier: (channel: any Channel, raw: Bool)] = [:]
        var connections = 0
    }

    let lock: Mutex<Inner>
    let encoder: HelvarEncoder
    let format: HelvarFormat
    let logger: Logger

    init(state: HelvarRouterState, format: HelvarFormat, logger: Logger) {
        lock = Mutex(Inner(state: state))
        encoder = HelvarEncoder(format: format)
        self.format = format
        self.logger = logger
    }

    func clients() -> [any Channel] { lock.withLock { $0.clients.values.map(\.channel) } }

    func register(_ channel: any Channel) {
        lock.withLock {
            $0.clients[ObjectIdentifier(channel)] = (channel, false)
            $0.connections += 1
        }
    }

    func markRaw(_ channel: any Channel) {
        lock.withLock { $0.clients[ObjectIdentifier(channel)]?.raw = true }
    }

    func unregister(_ channel: any Channel) {
        _ = lock.withLock { $0.clients.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// Applies a command; returns the reply (unless silent) and pushes any recall.
    @discardableResult
    func apply(_ c: HelvarCommand) -> (reply: HelvarMessage?, behaviour: HelvarRouterSimulator.Behaviour) {
        let (outcome, behaviour, targets) = lock.withLock { inner in
            inner.received.append(c)
            let outcome = inner.state.handle(c)
            if let r = outcome.recall { inner.recalls.append(r) }
            return (outcome, inner.behaviour, Array(inner.clients.values))
        }
        if let r = outcome.recall {
            logger.info("recall \(r)")
            let push = HelvarCommand(.recallSceneGroup, version: 2, group: r.group, block: r.block, scene: r.scene, fade: r.fade)
            for t in targets { t.channel.writeAndFlush(ByteBuffer(bytes: bytes(of: .command(push), raw: t.raw)), promise: nil) }
        }
        return (outcome.reply, behaviour)
    }

    /// The wire form of a message, ASCII or raw (a raw reply carries the code in word 7).
    func bytes(of message: HelvarMessage, raw: Bool) -> [UInt8] {
        do {
            if !raw { return try encoder.encode(message) }
            switch message {
            case .command(let c), .internalCommand(let c): return try HelvarRawEncoder().encode(HelvarRawMessage(c))
            case .error(let e):
                var m = try HelvarRawMessage(e.request, type: .reply)
                m.value = Int32(e.code.rawValue)
                return try HelvarRawEncoder().encode(m)
            case .reply(let r):
                return try HelvarRawEncoder().encode(HelvarRawMessage(r.request, type: .reply))
            }
        } catch {
            logger.warning("cannot encode \(message): \(error)")
            return []
        }
    }
}
