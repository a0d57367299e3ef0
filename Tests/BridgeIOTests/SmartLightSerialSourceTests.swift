import BridgeCore
import BridgeIO
import LightProtocols
import NIOConcurrencyHelpers
import Testing

/// Collects events from a source, thread-safely, and waits for them.
final class EventRecorder: Sendable {
    private let box = NIOLockedValueBox<[BridgeEvent]>([])

    var sink: BridgeEventSink { { event in self.box.withLockedValue { $0.append(event) } } }
    var events: [BridgeEvent] { box.withLockedValue { $0 } }

    /// Waits until `predicate` holds for the events so far (up to `seconds`; generous, as the
    /// whole suite runs in parallel on two cores).
    func wait(seconds: Double = 15, until predicate: ([BridgeEvent]) -> Bool) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int(seconds * 1000))
        while clock.now < deadline {
            if predicate(events) { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return predicate(events)
    }
}

/// The Smart Light serial source over a real pseudo-terminal (issue 3, item 2).
@Suite struct SmartLightSerialSourceTests {
    func commands(_ events: [BridgeEvent]) -> [SmartLightCommand] {
        events.compactMap { if case .command(let c, _) = $0 { return c } else { return nil } }
    }

    @Test func framesBecomeEventsAndGarbageIsCountedNotFatal() async throws {
        let pty = try PseudoTerminal()
        let recorder = EventRecorder()
        let source = SmartLightSerialSource(path: pty.path, settings: SerialSettings(baudRate: 19200), sink: recorder.sink)
        let reader = try source.open()
        pty.releaseSlave()
        pty.write("~~~~~M1~~")
        pty.write("\u{0}\u{7F}garbage~~~~~LBG071~~~~~X~~")
        pty.write("~~~~~UFF8000~~")
        let expected: [SmartLightCommand] = [
            .modeSet(mode: 1),
            .level(SmartLightLevelMode(levelType: .fillFromBottom, colour: .green, lightCount: 7, buzzer: .continuous)),
            .userColour(SmartLightRGB(red: 255, green: 128, blue: 0)),
        ]
        #expect(await recorder.wait { commands($0) == expected })
        #expect(recorder.events.first == .sourceUp(source.id))
        let counters = source.counters
        #expect(counters.frames == 3)
        #expect(counters.errors == 2)  // the garbage stretch and the unknown letter X
        #expect(await reader.close() == .closed)
        #expect(recorder.events.last == .sourceGone(source.id, reason: "closed"))
    }

    @Test func hangUpIsReportedAsDeviceGone() async throws {
        let pty = try PseudoTerminal()
        let recorder = EventRecorder()
        let source = SmartLightSerialSource(path: pty.path, settings: SerialSettings(), sink: recorder.sink)
        let reader = try source.open()
        pty.releaseSlave()
        pty.write("~~~~~M2~~")
        #expect(await recorder.wait { commands($0) == [.modeSet(mode: 2)] })
        pty.hangUp()
        #expect(await recorder.wait { $0.contains { if case .sourceGone = $0 { return true } else { return false } } })
        // The reader has ended, not spinning, and says why.
        let end = await reader.waitUntilEnded()
        #expect(end != .closed)
        #expect(recorder.events.last == .sourceGone(source.id, reason: end.description))
    }
}
