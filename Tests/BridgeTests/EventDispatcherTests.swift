import BridgeCore
import LightProtocols
import Logging
import Synchronization
import Testing

@testable import Bridge

/// The dispatcher's resolved mode offers (BENCHMARKS.md item 9): a mode frame reaches the
/// workers the table and the current workers say, after any change of either, and records the
/// routing the router gives.
@Suite struct EventDispatcherTests {
    /// Records what it is asked to apply.
    final class RecordingOutput: LightOutput {
        let applied = Mutex<[[LightAction]]>([])
        func start() async {}
        func apply(_ actions: [LightAction]) async throws { applied.withLock { $0.append(actions) } }
        func healthChanges() async -> AsyncStream<OutputHealth> { AsyncStream { $0.yield(.healthy) } }
        func stop() async {}
    }

    func router(_ modes: String) throws -> ModeRouter {
        try ModeRouter(
            configuration: BridgeConfiguration(
                toml: """
                    [lights.a]
                    protocol = "heliospectra"
                    host = "127.0.0.1"

                    [lights.b]
                    protocol = "heliospectra"
                    host = "127.0.0.1"

                    \(modes)
                    """))
    }

    func worker(_ name: String, _ output: RecordingOutput) async -> LightWorker {
        let worker = LightWorker(name: name, output: output, logger: Logger(label: "test"))
        await worker.start()
        return worker
    }

    func settle(_ workers: LightWorker...) async {
        for worker in workers { await worker.waitUntilIdle() }
    }

    @Test func modesFollowTheTableAndTheWorkersInForce() async throws {
        let (outputA, outputB) = (RecordingOutput(), RecordingOutput())
        let (a, b) = (await worker("a", outputA), await worker("b", outputB))
        let dispatcher = EventDispatcher(
            router: try router(
                """
                [modes.1]
                a = { all = 10 }
                b = { all = 11 }

                [modes.2]
                b = { all = 20 }
                """))
        var records: [EventDispatcher.Dispatched] = []
        let source = SourceID("test")
        // No workers yet: nothing is offered, the routing is still recorded.
        dispatcher.dispatch(.command(.modeSet(mode: 1), from: source)) { records.append($0) }
        dispatcher.setWorker(a, for: "a")
        dispatcher.setWorker(b, for: "b")
        dispatcher.dispatch(.command(.modeSet(mode: 1), from: source)) { records.append($0) }
        await settle(a, b)
        #expect(outputA.applied.withLock { $0 } == [[.heliospectraAll(10)]])
        #expect(outputB.applied.withLock { $0 } == [[.heliospectraAll(11)]])
        // A new table: mode 1 now sets only light b, to 12.
        dispatcher.setRouter(try router("[modes.1]\nb = { all = 12 }\n"))
        dispatcher.dispatch(.command(.modeSet(mode: 1), from: source)) { records.append($0) }
        // A light removed: its worker gets nothing more.
        dispatcher.setWorker(nil, for: "b")
        dispatcher.dispatch(.command(.modeSet(mode: 1), from: source)) { records.append($0) }
        await settle(a, b)
        #expect(outputA.applied.withLock { $0 } == [[.heliospectraAll(10)]])
        #expect(outputB.applied.withLock { $0 } == [[.heliospectraAll(11)], [.heliospectraAll(12)]])
        // Every record carries what the router in force made of the command.
        let routed = records.compactMap { record -> [LightActions]? in
            guard case .routed(.modeSet(mode: 1), _, let routing) = record else { return nil }
            return routing.actions
        }
        let first = [
            LightActions(light: "a", actions: [.heliospectraAll(10)]),
            LightActions(light: "b", actions: [.heliospectraAll(11)]),
        ]
        let second = [LightActions(light: "b", actions: [.heliospectraAll(12)])]
        #expect(routed == [first, first, second, second])
        // An unconfigured mode goes through the router: nothing to offer, a note.
        dispatcher.dispatch(.command(.modeSet(mode: 9), from: source)) { records.append($0) }
        guard case .routed(_, _, let routing) = records.last else {
            Issue.record("no record for mode 9")
            return
        }
        #expect(routing.actions.isEmpty)
        #expect(routing.note == "mode 9 is not configured")
        await a.stop()
        await b.stop()
    }
}
