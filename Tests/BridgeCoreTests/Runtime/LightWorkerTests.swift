import BridgeCore
import Logging
import Synchronization
import Testing

/// A light output the test controls: `apply` waits on a gate, records what it applied, and
/// fails while `failing` is set.
final class GatedOutput: LightOutput {
    struct State {
        var applied: [[LightAction]] = []
        var started: [[LightAction]] = []
        var failing = false
        var gateOpen = true
        var healthSink: AsyncStream<OutputHealth>.Continuation?
    }
    let state = Mutex(State())

    func start() async {}
    func stop() async { state.withLock { $0.healthSink?.finish() } }
    func healthChanges() async -> AsyncStream<OutputHealth> {
        let (stream, sink) = AsyncStream.makeStream(of: OutputHealth.self)
        state.withLock { $0.healthSink = sink }
        sink.yield(.connecting)
        return stream
    }
    func report(_ health: OutputHealth) { _ = state.withLock { $0.healthSink?.yield(health) } }

    func apply(_ actions: [LightAction]) async throws {
        state.withLock { $0.started.append(actions) }
        while !state.withLock({ $0.gateOpen }) { try await Task.sleep(for: .milliseconds(2)) }
        if state.withLock({ $0.failing }) { throw TestFailure() }
        state.withLock { $0.applied.append(actions) }
    }

    struct TestFailure: Error, CustomStringConvertible { var description: String { "light unreachable" } }
}

@Suite struct LightWorkerTests {
    static func mode(_ n: Int) -> [LightAction] { [.heliospectraAll(n)] }

    func waitFor(_ condition: () async -> Bool) async -> Bool {
        for _ in 0..<1500 {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    @Test func theNewestStateWinsWhileTheLightIsBusy() async {
        let output = GatedOutput()
        let worker = LightWorker(name: "x", output: output, depth: 1, logger: Logger(label: "test"))
        await worker.start()
        output.state.withLock { $0.gateOpen = false }
        await worker.submit(Self.mode(1))
        #expect(await waitFor { output.state.withLock { $0.started.count == 1 } })
        for n in 2...50 { await worker.submit(Self.mode(n)) }
        output.state.withLock { $0.gateOpen = true }
        await worker.waitUntilIdle()
        #expect(output.state.withLock { $0.applied } == [Self.mode(1), Self.mode(50)])
        let counters = await worker.counters
        #expect(counters.submitted == 50 && counters.applied == 2 && counters.coalesced == 48)
        await worker.stop()
    }

    @Test func aDeeperQueueKeepsTheNewestN() async {
        let output = GatedOutput()
        let worker = LightWorker(name: "x", output: output, depth: 3, logger: Logger(label: "test"))
        await worker.start()
        output.state.withLock { $0.gateOpen = false }
        await worker.submit(Self.mode(1))
        #expect(await waitFor { output.state.withLock { $0.started.count == 1 } })
        for n in 2...10 { await worker.submit(Self.mode(n)) }
        output.state.withLock { $0.gateOpen = true }
        await worker.waitUntilIdle()
        #expect(output.state.withLock { $0.applied } == [1, 8, 9, 10].map(Self.mode))
        await worker.stop()
    }

    @Test func aFailedListIsRetriedUntilItLands() async {
        let output = GatedOutput()
        output.state.withLock { $0.failing = true }
        let worker = LightWorker(
            name: "x", output: output, retryInitial: .milliseconds(5), retryMaximum: .milliseconds(20),
            logger: Logger(label: "test"))
        await worker.start()
        await worker.submit(Self.mode(7))
        #expect(await waitFor { await worker.counters.failures >= 3 })
        #expect(await worker.lastError == "light unreachable")
        output.state.withLock { $0.failing = false }
        #expect(await waitFor { await worker.counters.applied == 1 })
        #expect(output.state.withLock { $0.applied } == [Self.mode(7)])
        #expect(await worker.lastApplied == Self.mode(7))
        await worker.stop()
    }

    @Test func aNewerListReplacesOneThatKeepsFailing() async {
        let output = GatedOutput()
        output.state.withLock { $0.failing = true }
        let worker = LightWorker(
            name: "x", output: output, retryInitial: .milliseconds(5), retryMaximum: .milliseconds(20),
            logger: Logger(label: "test"))
        await worker.start()
        await worker.submit(Self.mode(1))
        #expect(await waitFor { await worker.counters.failures >= 2 })
        await worker.submit(Self.mode(2))
        output.state.withLock { $0.failing = false }
        #expect(await waitFor { await worker.counters.applied >= 1 })
        await worker.waitUntilIdle()
        #expect(output.state.withLock { $0.applied } == [Self.mode(2)])
        await worker.stop()
    }

    @Test func theLastStateIsAppliedAgainWhenTheLightComesBack() async {
        let output = GatedOutput()
        let worker = LightWorker(name: "x", output: output, logger: Logger(label: "test"))
        await worker.start()
        output.report(.healthy)
        #expect(await waitFor { await worker.health == .healthy })
        await worker.submit(Self.mode(3))
        #expect(await waitFor { await worker.counters.applied == 1 })
        output.report(.down("connection refused"))
        #expect(await waitFor { await worker.health == .down("connection refused") })
        output.report(.healthy)
        #expect(await waitFor { await worker.counters.applied == 2 })
        #expect(output.state.withLock { $0.applied } == [Self.mode(3), Self.mode(3)])
        #expect(await worker.counters.reapplied == 1)
        await worker.stop()
    }
}
