import BridgeCore
import Glibc
import Testing

/// The board profiles in `boards/` and the profile parser's validation (issue 3 item 4).
@Suite struct BoardProfileTests {
    /// The repository's `boards/` directory, found from this file's path.
    static let boardsDirectory: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/BridgeCoreTests/BoardProfileTests.swift
        return parts.joined(separator: "/") + "/boards"
    }()

    static func profileNames() -> [String] {
        guard let dir = opendir(boardsDirectory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".toml") { names.append(String(name.dropLast(5))) }
        }
        return names.sorted()
    }

    @Test func theFiveBoardsAreThere() {
        #expect(
            Self.profileNames() == ["beaglebone-black", "cm4", "generic-x86", "raspberry-pi-4", "raspberry-pi-5"])
    }

    @Test(arguments: profileNames())
    func everyProfileParsesAndValidates(name: String) throws {
        let profile = try BoardProfile.load(named: name, in: Self.boardsDirectory)
        #expect(profile.problems.isEmpty)
        #expect(profile.gpio.inputs.count == 8)
        #expect(Set(profile.gpio.inputs).count == 8)
        let strobe = try #require(profile.gpio.strobe)
        #expect(!profile.gpio.inputs.contains(strobe))
        #expect(profile.gpio.inputHeaderPins.isEmpty || profile.gpio.inputHeaderPins.count == 8)
        #expect(!profile.serial.devices.isEmpty)
        // A profile turns into a usable mode-line configuration, with and without the strobe.
        #expect(ModeLinesConfiguration(board: profile).problems.isEmpty)
        let strobed = ModeLinesConfiguration(board: profile, useStrobe: true)
        #expect(strobed.problems.isEmpty)
        #expect(strobed.allLines.count == 9)
    }

    @Test func raspberryPi4Values() throws {
        let profile = try BoardProfile.load(named: "raspberry-pi-4", in: Self.boardsDirectory)
        #expect(profile.gpio.chip == "pinctrl-bcm2711")
        #expect(profile.gpio.inputs == [17, 27, 22, 23, 24, 25, 5, 6])
        #expect(profile.gpio.strobe == 26)
        #expect(profile.gpio.activeLow)
        #expect(profile.gpio.bias == .pullUp)
        #expect(profile.gpio.strobeHeaderPin == "J8-37")
        #expect(profile.serial.devices == ["/dev/serial0", "/dev/ttyUSB0"])
        let configuration = ModeLinesConfiguration(board: profile, useStrobe: true)
        #expect(configuration.settlerConfiguration.activeLowMask == 0xFF)
        #expect(configuration.settlerConfiguration.strobe == ModeLineSettler.Strobe(activeLow: true))
        #expect(configuration.settlerConfiguration.settleWindow == .milliseconds(20))
        #expect(configuration.consumer == "lightbridge")
    }

    @Test func loadingByTheWrongNameOrAMissingFileFails() {
        let directory = Self.boardsDirectory
        #expect(throws: BoardProfileError.unreadable(path: directory + "/no-such-board.toml", errno: ENOENT)) {
            try BoardProfile.load(named: "no-such-board", in: directory)
        }
    }

    static let valid = """
        name = "test-board"
        description = "A board"
        [gpio]
        chip = "gpiochip0"
        inputs = [0, 1, 2, 3, 4, 5, 6, 7]
        strobe = 8
        active_low = false
        bias = "as-is"
        [serial]
        devices = ["/dev/ttyS0"]
        """

    @Test func theValidBaseParses() throws {
        let profile = try BoardProfile(toml: Self.valid)
        #expect(profile.name == "test-board")
        #expect(profile.gpio.strobe == 8)
        #expect(profile.gpio.inputHeaderPins.isEmpty)
        // Optional keys may be left out.
        let noStrobe = try BoardProfile(toml: Self.valid.replacingOccurrences("strobe = 8\n", with: ""))
        #expect(noStrobe.gpio.strobe == nil)
    }

    /// An invalid variant of ``valid`` and exactly the problems it must report, in order.
    struct InvalidCase: Sendable, CustomTestStringConvertible {
        var label: String
        var toml: String
        var problems: [BoardProfileProblem]
        var testDescription: String { label }
    }

    static let invalid: [InvalidCase] = [
        InvalidCase(label: "unknown key", toml: valid + "\ncolour = \"red\"", problems: [.unknownKey("serial.colour")]),
        InvalidCase(label: "unknown top-level key", toml: "extra = 1\n" + valid, problems: [.unknownKey("extra")]),
        InvalidCase(
            label: "missing key", toml: valid.replacingOccurrences("bias = \"as-is\"\n", with: ""),
            problems: [.missingKey("gpio.bias")]),
        InvalidCase(
            label: "missing table", toml: valid.replacingOccurrences("[serial]\ndevices = [\"/dev/ttyS0\"]", with: ""),
            problems: [.missingKey("serial")]),
        InvalidCase(
            label: "seven inputs", toml: valid.replacingOccurrences("[0, 1, 2, 3, 4, 5, 6, 7]", with: "[0, 1, 2, 3, 4, 5, 6]"),
            problems: [.wrongCount(key: "gpio.inputs", expected: 8, found: 7)]),
        InvalidCase(
            label: "nine inputs",
            toml: valid.replacingOccurrences("[0, 1, 2, 3, 4, 5, 6, 7]", with: "[0, 1, 2, 3, 4, 5, 6, 7, 9]"),
            problems: [.wrongCount(key: "gpio.inputs", expected: 8, found: 9)]),
        InvalidCase(
            label: "duplicate offsets",
            toml: valid.replacingOccurrences("[0, 1, 2, 3, 4, 5, 6, 7]", with: "[0, 1, 2, 3, 3, 5, 3, 7]"),
            problems: [.duplicateOffset(3)]),
        InvalidCase(
            label: "strobe among inputs", toml: valid.replacingOccurrences("strobe = 8", with: "strobe = 5"),
            problems: [.strobeAmongInputs(5)]),
        InvalidCase(
            label: "offset as string", toml: valid.replacingOccurrences("[0, 1, 2", with: "[\"0\", 1, 2"),
            problems: [.wrongType(key: "gpio.inputs[0]", expected: "an integer line offset", found: "string")]),
        InvalidCase(
            label: "negative offset", toml: valid.replacingOccurrences("strobe = 8", with: "strobe = -1"),
            problems: [.offsetOutOfRange(key: "gpio.strobe", value: -1)]),
        InvalidCase(
            label: "float strobe", toml: valid.replacingOccurrences("strobe = 8", with: "strobe = 8.5"),
            problems: [.wrongType(key: "gpio.strobe", expected: "an integer line offset", found: "floating-point number")]),
        InvalidCase(
            label: "active_low as string", toml: valid.replacingOccurrences("active_low = false", with: "active_low = \"no\""),
            problems: [.wrongType(key: "gpio.active_low", expected: "a boolean", found: "string")]),
        InvalidCase(
            label: "unknown bias", toml: valid.replacingOccurrences("\"as-is\"", with: "\"pullup\""),
            problems: [.unknownBias("pullup")]),
        InvalidCase(
            label: "gpio not a table", toml: valid.replacingOccurrences("[gpio]\n", with: "gpio = 3\n[gpio2]\n"),
            problems: [.unknownKey("gpio2"), .wrongType(key: "gpio", expected: "a table", found: "integer")]),
        InvalidCase(
            label: "bad name", toml: valid.replacingOccurrences("test-board", with: "Test Board"),
            problems: [.invalidName("Test Board")]),
        InvalidCase(
            label: "empty chip", toml: valid.replacingOccurrences("\"gpiochip0\"", with: "\"\""),
            problems: [.emptyValue("gpio.chip")]),
        InvalidCase(
            label: "relative serial device", toml: valid.replacingOccurrences("/dev/ttyS0", with: "ttyS0"),
            problems: [.invalidSerialDevice("ttyS0")]),
        InvalidCase(
            label: "header pins count",
            toml: valid.replacingOccurrences("bias = \"as-is\"", with: "bias = \"as-is\"\ninput_header_pins = [\"1\", \"2\"]"),
            problems: [.wrongCount(key: "gpio.input_header_pins", expected: 8, found: 2)]),
        InvalidCase(
            label: "many problems at once",
            toml: valid.replacingOccurrences("[0, 1, 2, 3, 4, 5, 6, 7]", with: "[0, 0, 2]")
                .replacingOccurrences("strobe = 8", with: "strobe = 2")
                .replacingOccurrences("\"as-is\"", with: "\"strong\"") + "\nbaud = 9600",
            problems: [
                .wrongCount(key: "gpio.inputs", expected: 8, found: 3), .duplicateOffset(0), .strobeAmongInputs(2),
                .unknownBias("strong"), .unknownKey("serial.baud"),
            ]),
    ]

    @Test(arguments: invalid)
    func invalidProfilesReportEveryProblem(_ invalid: InvalidCase) {
        #expect(throws: BoardProfileError.invalid(source: "test", problems: invalid.problems)) {
            try BoardProfile(toml: invalid.toml, source: "test")
        }
    }

    @Test func syntaxErrorsCarryThePosition() {
        do {
            _ = try BoardProfile(toml: "name = \"x\"\ndescription = \n", source: "bad.toml")
            Issue.record("parsed invalid TOML")
        } catch {
            guard case .syntax(let source, let message, let line, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(source == "bad.toml")
            #expect(line == 2)
            #expect(!message.isEmpty)
        }
        // TOML forbids a key twice: a syntax error on the second one.
        do {
            _ = try BoardProfile(toml: "name = \"a\"\nname = \"b\"\n")
            Issue.record("accepted a duplicate key")
        } catch {
            guard case .syntax(_, _, let line, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(line == 2)
        }
    }
}

extension String {
    /// `replacing(_:with:)` without Foundation, failing loudly if `target` is absent.
    func replacingOccurrences(_ target: String, with replacement: String) -> String {
        let result = replacing(target, with: replacement)
        precondition(result != self || target == replacement, "test fixture: \(target) not found")
        return result
    }
}
