import BridgeCore
import Testing

/// The source → settler → events glue, driven by a scripted line source (issue 3 item 3).
@Suite struct ModeLinePumpTests {
    let id = SourceID("gpio")

    func run(
        _ source: ScriptedModeLineSource, _ configuration: ModeLineSettler.Configuration = .init()
    ) -> (events: [BridgeEvent], end: ModeLinePump.End<ScriptedModeLineSource.Failure>) {
        let recorder = Recorder()
        var source = source
        var settler = ModeLineSettler(configuration: configuration)
        let end = ModeLinePump.run(source: &source, settler: &settler, id: id, sink: recorder.sink)
        return (recorder.events, end)
    }

    func modes(_ values: [UInt16]) -> [BridgeEvent] {
        [.sourceUp(id)] + values.map { .command(.modeSet(mode: $0), from: id) }
    }

    @Test func startUpModeIsReportedAfterTheSettleWindow() {
        let source = ScriptedModeLineSource(inputs: 0b0010_1010, script: [])
        let (events, end) = run(source)
        #expect(events == modes([42]))
        guard case .stopped = end else { Issue.record("ended with \(end)"); return }
        #expect(source.now() == .milliseconds(20))
    }

    @Test func allInactiveAtStartUpIsTheClearMode() {
        #expect(run(ScriptedModeLineSource(inputs: 0, script: [])).events == modes([0]))
    }

    @Test func bouncesShorterThanTheWindowAreIgnored() {
        // Mode 0 → 5 with bit 0 bouncing three times and bit 2 arriving 5 ms later; then a
        // 10 ms glitch on bit 1 that returns to 5; then 5 → 6 with the bits a few ms apart.
        let source = ScriptedModeLineSource(
            inputs: 0,
            script: [
                (100, .edge(.input(0), high: true)), (102, .edge(.input(0), high: false)),
                (104, .edge(.input(0), high: true)), (105, .edge(.input(2), high: true)),
                (200, .edge(.input(1), high: true)), (210, .edge(.input(1), high: false)),
                (300, .edge(.input(0), high: false)), (303, .edge(.input(1), high: true)),
            ])
        #expect(run(source).events == modes([0, 5, 6]))
    }

    @Test func aModeResentAfterAClearIsApplied() {
        // 5, clear (held 50 ms), 5 again: each settled value differs from the one before.
        let source = ScriptedModeLineSource(
            inputs: 0b101,
            script: [
                (100, .edge(.input(0), high: false)), (100, .edge(.input(2), high: false)),
                (150, .edge(.input(0), high: true)), (151, .edge(.input(2), high: true)),
            ])
        #expect(run(source).events == modes([5, 0, 5]))
    }

    @Test func aClearShorterThanTheWindowIsABounce() {
        let source = ScriptedModeLineSource(
            inputs: 0b101,
            script: [
                (100, .edge(.input(0), high: false)), (100, .edge(.input(2), high: false)),
                (115, .edge(.input(0), high: true)), (115, .edge(.input(2), high: true)),
            ])
        #expect(run(source).events == modes([5]))
    }

    @Test func activeLowLinesInvertPerLine() {
        // Inputs 0–3 active-low, 4–7 active-high. Physically all high: 0b1111_0000.
        let configuration = ModeLineSettler.Configuration(activeLowMask: 0x0F)
        let source = ScriptedModeLineSource(
            inputs: 0xFF,
            script: [
                (50, .edge(.input(0), high: false)), (51, .edge(.input(1), high: false)),
                (52, .edge(.input(7), high: false)),
            ])
        #expect(run(source, configuration).events == modes([0xF0, 0x73]))
    }

    @Test func settleWindowIsConfigurable() {
        // With a 50 ms window, a 30 ms excursion to mode 1 is a bounce.
        let configuration = ModeLineSettler.Configuration(settleWindow: .milliseconds(50))
        let source = ScriptedModeLineSource(
            inputs: 0, script: [(100, .edge(.input(0), high: true)), (130, .edge(.input(0), high: false))])
        #expect(run(source, configuration).events == modes([0]))
        let source20 = ScriptedModeLineSource(
            inputs: 0, script: [(100, .edge(.input(0), high: true)), (130, .edge(.input(0), high: false))])
        #expect(run(source20).events == modes([0, 1, 0]))
    }

    @Test func strobeLatchesOnItsActiveEdgeOnlyAndRepeatsAreReported() {
        // Active-low strobe (falling edge latches), active-high inputs. Data edges alone do
        // nothing; each strobe reports, the same value twice too; a bouncing strobe latches
        // once; nothing at start-up.
        let configuration = ModeLineSettler.Configuration(strobe: .init(activeLow: true))
        let source = ScriptedModeLineSource(
            inputs: 0b11, strobe: true,
            script: [
                (10, .edge(.input(2), high: true)),  // data 7, no strobe yet
                (50, .edge(.strobe, high: false)),  // latch 7
                (51, .edge(.strobe, high: true)), (52, .edge(.strobe, high: false)),  // bounce: ignored
                (53, .edge(.strobe, high: true)),  // released
                (60, .edge(.input(0), high: false)),  // data 6 while the strobe is released
                (100, .edge(.strobe, high: false)), (140, .edge(.strobe, high: true)),  // latch 6
                (200, .edge(.strobe, high: false)), (240, .edge(.strobe, high: true)),  // latch 6 again
                (300, .edge(.input(1), high: false)), (301, .edge(.input(2), high: false)),  // data 0
                (350, .edge(.strobe, high: false)),  // latch 0: the clear mode
            ])
        #expect(run(source, configuration).events == modes([7, 6, 6, 0]))
    }

    @Test func activeHighStrobeLatchesOnTheRisingEdge() {
        let configuration = ModeLineSettler.Configuration(activeLowMask: 0xFF, strobe: .init(activeLow: false))
        let source = ScriptedModeLineSource(
            inputs: 0b1111_1110, strobe: false,
            script: [(10, .edge(.strobe, high: true)), (30, .edge(.strobe, high: false))])
        #expect(run(source, configuration).events == modes([1]))
    }

    @Test func aValueThatSettledBeforeALateWakeUpIsStillReported() {
        // The wait oversleeps its 20 ms deadline and returns an edge at 50 ms: the mode that
        // had settled at 20 ms is reported before the edge is applied.
        let source = ScriptedModeLineSource(inputs: 3, script: [(50, .edge(.input(0), high: false))])
        source.oversleeps = true
        #expect(run(source).events == modes([3, 2]))
    }

    @Test func aLostEdgeIsCaughtByReadingTheLevelsAtTheDeadline() {
        // Mode 0 is reported at start-up. Bit 0 then rises (edge) and falls silently: at the
        // deadline the read levels disagree with the tracked ones, the window restarts, and the
        // true value (0, unchanged) stands; the phantom 1 is never reported.
        let source = ScriptedModeLineSource(
            inputs: 0, script: [(30, .edge(.input(0), high: true)), (35, .silent(.input(0), high: false))])
        #expect(run(source).events == modes([0]))
        #expect(source.reads == 4)  // start-up, the 20 ms deadline, the 50 ms deadline, the restarted one at 70 ms
    }

    @Test func aFailureEndsTheRunWithSourceGone() {
        let source = ScriptedModeLineSource(
            inputs: 1, script: [(40, .edge(.input(1), high: true)), (45, .fail("chip removed"))])
        let (events, end) = run(source)
        #expect(events == modes([1]) + [.sourceGone(id, reason: "chip removed")])
        guard case .failed(let failure) = end else { Issue.record("ended with \(end)"); return }
        #expect(failure.description == "chip removed")
    }
}
