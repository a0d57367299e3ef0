import BridgeCore
import Testing

@testable import BridgeIO

/// `lightbridge gpio --read`'s one-shot read (issue 5, item 4), as far as a machine without a
/// GPIO chip allows: the typed errors. The read itself runs against gpio-sim in the QEMU tests.
@Suite struct GPIOModeReaderTests {
    let chips = GPIOChip.availableChips()

    @Test func aMissingChipIsATypedErrorListingTheChips() {
        let configuration = ModeLinesConfiguration(chip: "lightbridge-no-such-chip", inputs: (0..<8).map { .offset($0) })
        #expect(throws: GPIOError.noSuchChip(chip: "lightbridge-no-such-chip", available: chips)) {
            try GPIOModeReader.read(configuration)
        }
    }

    @Test func aBoardProfilesChipIsLookedUpByLabel() throws {
        // No machine running these tests is a Raspberry Pi 5.
        let profile = try BoardProfile.load(named: "raspberry-pi-5", in: BoardsDirectory.path)
        let configuration = ModeLinesConfiguration(board: profile, useStrobe: true)
        #expect(throws: GPIOError.noSuchChip(chip: "pinctrl-rp1", available: chips)) {
            try GPIOModeReader.read(configuration)
        }
    }

    @Test func anInvalidConfigurationIsRefusedBeforeTheHardware() {
        let configuration = ModeLinesConfiguration(chip: "gpiochip0", inputs: [.offset(1), .offset(1)])
        #expect(throws: GPIOError.invalidConfiguration(ModeLinesConfigurationError(problems: configuration.problems))) {
            try GPIOModeReader.read(configuration)
        }
    }
}

/// The repository's `boards/` directory, found from this file's path.
enum BoardsDirectory {
    static let path: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/BridgeIOTests/GPIOModeReaderTests.swift
        return parts.joined(separator: "/") + "/boards"
    }()
}
