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

/// A light output with the fast path: `begin` records the list at once (the "wire") and its
/// application finishes when the gate opens; it declines while `declining` is set.
final class BeginningOutput: LightOutput {
    struct State {
        var begun: [[LightAction]] = []
        /// The lists begun through a start ``prepare(_:)`` made (also in `begun`).
        var begunPrepared: [[LightAction]] = []
        var finished: [[LightAction]] = []
        var applied: [[LightAction]] = []
        var gateOpen = true
        var declining = false
        var failFinish = false
        /// Runs inside `begin`, before it answers (to offer more while a list is starting).
        var duringBegin: (@Sendable () -> Void)?
    }
    let state = Mutex(State())

    func start() async {}
    func stop() async {}
    func healthChanges() async -> AsyncStream<OutputHealth> { AsyncStream { $0.yield(.healthy) } }

    func apply(_ actions: [LightAction]) async throws {
        state.withLock { $0.applied.append(actions) }
    }

    func begin(_ actions: [LightAction]) -> (any LightApplication)? {
        let during = state.withLock { state in
            defer { state.duringBegin = nil }
            return state.duringBegin
        }
        during?()
        return state.withLock { state -> (any LightApplication)? in
            guard !state.declining else { return nil }
            state.begun.append(actions)
            return Application(output: self, actions: actions)
        }
    }

    func prepare(_ actions: [LightAction]) -> (any PreparedLightStart)? {
        Prepared(output: self, actions: actions)
    }

    final class Prepared: PreparedLightStart {
        let output: BeginningOutput
        let actions: [LightAction]
        init(output: BeginningOutput, actions: [LightAction]) {
            self.output = output
            self.actions = actions
        }
        func begin() -> (any LightApplication)? {
            output.state.withLock { state -> (any LightApplication)? in
                guard !state.declining else { return nil }
                state.begun.append(actions)
                state.begunPrepared.append(actions)
                return Application(output: output, actions: actions)
            }
        }
    }

    final class Application: LightApplication {
        let output: BeginningOutput
        let actions: [LightAction]
        init(output: BeginningOutput, actions: [LightAction]) {
            self.output = output
            self.actions = actions
        }
        func finish() async throws {
            while !output.state.withLock({ $0.gateOpen }) { try await Task.sleep(for: .milliseconds(2)) }
            if output.state.withLock({ $0.failFinish }) { throw GatedOutput.TestFailure() }
            output.state.withLock { $0.finished.append(actions) }
        }
    }
}

@Suite struct LightWorkerFastPathTests {
    static func mode(_ n: Int) -> [LightAction] { [.heliospectraAll(n)] }

    func startedWorker(_ output: BeginningOutput, depth: Int = 1) async -> LightWorker {
        let worker = LightWorker(
            name: "fast", output: output, depth: depth, retryInitial: .milliseconds(5), logger: Logger(label: "test"))
        await worker.start()
        for _ in 0..<1000 where !worker.isWaitingForWork { try? await Task.sleep(for: .milliseconds(2)) }
        return worker
    }

    @Test func anIdleWorkerBeginsTheListInsideOffer() async {
        let output = BeginningOutput()
        let worker = await startedWorker(output)
        #expect(worker.isWaitingForWork)
        worker.offer(Self.mode(1))
        // Synchronous: on the wire before `offer` returned, without the worker's task running.
        #expect(output.state.withLock { $0.begun } == [Self.mode(1)])
        await worker.waitUntilIdle()
        #expect(output.state.withLock { $0.finished } == [Self.mode(1)])
        #expect(output.state.withLock { $0.applied }.isEmpty)
        #expect(await worker.counters.applied == 1)
        #expect(await worker.lastApplied == Self.mode(1))
        await worker.stop()
    }

    @Test func withFollowUpsTheWorkerWakesOnlyWhenTheyRun() async throws {
        let output = BeginningOutput()
        let worker = await startedWorker(output)
        let followUps = FollowUps()
        worker.offer(Self.mode(1), followUps: followUps)
        // On the wire at once; the worker's wake-up waits in the list.
        #expect(output.state.withLock { $0.begun } == [Self.mode(1)])
        #expect(!followUps.isEmpty)
        try await Task.sleep(for: .milliseconds(100))
        #expect(output.state.withLock { $0.finished }.isEmpty, "the worker was not woken yet")
        // A newer list meanwhile queues behind the begun one, as when the worker is slow.
        worker.offer(Self.mode(2), followUps: followUps)
        followUps.run()
        #expect(followUps.isEmpty)
        await worker.waitUntilIdle()
        #expect(output.state.withLock { $0.finished } == [Self.mode(1)])
        #expect(output.state.withLock { $0.applied } == [Self.mode(2)])
        #expect(await worker.lastApplied == Self.mode(2))
        await worker.stop()
    }

