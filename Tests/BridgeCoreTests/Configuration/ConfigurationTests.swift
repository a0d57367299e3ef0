import BridgeCore
import LightProtocols
import Testing

/// The configuration file (issue 5 item 1): the commented example parses to what it says, and
/// every kind of mistake is reported with its line.
@Suite struct ConfigurationTests {
    static let examplePath: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(4)  // Tests/BridgeCoreTests/Configuration/ConfigurationTests.swift
        return parts.joined(separator: "/") + "/examples/lightbridge.toml"
    }()

    /// The problems `text` has, as `line: key: message` strings.
    func problems(_ text: String) -> [String] {
        do {
            _ = try BridgeConfiguration(toml: text)
            return []
        } catch {
            return error.problems.map { "\($0.position.line): \($0.key): \($0.message)" }
        }
    }

    @Test func theExampleParses() throws {
        let configuration = try BridgeConfiguration.load(path: Self.examplePath)
        #expect(
            configuration.lights.map(\.name) == ["hall-router", "office-link", "microscope", "bench-lamp", "greenhouse", "andon"])
        #expect(configuration.lights.map(\.kind) == [.helvar, .lightwave, .lumencor, .heliospectra, .heliospectra, .smartlight])
        #expect(configuration.inputs.map(\.kind) == [.serial, .gpio, .tcp, .heliospectraMaster, .helvarRecalls])
        #expect(configuration.modes.keys.sorted() == [0, 1, 2])
        #expect(configuration.bridge.stateDirectory == "/var/lib/lightbridge")
        let day = try #require(configuration.modes[1])
        #expect(day.name == "Day")
        #expect(
            day.actions.first { $0.light == "hall-router" }?.actions
                == [.helvarRecall(.group(1), block: 1, scene: 1, fade: .milliseconds(2000))])
        #expect(
            day.actions.first { $0.light == "office-link" }?.actions
                == [.lightwaveLevel(room: 1, device: 1, percent: 80), .lightwavePower(room: 1, device: 2, on: true)])
        #expect(
            day.actions.first { $0.light == "microscope" }?.actions
                == [
                    .lumencorIntensities([
                        ChannelLevel(channel: "GREEN", percent: 50), ChannelLevel(channel: "CYAN", percent: 20),
                    ])
                ])
        #expect(
            day.actions.first { $0.light == "bench-lamp" }?.actions
                == [
                    .heliospectraPowers([
                        WavelengthPower(nanometres: 450, power: 800), WavelengthPower(nanometres: 660, power: 1000),
                    ])
                ])
        #expect(
            day.actions.first { $0.light == "andon" }?.actions
                == [
                    .smartLight(
                        .segment(
                            SmartLightSegmentMode(
                                segments: [SmartLightSegment(colour: .green, type: .solid)], blinkFrequency: .medium, buzzer: .off
                            )))
                ])
        let recalls = try #require(configuration.inputs.first { $0.kind == .helvarRecalls })
        #expect(recalls.recallModes == [HelvarRecallMode(group: 1, block: 1, scene: 3, mode: 2)])
        let tcp = try #require(configuration.inputs.first { $0.kind == .tcp })
        #expect(tcp.options.integer("port") == 13000)
        #expect(tcp.options.texts("allow") == ["192.168.1.0/24", "127.0.0.1"])
        let serial = try #require(configuration.inputs.first { $0.kind == .serial })
        #expect(serial.frameFormat?.delimiter == UInt8(ascii: "~"))
        #expect(configuration.light(named: "andon")?.options.flag("pass_modes") == true)
    }

    @Test func anEmptyFileIsAValidBridgeWithNothingToDo() throws {
        let configuration = try BridgeConfiguration(toml: "")
        #expect(configuration.lights.isEmpty && configuration.inputs.isEmpty && configuration.modes.isEmpty)
        #expect(configuration.bridge == BridgeSettings())
    }

    @Test func everyProblemIsReportedWithItsLine() {
        let text = """
            [bridge]
            log_levl = "info"
            queue_depth = 0

            [lights.a]
            protocol = "helvar"
            host = "10.0.0.1"
            port = 70000

            [lights.b]
            protocol = "lumencor"
            transport = "serial"

            [lights.c]
            protocol = "laser"

            [inputs.x]
            type = "gpio"
            lines = [1, 2, 3]

            [modes.1]
            a = { group = 1, scene = 17 }
            nosuch = { on = true }
            b = { intensity = { GREEN = 150 } }

            [modes.x]
            """
        #expect(
            problems(text) == [
                "2: bridge.log_levl: unknown key (did you mean log_level?)",
                "3: bridge.queue_depth: 0 is out of range 1…1000",
                "8: lights.a.port: 70000 is out of range 0…65535",
                "10: lights.b.device: missing (required with transport serial)",
                "15: lights.c.protocol: \"laser\" is not one of helvar, lightwave, lumencor, heliospectra, smartlight",
                "17: inputs.x.chip: missing (required with lines or chip)",
                "19: inputs.x.lines: needs exactly 8 line offsets, has 3",
                "22: modes.1.a.scene: 17 is out of range 1…16",
                "23: modes.1.nosuch: unknown light \"nosuch\"",
                "24: modes.1.b.intensity.GREEN: 150.0 is out of range 0.0…100.0",
                "26: modes.x: a mode is a number 0…65535",
            ])
    }

    @Test func aSyntaxErrorIsOneProblemWithItsLine() {
        #expect(problems("[lights.a]\nprotocol = \"helvar\nhost = 1").count == 1)
        #expect(problems("[lights.a]\nprotocol = \"helvar\nhost = 1").first?.hasPrefix("2: ") == true)
    }

    @Test func actionsMustFitTheirLightsProtocol() {
        let lights = """
            [lights.h]
            protocol = "helvar"
            host = "h"
            [lights.w]
            protocol = "lightwave"
            host = "w"
            [lights.l]
            protocol = "lumencor"
            host = "l"
            channels = ["RED", "GREEN"]
            [lights.p]
            protocol = "heliospectra"
            host = "p"
            wavelengths = [450, 660]
            [lights.s]
            protocol = "smartlight"
            host = "s"

            """
        let cases: [(String, String)] = [
            ("h = { group = 1, device = \"1.1.1.1\", level = 5 }", "h: give only one of group, device"),
            ("h = { group = 1 }", "h: needs one of scene, level, on"),
            ("h = { device = \"1.1\", level = 5 }", "h.device: \"1.1\" is not a full cluster.router.subnet.device"),
            ("h = { group = 1, level = 5, block = 2 }", "h.block: only with scene"),
            ("w = { room = 1, level = 50 }", "w.device: missing (required)"),
            ("w = { room = 1, device = 2, level = 101 }", "w.level: 101 is out of range 0…100"),
            ("l = { intensity = { BLUE = 5 } }", "l.intensity.BLUE: \"BLUE\" is not a channel of light \"l\" (RED, GREEN)"),
            ("l = { intensity = { \"2\" = 5 } }", "l.intensity.2: \"2\" is not a channel of light \"l\" (RED, GREEN)"),
            (
                "l = { on = true, channels = [\"green\", \"2\", \"UV\"] }",
                "l.channels: \"UV\" is not a channel of light \"l\" (RED, GREEN)"
            ),
            ("p = { powers = { \"530\" = 5 } }", "p.powers.530: light \"p\" has no 530 nm channel"),
            ("p = { powers = { \"450\" = 1001 } }", "p.powers.450: 1001 is out of range 0…1000"),
            ("p = { level = 3 }", "p.level: unknown key"),
            (
                "s = { type = \"segment\", segments = [], blinkFrequency = \"slow\", buzzer = \"off\" }",
                "s: not a Smart Light command"
            ),
            ("s = { type = \"disco\" }", "s: not a Smart Light command"),
            ("s = 5", "s: an action is a table, not a integer"),
        ]
        for (action, expected) in cases {
            let found = problems(lights + "[modes.1]\n" + action)
            #expect(found.count >= 1, "\(action)")
            #expect(found.contains { $0.hasPrefix("19: modes.1.\(expected)") }, "\(action) → \(found)")
        }
        #expect(
            problems(lights + "[modes.1]\nl = { intensity = { green = 5, \"1\" = 2 } }\ns = { type = \"modeSet\", mode = 4 }")
                .isEmpty)
    }

    @Test func inputsAreChecked() {
        let base =
            "[lights.h]\nprotocol = \"helvar\"\nhost = \"h\"\n[lights.p]\nprotocol = \"heliospectra\"\ngroup = \"239.1.1.1\"\n"
        let cases: [(String, String)] = [
            ("[inputs.s]\ntype = \"serial\"\nbaud = 9600", "inputs.s.device: a serial input needs device"),
            (
                "[inputs.s]\ntype = \"serial\"\ndevice = \"/dev/ttyS0\"\ndelimiter = \"ab\"",
                "inputs.s.delimiter: \"ab\" must be one printable"
            ),
            ("[inputs.s]\ntype = \"serial\"\nusb = \"0403\"", "inputs.s.usb: \"0403\" is not a USB VID:PID"),
            ("[inputs.s]\ntype = \"serial\"\ndevice = \"/dev/x\"\n[inputs.s.codes]\ncolours = \"RR\"", "inputs.s.codes:"),
            (
                "[inputs.g]\ntype = \"gpio\"\nboard = \"raspberry-pi-4\"\nchip = \"gpiochip0\"",
                "inputs.g.board: a gpio input needs either"
            ),
            (
                "[inputs.g]\ntype = \"gpio\"\nchip = \"c\"\nlines = [0,1,2,3,4,5,6,6]",
                "inputs.g.lines: an offset is used more than once"
            ),
            (
                "[inputs.g]\ntype = \"gpio\"\nchip = \"c\"\nlines = [0,1,2,3,4,5,6,7]\nstrobe = 7",
                "inputs.g.strobe: offset 7 is also"
            ),
            ("[inputs.t]\ntype = \"tcp\"\nallow = [\"10.0.0.0/33\"]", "inputs.t.allow: \"10.0.0.0/33\" is not an IPv4"),
            (
                "[inputs.m]\ntype = \"heliospectra-master\"\ngroup = \"10.0.0.1\"\nlights = [\"p\"]",
                "inputs.m.group: \"10.0.0.1\" is not an IPv4 multicast"
            ),
            (
                "[inputs.m]\ntype = \"heliospectra-master\"\ngroup = \"239.0.0.1\"\nlights = [\"h\"]",
                "inputs.m.lights: light \"h\" speaks helvar, not heliospectra"
            ),
            ("[inputs.r]\ntype = \"helvar-recalls\"\nlight = \"q\"\nrecalls = []", "inputs.r.light: unknown light \"q\""),
            (
                "[inputs.r]\ntype = \"helvar-recalls\"\nlight = \"h\"\nrecalls = [{ group = 1, scene = 2, mode = 9 }]",
                "inputs.r.recalls: mode 9"
            ),
            ("[inputs.r]\ntype = \"helvar-recalls\"\nlight = \"h\"", "inputs.r.recalls: missing (required)"),
            ("[inputs.u]\ntype = \"usb\"", "inputs.u.usb: missing (required)"),
            ("[inputs.z]\ntype = \"mqtt\"", "inputs.z.type: \"mqtt\" is not one of"),
            ("[inputs.\"bad name\"]\ntype = \"tcp\"", "inputs.bad name: a name may hold only"),
        ]
        for (input, expected) in cases {
            let found = problems(base + input)
            #expect(
                found.contains { $0.split(separator: ":", maxSplits: 1)[1].dropFirst().hasPrefix(expected) },
                "\(input) → \(found)")
            #expect(found.allSatisfy { !$0.hasPrefix("0:") }, "every problem has a line: \(found)")
        }
    }

    @Test func networksMatchTheirAddresses() throws {
        let lan = try #require(IPv4Network("192.168.1.77/24"))
        #expect(lan.description == "192.168.1.0/24")
        #expect(lan.contains(try #require(IPv4Address("192.168.1.5"))))
        #expect(!lan.contains(try #require(IPv4Address("192.168.2.5"))))
        #expect(IPv4Network("0.0.0.0/0")?.contains(try #require(IPv4Address("8.8.8.8"))) == true)
        #expect(IPv4Network("10.0.0.1")?.prefixLength == 32)
        for bad in ["10.0.0.0/", "10.0.0.0/x", "10.0.0/8", "10.0.0.0/-1", "10.0.0.0/+8"] {
            #expect(IPv4Network(bad) == nil, "\(bad)")
        }
    }

    @Test func movingATableKeepsALightEqual() throws {
        let a = try BridgeConfiguration(toml: "[lights.x]\nprotocol = \"helvar\"\nhost = \"h\"\n")
        let b = try BridgeConfiguration(toml: "\n\n[lights.x]\nhost = \"h\"\nprotocol = \"helvar\"\n")
        #expect(a.lights == b.lights)
        #expect(a.lights[0].position != b.lights[0].position)
    }
}
