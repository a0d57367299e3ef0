/// The scripted "PLC" of `lightbridge demo` (issue 5 item 3): Smart Light RS232 frames
/// (PROTOCOLS.md §1.2, `~` delimiter) written to the pseudo-terminal, one step at a time, with
/// what every light must show afterwards.
struct DemoStep: Sendable {
    /// What the step does, for the reader.
    var title: String
    /// The bytes the PLC writes.
    var bytes: String
    /// How many of them are valid frames (the bridge must see exactly these).
    var validFrames: Int
    /// What each light shows afterwards, in ``DemoLights/describe()`` order.
    var expected: [String]
}

enum DemoScript {
    static let dark = "dark"

    static let steps: [DemoStep] = [
        DemoStep(
            title: "Mode 1 \"Day\"", bytes: "~~~~~M1~~", validFrames: 1,
            expected: [
                "group 1 scene 1.2, bench lights 100 %", "on, dim level 26/32", "on: GREEN 60 %",
                "450 nm 800‰, 660 nm 1000‰",
                "400 nm 700‰, 420 nm 700‰, 450 nm 700‰, 530 nm 700‰, 630 nm 700‰, 660 nm 700‰, 735 nm 700‰",
                "segments [green/solid] blink medium buzzer off",
            ]),
        DemoStep(
            title: "Garbage on the line (noise, an unknown command letter, a torn frame): rejected, nothing changes",
            bytes: "\u{07}#!noise~~~~~Q7~~~~~~~M~~", validFrames: 0,
            expected: [
                "group 1 scene 1.2, bench lights 100 %", "on, dim level 26/32", "on: GREEN 60 %",
                "450 nm 800‰, 660 nm 1000‰",
                "400 nm 700‰, 420 nm 700‰, 450 nm 700‰, 530 nm 700‰, 630 nm 700‰, 660 nm 700‰, 735 nm 700‰",
                "segments [green/solid] blink medium buzzer off",
            ]),
        DemoStep(
            title: "Mode 2 \"Night\"", bytes: "~~~~~M2~~", validFrames: 1,
            expected: [
                "group 1 scene 1.3, bench lights 30 %", "on, dim level 7/32", "on: BLUE 10 %",
                "400 nm 100‰, 420 nm 100‰, 450 nm 100‰, 530 nm 100‰, 630 nm 100‰, 660 nm 100‰, 735 nm 100‰",
                "735 nm 300‰", "level 5 blue fillFromBottom buzzer off",
            ]),
        DemoStep(
            title: "A direct run-light command: only the Smart Light takes it", bytes: "~~~~~R2RX30~~", validFrames: 1,
            expected: [
                "group 1 scene 1.3, bench lights 30 %", "on, dim level 7/32", "on: BLUE 10 %",
                "400 nm 100‰, 420 nm 100‰, 450 nm 100‰, 530 nm 100‰, 630 nm 100‰, 660 nm 100‰, 735 nm 100‰",
                "735 nm 300‰", "run light 2 red on off speed medium buzzer off",
            ]),
        DemoStep(
            title: "Clear (mode 0 \"Off\")", bytes: "~~~~~C~~", validFrames: 1,
            expected: ["group 1 scene 1.1, bench lights 0 %", "off", "all channels off", dark, dark, "cleared"]),
    ]
}