    @Test func listsOfferedWhileOneIsInFlightCoalesceAndFollowIt() async {
        let output = BeginningOutput()
        let worker = await startedWorker(output)
        output.state.withLock { $0.gateOpen = false }
        worker.offer(Self.mode(1))
        #expect(!worker.isWaitingForWork)
        for n in 2...30 { worker.offer(Self.mode(n)) }
        #expect(output.state.withLock { $0.begun } == [Self.mode(1)], "only an idle worker begins")
        output.state.withLock { $0.gateOpen = true }
        await worker.waitUntilIdle()
        #expect(output.state.withLock { $0.finished } == [Self.mode(1)])
        #expect(output.state.withLock { $0.applied } == [Self.mode(30)])
        let counters = await worker.counters
        #expect(counters.submitted == 30)
        #expect(counters.coalesced == 28)
        #expect(counters.applied == 2)
        #expect(await worker.lastApplied == Self.mode(30))
        await worker.stop()
    }

    @Test func anOutputThatDeclinesGetsTheListThroughApply() async {
        let output = BeginningOutput()
        output.state.withLock { $0.declining = true }
        let worker = await startedWorker(output)
        worker.offer(Self.mode(4))
        await worker.waitUntilIdle()
        #expect(output.state.withLock { $0.begun }.isEmpty)
        #expect(output.state.withLock { $0.applied } == [Self.mode(4)])
        await worker.stop()
    }

    @Test func aPreparedListBeginsThroughItsPreparedStart() async {
        let output = BeginningOutput()
        let worker = await startedWorker(output)
        let prepared = worker.prepare(Self.mode(5))
        #expect(prepared != nil)
        worker.offer(Self.mode(5), prepared: prepared, followUps: nil)
        #expect(output.state.withLock { $0.begunPrepared } == [Self.mode(5)], "on the wire inside offer")
        await worker.waitUntilIdle()
        #expect(output.state.withLock { $0.finished } == [Self.mode(5)])
        // Unprepared lists still go through the output's own begin.
        worker.offer(Self.mode(6))
        await worker.waitUntilIdle()
        #expect(output.state.withLock { $0.begun } == [Self.mode(5), Self.mode(6)])
        #expect(output.state.withLock { $0.begunPrepared } == [Self.mode(5)])
        await worker.stop()
    }

    @Test func aPreparedStartThatDeclinesLeavesTheListToApply() async {
        let output = BeginningOutput()
        let worker = await startedWorker(output)
        let prepared = worker.prepare(Self.mode(7))
        output.state.withLock { $0.declining = true }
        worker.offer(Self.mode(7), prepared: prepared, followUps: nil)
        await worker.waitUntilIdle()
        #expect(output.state.withLock { $0.begun }.isEmpty)
        #expect(output.state.withLock { $0.applied } == [Self.mode(7)])
        await worker.stop()
    }

    @Test func aNewerListOfferedWhileTheOutputDeclinesWins() async {
        let output = BeginningOutput()
        let worker = await startedWorker(output)
        output.state.withLock { state in
            state.declining = true
            state.duringBegin = { worker.offer(Self.mode(2)) }
        }
        worker.offer(Self.mode(1))
        await worker.waitUntilIdle()
        #expect(output.state.withLock { $0.applied } == [Self.mode(2)], "mode 1 declined, then replaced by mode 2")
        #expect(await worker.counters.coalesced == 1)
        await worker.stop()
    }

    @Test func aBegunListThatFailsIsRetriedUntilItLands() async {
        let output = BeginningOutput()
        output.state.withLock { $0.failFinish = true }
        let worker = await startedWorker(output)
        worker.offer(Self.mode(5))
        #expect(await LightWorkerTests().waitFor { await worker.counters.failures == 1 })
        #expect(
            await LightWorkerTests().waitFor { output.state.withLock { $0.applied } == [Self.mode(5)] },
            "retried through apply")
        await worker.waitUntilIdle()
        #expect(await worker.lastApplied == Self.mode(5))
        #expect(await worker.lastError == nil)
        await worker.stop()
    }
}
