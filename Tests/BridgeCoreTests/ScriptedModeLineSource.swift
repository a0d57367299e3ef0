import BridgeCore
import Synchronization

/// A ``ModeLineSource`` on a virtual clock, playing a script of edges: what the libgpiod
/// source does on a real chip, without hardware. Time only moves when the pump waits.
final class ScriptedModeLineSource: ModeLineSource {
    struct Failure: Error, Sendable, CustomStringConvertible {
        var description: String
    }

    /// One scripted happening at a time in milliseconds.
    enum Step {
        /// A line changes and the change is reported as an edge.
        case edge(ModeLine, high: Bool)
        /// A line changes but the edge is lost (only a later read of the levels sees it).
        case silent(ModeLine, high: Bool)
        /// The device fails: the next read or wait throws.
        case fail(String)
    }

    private(set) var clock = MonotonicInstant.milliseconds(0)
    private(set) var levels: ModeLineLevels
    private var script: [(time: MonotonicInstant, step: Step)]
    private var failure: Failure?
    /// When set, a wait returns the next edges even if the deadline passed before them (a late
    /// wake-up, as under load).
    var oversleeps = false
    /// How many times the levels were read.
    private(set) var reads = 0

    init(inputs: UInt8, strobe: Bool? = nil, script: [(Double, Step)]) {
        levels = ModeLineLevels(inputs: inputs, strobe: strobe)
        self.script = script.map { (MonotonicInstant(nanoseconds: Int64($0.0 * 1_000_000)), $0.1) }
            .sorted { $0.time < $1.time }
    }

    func now() -> MonotonicInstant { clock }

    func readLevels() throws(Failure) -> ModeLineLevels {
        if let failure { throw failure }
        reads += 1
        return levels
    }

    func waitForEdges(until deadline: MonotonicInstant?) throws(Failure) -> ModeLineWait {
        if let failure { throw failure }
        guard let next = script.first?.time else {
            guard let deadline else { return .stopped }
            clock = max(clock, deadline)
            return .deadlinePassed
        }
        if let deadline, deadline < next, !oversleeps {
            clock = max(clock, deadline)
            return .deadlinePassed
        }
        clock = next
        var edges: [ModeLineEdge] = []
        while let step = script.first, step.time == next {
            script.removeFirst()
            switch step.step {
            case .edge(let line, let high):
                set(line, high)
                edges.append(ModeLineEdge(line: line, level: high, time: next))
            case .silent(let line, let high):
                set(line, high)
            case .fail(let reason):
                failure = Failure(description: reason)
            }
        }
        if let failure, edges.isEmpty { throw failure }
        return .edges(edges)
    }

    private func set(_ line: ModeLine, _ high: Bool) {
        switch line {
        case .input(let index):
            let bit = UInt8(1) << UInt8(index)
            if high { levels.inputs |= bit } else { levels.inputs &= ~bit }
        case .strobe:
            levels.strobe = high
        }
    }
}

/// Collects events thread-safely.
final class Recorder: Sendable {
    private let box = Mutex<[BridgeEvent]>([])
    var sink: BridgeEventSink { { event in self.box.withLock { $0.append(event) } } }
    var events: [BridgeEvent] { box.withLock { $0 } }
}
