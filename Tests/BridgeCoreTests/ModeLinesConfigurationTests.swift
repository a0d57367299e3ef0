import BridgeCore
import Testing

/// The GPIO mode-line configuration the bridge builds from a board or spells out.
@Suite struct ModeLinesConfigurationTests {
    @Test func explicitChipAndLinesWithPerLineActiveLow() {
        var configuration = ModeLinesConfiguration(
            chip: "gpiochip0", inputs: (0..<8).map { .offset($0) }, strobe: .name("STROBE"), bias: .pullDown,
            settleWindow: .milliseconds(35))
        configuration.inputActiveLow = [true, false, false, false, false, false, false, true]
        configuration.strobeActiveLow = true
        #expect(configuration.problems.isEmpty)
        let settler = configuration.settlerConfiguration
        #expect(settler.activeLowMask == 0b1000_0001)
        #expect(settler.strobe == ModeLineSettler.Strobe(activeLow: true))
        #expect(settler.settleWindow == .milliseconds(35))
        #expect(configuration.allLines.last == .name("STROBE"))
    }

    @Test func linesByNameNeedNoChip() {
        let configuration = ModeLinesConfiguration(chip: nil, inputs: (0..<8).map { .name("MODE\($0)") })
        #expect(configuration.problems.isEmpty)
        #expect(configuration.settlerConfiguration.strobe == nil)
    }

    @Test func everyProblemIsReported() {
        var configuration = ModeLinesConfiguration(
            chip: nil, inputs: [.offset(1), .offset(2), .offset(1)], strobe: .offset(2), settleWindow: .zero,
            consumer: "")
        configuration.inputActiveLow = [true]
        #expect(
            configuration.problems == [
                .inputCount(3), .activeLowCount(1), .duplicateLine(.offset(1)), .duplicateLine(.offset(2)),
                .offsetWithoutChip(.offset(1)), .settleWindow(.zero), .consumer(""),
            ])
        #expect(throws: ModeLinesConfigurationError.self) { try configuration.validate() }
    }
}
