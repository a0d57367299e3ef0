import BridgeCore
import Testing

/// The settle/strobe state machine on its own (PROTOCOLS.md §1.5).
@Suite struct ModeLineSettlerTests {
    func edge(_ line: ModeLine, _ high: Bool, _ ms: Int64) -> ModeLineEdge {
        ModeLineEdge(line: line, level: high, time: .milliseconds(ms))
    }

    @Test func deadlineFollowsTheLastEdge() {
        var settler = ModeLineSettler()
        settler.start(levels: ModeLineLevels(inputs: 0), at: .milliseconds(0))
        #expect(settler.deadline == .milliseconds(20))
        #expect(settler.due(at: .milliseconds(19)) == nil)
        #expect(settler.due(at: .milliseconds(20)) == 0)
        #expect(settler.deadline == nil)
        #expect(settler.edge(edge(.input(3), true, 100)) == nil)
        #expect(settler.deadline == .milliseconds(120))
        // An edge from another line that arrives out of order does not pull the deadline back.
        #expect(settler.edge(edge(.input(4), true, 95)) == nil)
        #expect(settler.deadline == .milliseconds(120))
        #expect(settler.currentMode == 0b1_1000)
        #expect(settler.due(at: .milliseconds(120)) == 0b1_1000)
    }

    @Test func aSettledRepeatIsNotReportedAgain() {
        var settler = ModeLineSettler()
        settler.start(levels: ModeLineLevels(inputs: 9), at: .milliseconds(0))
        #expect(settler.due(at: .milliseconds(20)) == 9)
        _ = settler.edge(edge(.input(1), true, 30))
        _ = settler.edge(edge(.input(1), false, 35))
        #expect(settler.due(at: .milliseconds(55)) == nil)
        #expect(settler.lastReported == 9)
    }

    @Test func edgesOutOfRangeOrForAnUnconfiguredStrobeAreIgnored() {
        var settler = ModeLineSettler()
        settler.start(levels: ModeLineLevels(inputs: 0), at: .milliseconds(0))
        #expect(settler.due(at: .milliseconds(20)) == 0)
        #expect(settler.edge(edge(.input(8), true, 30)) == nil)
        #expect(settler.edge(edge(.strobe, true, 30)) == nil)
        #expect(settler.deadline == nil)
    }

    @Test func strobeModeHasNoDeadlineAndNoStartUpReport() {
        var settler = ModeLineSettler(configuration: .init(strobe: .init()))
        settler.start(levels: ModeLineLevels(inputs: 4, strobe: false), at: .milliseconds(0))
        #expect(settler.deadline == nil)
        #expect(settler.edge(edge(.input(0), true, 5)) == nil)
        #expect(settler.deadline == nil)
        #expect(settler.due(at: .milliseconds(1000)) == nil)
        #expect(settler.edge(edge(.strobe, true, 6)) == 5)
    }

    @Test func strobeHeldActiveAtStartUpMustBeReleasedFirst() {
        var settler = ModeLineSettler(configuration: .init(strobe: .init()))
        settler.start(levels: ModeLineLevels(inputs: 4, strobe: true), at: .milliseconds(0))
        #expect(settler.strobeActive)
        #expect(settler.edge(edge(.strobe, true, 10)) == nil)  // still active: no edge
        #expect(settler.edge(edge(.strobe, false, 20)) == nil)
        #expect(settler.edge(edge(.strobe, true, 30)) == nil)  // only 10 ms released
        #expect(settler.edge(edge(.strobe, false, 40)) == nil)
        #expect(settler.edge(edge(.strobe, true, 60)) == 4)
    }

    @Test func resyncUpdatesTheStrobeWithoutLatching() {
        var settler = ModeLineSettler(configuration: .init(strobe: .init(activeLow: true)))
        settler.start(levels: ModeLineLevels(inputs: 1, strobe: true), at: .milliseconds(0))
        settler.resync(levels: ModeLineLevels(inputs: 3, strobe: false), at: .milliseconds(10))
        #expect(settler.strobeActive)
        #expect(settler.currentMode == 3)
        #expect(settler.deadline == nil)
    }
}
