import BridgeCore
import LightProtocols
import Testing

/// The mode table routing (issue 5 items 1–2).
@Suite struct ModeRouterTests {
    let configuration: BridgeConfiguration = {
        let text = """
            [lights.h]
            protocol = "helvar"
            host = "h"
            [lights.s1]
            protocol = "smartlight"
            host = "s1"
            pass_modes = true
            [lights.s2]
            protocol = "smartlight"
            host = "s2"
            [modes.0]
            h = { group = 1, on = false }
            [modes.4]
            h = { group = 1, scene = 4 }
            s1 = { type = "clear" }
            """
        do { return try BridgeConfiguration(toml: text) } catch { fatalError("\(error)") }
    }()

    @Test func aModeAppliesItsActionsAndPassesOnToSmartLightsThatWantModes() {
        let routing = ModeRouter(configuration: configuration).route(.modeSet(mode: 4))
        #expect(routing.mode == 4)
        #expect(routing.note == nil)
        #expect(
            routing.actions == [
                LightActions(light: "h", actions: [.helvarRecall(.group(1), block: 1, scene: 4, fade: nil)]),
                LightActions(light: "s1", actions: [.smartLight(.modeSet(mode: 4)), .smartLight(.clear)]),
            ])
    }

    @Test func clearIsModeZero() {
        let routing = ModeRouter(configuration: configuration).route(.clear)
        #expect(routing.mode == 0)
        #expect(
            routing.actions == [
                LightActions(light: "h", actions: [.helvarLevel(.group(1), percent: 0, fade: nil)]),
                LightActions(light: "s1", actions: [.smartLight(.clear)]),
            ])
    }

    @Test func anUnknownModeIsNotedAndStillPassedOn() {
        let routing = ModeRouter(configuration: configuration).route(.modeSet(mode: 9))
        #expect(routing.mode == 9)
        #expect(routing.note == "mode 9 is not configured")
        #expect(routing.actions == [LightActions(light: "s1", actions: [.smartLight(.modeSet(mode: 9))])])
    }

    @Test func directCommandsGoToEverySmartLight() {
        let colour = SmartLightCommand.userColour(SmartLightRGB(red: 1, green: 2, blue: 3))
        let routing = ModeRouter(configuration: configuration).route(colour)
        #expect(routing.mode == nil)
        #expect(routing.actions.map(\.light) == ["s1", "s2"])
        #expect(routing.actions.allSatisfy { $0.actions == [.smartLight(colour)] })
        let none = ModeRouter(configuration: BridgeConfiguration()).route(colour)
        #expect(none.actions.isEmpty && none.note == "no Smart Light output is configured")
    }
}
