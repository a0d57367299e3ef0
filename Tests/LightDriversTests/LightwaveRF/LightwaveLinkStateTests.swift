import LightProtocols
import Testing

@testable import Simulators

/// The simulated Link's state machine without sockets (PROTOCOLS.md §3).
@Suite struct LightwaveLinkStateTests {
    let now = ContinuousClock.now

    func command(_ action: LightwaveAction, trans: UInt16? = 7, link: LightwaveLinkSelector? = nil) -> LightwaveCommand {
        LightwaveCommand(link: link, transaction: trans, action: action)
    }

    @Test func lw930UsesCode2AndItsOwnTexts() {
        var state = LightwaveLinkState(settings: LightwaveLinkSimulatorSettings(model: .lw930))
        let refused = state.handle(command(.device(room: 1, device: 1, .on)), from: "c", now: now, unixTime: 0)
        #expect(
            refused.replies == [
                .error(LightwaveErrorReply(transaction: 7, code: 2, text: "Not yet registered. Send !F*p to register"))
            ])
        let asked = state.handle(command(.register), from: "c", now: now, unixTime: 0)
        #expect(
            asked.replies == [
                .error(LightwaveErrorReply(transaction: 7, code: 2, text: "Not yet registered. See LightwaveLink"))
            ])
        #expect(state.pressButton(now: now, unixTime: 0)?.client == "c")
        let again = state.handle(command(.register), from: "c", now: now, unixTime: 0)
        #expect(again.replies == [.version(transaction: 7, firmware: "N2.93J")])
    }

    @Test func buttonPressedTooLateRegistersNobody() {
        var state = LightwaveLinkState(settings: LightwaveLinkSimulatorSettings())
        _ = state.handle(command(.register), from: "c", now: now, unixTime: 0)
        #expect(state.pressButton(now: now + .seconds(13), unixTime: 0) == nil)
        #expect(state.registered.isEmpty)
    }

    @Test func emptyTransactionIsAnsweredAsZeroWithTheJsonLine() {
        var state = LightwaveLinkState(settings: LightwaveLinkSimulatorSettings(registeredClients: ["c"]))
        let out = state.handle(
            command(.device(room: 3, device: 1, .dim(level: 12)), trans: nil), from: "c", now: now, unixTime: 5)
        #expect(out.replies.first == .ok(transaction: 0))
        guard case .event(let event) = out.replies.last else {
            Issue.record("no JSON line")
            return
        }
        #expect(event.function == "dim")
        #expect(event.parameter == 12)
        #expect(event.mac == "03:34:BC")
        #expect(event.time == 5)
    }

    @Test func roomFunctionsAndMoods() {
        var state = LightwaveLinkState(settings: LightwaveLinkSimulatorSettings(registeredClients: ["c"]))
        for device in UInt8(1)...2 {
            _ = state.handle(command(.device(room: 2, device: device, .dim(level: 8 * device))), from: "c", now: now, unixTime: 0)
        }
        _ = state.handle(command(.room(room: 2, .moodStore(mood: 1))), from: "c", now: now, unixTime: 0)
        _ = state.handle(command(.room(room: 2, .allOff)), from: "c", now: now, unixTime: 0)
        #expect(state.devices.values.allSatisfy { !$0.isOn })
        _ = state.handle(command(.room(room: 2, .moodRecall(mood: 1))), from: "c", now: now, unixTime: 0)
        #expect(state.devices[LightwaveDeviceAddress(room: 2, device: 2)] == LightwaveDeviceState(isOn: true, level: 16))
    }

    @Test func anotherLinksSelectorIsIgnored() {
        var state = LightwaveLinkState(settings: LightwaveLinkSimulatorSettings(registeredClients: ["c"]))
        let out = state.handle(
            command(.device(room: 1, device: 1, .on), link: LightwaveLinkSelector(0x2090AB)), from: "c", now: now,
            unixTime: 0)
        #expect(out.ignored)
        #expect(out.replies.isEmpty)
        #expect(state.received.isEmpty)
    }

    @Test func transmitFailuresAreInjected() {
        var state = LightwaveLinkState(settings: LightwaveLinkSimulatorSettings(registeredClients: ["c"], failTransmit: 1))
        let first = state.handle(command(.device(room: 1, device: 1, .on)), from: "c", now: now, unixTime: 0)
        #expect(first.replies == [.error(LightwaveErrorReply(transaction: 7, code: 6, text: "Transmit fail"))])
        let second = state.handle(command(.device(room: 1, device: 1, .on)), from: "c", now: now, unixTime: 0)
        #expect(second.replies.first == .ok(transaction: 7))
    }
}
