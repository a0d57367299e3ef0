import Glibc
import Testing

@testable import BridgeCore

/// What `lightbridge gpio` prints about a profile and lists (issue 5, item 4).
@Suite struct BoardProfileListingTests {
    let directory = BoardProfileTests.boardsDirectory

    @Test func theRepositoryBoardsAreListedByName() throws {
        #expect(try BoardProfile.names(in: directory) == BoardProfileTests.profileNames())
        #expect(throws: BoardProfileError.unreadable(path: "/nonexistent-boards", errno: ENOENT)) {
            try BoardProfile.names(in: "/nonexistent-boards")
        }
    }

    @Test func theRaspberryPi4LinesAreExact() throws {
        let profile = try BoardProfile.load(named: "raspberry-pi-4", in: directory)
        #expect(
            profile.gpioLines == [
                "board       raspberry-pi-4: Raspberry Pi 4 Model B (BCM2711), 40-pin header J8",
                "chip        pinctrl-bcm2711",
                "active-low  yes (an input is on when its line is low)",
                "bias        pull-up",
                "strobe      offset 26 (latches the inputs where an input sets use_strobe)",
                "LINE    BIT  OFFSET  HEADER PIN",
                "input   0    17      J8-11",
                "input   1    27      J8-13",
                "input   2    22      J8-15",
                "input   3    23      J8-16",
                "input   4    24      J8-18",
                "input   5    25      J8-22",
                "input   6    5       J8-29",
                "input   7    6       J8-31",
                "strobe  -    26      J8-37",
                "serial      /dev/serial0 /dev/ttyUSB0",
            ])
    }

    @Test(arguments: BoardProfileTests.profileNames())
    func everyProfileShowsItsChipAndEightInputs(name: String) throws {
        let profile = try BoardProfile.load(named: name, in: directory)
        let lines = profile.gpioLines
        #expect(lines.contains("chip        \(profile.gpio.chip)"))
        let inputs = lines.filter { $0.hasPrefix("input ") }
        #expect(inputs.count == 8)
        for (bit, offset) in profile.gpio.inputs.enumerated() {
            let cells = inputs[bit].split(separator: " ").map(String.init)
            #expect(cells[1] == String(bit) && cells[2] == String(offset))
        }
    }

    @Test func aBoardWithoutPinsOrStrobeSaysSo() {
        let profile = BoardProfile(
            name: "bare", description: "no header",
            gpio: .init(chip: "gpiochip3", inputs: Array(0..<8), strobe: nil, activeLow: false, bias: .asIs),
            serial: .init(devices: ["/dev/ttyS0"]))
        let lines = profile.gpioLines
        #expect(lines.contains("strobe      none (inputs taken after the settle window)"))
        #expect(lines.contains("input  7    7       -"))  // no "strobe" row: the first column is narrower
        #expect(!lines.contains { $0.hasPrefix("strobe  -") })
        #expect(lines.contains("active-low  no"))
    }
}
