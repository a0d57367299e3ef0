import LightProtocols

/// The glue between a ``ModeLineSource`` and a ``ModeLineSettler``: reads the start-up levels,
/// waits for edges until the settler's next deadline, and sends each mode as
/// `.command(.modeSet(mode: n), from: id)`. The libgpiod source runs this on its event thread;
/// tests run it with a scripted source, so both share this code.
public enum ModeLinePump {
    /// How a run ended.
    public enum End<Failure: Error>: Sendable where Failure: Sendable {
        /// The source was told to stop.
        case stopped
        /// Reading failed; `.sourceGone` was sent with the error's text.
        case failed(Failure)
    }

    /// Runs until the source stops or fails. Sends `.sourceUp(id)` once the start-up levels are
    /// read, then commands; sends `.sourceGone(id, reason:)` on failure (not on a stop, which
    /// the owner asked for).
    public static func run<Source: ModeLineSource>(
        source: inout Source, settler: inout ModeLineSettler, id: SourceID, sink: BridgeEventSink
    ) -> End<Source.Failure> where Source.Failure: Sendable {
        func report(_ mode: UInt8?) {
            if let mode { sink(.command(.modeSet(mode: UInt16(mode)), from: id)) }
        }
        do throws(Source.Failure) {
            settler.start(levels: try source.readLevels(), at: source.now())
            sink(.sourceUp(id))
            while true {
                switch try source.waitForEdges(until: settler.deadline) {
                case .stopped:
                    return .stopped
                case .edges(let edges):
                    for edge in edges.sorted(by: { $0.time < $1.time }) {
                        // A value that had settled before this edge (the wait woke late) counts.
                        report(settler.due(at: edge.time))
                        report(settler.edge(edge))
                    }
                case .deadlinePassed:
                    break
                }
                if let deadline = settler.deadline, source.now() >= deadline {
                    // Trust the lines over the edge reports before taking the value.
                    let levels = try source.readLevels()
                    let now = source.now()
                    settler.resync(levels: levels, at: now)
                    report(settler.due(at: now))
                }
            }
        } catch {
            sink(.sourceGone(id, reason: "\(error)"))
            return .failed(error)
        }
    }
}
