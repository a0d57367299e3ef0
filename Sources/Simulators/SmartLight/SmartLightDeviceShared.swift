import LightProtocols
import Logging
import NIOCore
import Synchronization

/// State shared by every connection (and the serial side) of one simulated Smart Light
/// (PROTOCOLS.md §1.1, §1.4): the light, the behaviour knob and what tests inspect.
final class SmartLightDeviceShared: Sendable {
    struct Inner: Sendable {
        var state: SmartLightDeviceState
        var behaviour: SmartLightDeviceSimulator.Behaviour = .normal
        var received: [SmartLightCommand] = []
        var refusals: [SmartLightRefusal] = []
        var malformed: [String] = []
        var serialErrors: [String] = []
        var clients: [ObjectIdentifier: any Channel] = [:]
        var connections = 0
    }

    let lock: Mutex<Inner>
    let logger: Logger
    let packetFormat: SmartLightPacketFormat
    let frameFormat: SmartLightFrameFormat

    init(state: SmartLightDeviceState, packetFormat: SmartLightPacketFormat, frameFormat: SmartLightFrameFormat, logger: Logger) {
        lock = Mutex(Inner(state: state))
        self.packetFormat = packetFormat
        self.frameFormat = frameFormat
        self.logger = logger
    }

    func clients() -> [any Channel] { lock.withLock { Array($0.clients.values) } }

    func register(_ channel: any Channel) {
        lock.withLock {
            $0.clients[ObjectIdentifier(channel)] = channel
            $0.connections += 1
        }
    }

    func unregister(_ channel: any Channel) {
        _ = lock.withLock { $0.clients.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// The behaviour for the command now arriving; a one-shot close is used up here.
    func takeBehaviour() -> SmartLightDeviceSimulator.Behaviour {
        lock.withLock { inner in
            let b = inner.behaviour
            if b == .closeOnNextCommand { inner.behaviour = .normal }
            return b
        }
    }

    /// Applies a well-formed command from `peer`; returns the refusal, if any, and logs the state.
    func apply(_ command: SmartLightCommand, from peer: String) -> SmartLightRefusal? {
        let (refusal, summary) = lock.withLock { inner in
            inner.received.append(command)
            let refusal = inner.state.apply(command)
            if let refusal { inner.refusals.append(refusal) }
            return (refusal, inner.state.summary)
        }
        if let refusal {
            logger.info("smartlight sim: \(peer) \(command) refused (code \(refusal.rawValue)); light: \(summary)")
        } else {
            logger.info("smartlight sim: \(peer) \(command) -> \(summary)")
        }
        return refusal
    }

    /// Counts a well-formed packet with a value out of range (refused with code 1).
    func refuseOutOfRange(_ error: SmartLightError, from peer: String) {
        lock.withLock { $0.refusals.append(.valueOutOfRange) }
        logger.info("smartlight sim: \(peer) refused (code 1): \(error)")
    }

    /// Records why a connection was closed for a malformed packet.
    func malformed(_ reason: String, from peer: String) {
        lock.withLock { $0.malformed.append(reason) }
        logger.warning("smartlight sim: \(peer) sent a malformed packet (\(reason)); closing that connection")
    }

    /// Records a bad RS232 frame.
    func serialError(_ error: SmartLightError) {
        lock.withLock { $0.serialErrors.append("\(error)") }
        logger.warning("smartlight sim: serial: \(error)")
    }
}
