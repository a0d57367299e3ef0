import Testing

@testable import Bridge

/// The mode lookup of the trigger path: direct up to its limit, a binary search beyond it, the
/// same answers either way.
@Suite struct ModeIndexTests {
    /// Every mode is found at its position, and every other number is not, for random tables
    /// of both kinds.
    @Test(arguments: [false, true]) func everyModeIsFoundAndNoOtherNumberIs(sparse: Bool) {
        for round in 0..<50 {
            let ceiling = sparse ? UInt16.max : UInt16(ModeIndex.denseLimit)
            var modes = Array(Set((0..<Int.random(in: 1...300)).map { _ in UInt16.random(in: 0...ceiling) }))
            if sparse { modes.append(UInt16(ModeIndex.denseLimit + 1 + round)) }
            modes.shuffle()
            let index = ModeIndex(modes)
            #expect(index.isDirect == !sparse)
            let positions = Dictionary(uniqueKeysWithValues: modes.enumerated().map { ($0.element, $0.offset) })
            for probe in [0, 1, 255, 256, UInt16(ModeIndex.denseLimit), UInt16(ModeIndex.denseLimit + 1), .max]
                + modes + (0..<200).map({ _ in UInt16.random(in: 0...UInt16.max) })
            {
                #expect(index[probe] == positions[probe], "mode \(probe)")
            }
        }
    }

    @Test func anEmptyIndexFindsNothing() {
        #expect(ModeIndex()[0] == nil)
        #expect(ModeIndex([])[0] == nil)
        #expect(ModeIndex([])[65535] == nil)
    }

    @Test func theFirstOfARepeatedModeWins() {
        #expect(ModeIndex([7, 3, 7])[7] == 0)
        #expect(ModeIndex([9000, 3, 9000])[9000] == 0)
        #expect(ModeIndex([9000, 3, 9000])[3] == 1)
    }
}
