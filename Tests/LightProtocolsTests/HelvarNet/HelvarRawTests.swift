import LightProtocols
import PropertyBased
import Testing

/// HelvarNet raw messages: seed 003 raw format, PROTOCOLS.md §2.
@Suite struct HelvarRawTests {
    let decoder = HelvarRawDecoder()
    let encoder = HelvarRawEncoder()

    static func bytes(_ words: [UInt32]) -> [UInt8] {
        words.flatMap {
            [
                UInt8($0 >> 24), UInt8(truncatingIfNeeded: $0 >> 16), UInt8(truncatingIfNeeded: $0 >> 8),
                UInt8(truncatingIfNeeded: $0),
            ]
        }
    }

    static func address(_ text: String) -> HelvarAddress {
        do { return try HelvarAddress(parsing: text) } catch { fatalError("\(error)") }
    }

    /// The seed's raw example: Recall Group 1234, Block 5, Scene 6, Fade Time 32 s.
    static let seedWords: [UInt32] = [0x0001_000B, 0x0000_04D2, 0, 0x0005_0006, 0, 0, 0, 0x0000_0C80, 0, 0]
    static let seedRecall = HelvarRawMessage(command: .recallSceneGroup, group: 1234, block: 5, scene: 6, fade: 3200)

    static let golden: [([UInt32], HelvarRawMessage)] = [
        (seedWords, seedRecall),
        // Seed: the first word of a Query Clusters reply is 0x01010065.
        ([0x0101_0065, 0, 0, 0, 0, 0, 0, 0, 0, 0], HelvarRawMessage(type: .reply, command: .queryClusters)),
        ([0x0001_0065, 0, 0, 0, 0, 0, 0, 0, 0, 0], HelvarRawMessage(command: .queryClusters)),
        // Assumed layout: word 3 address, word 7 level or proportion (two's complement).
        (
            [0x0081_000E, 0, 0x0202_0105, 0, 0, 0, 50, 100, 0, 0],
            HelvarRawMessage(acknowledge: true, command: .directLevelDevice, address: address("2.2.1.5"), value: 50, fade: 100)
        ),
        (
            [0x0002_000F, 7, 0, 0, 0, 0, 0xFFFF_FFD8, 0, 0, 0],
            HelvarRawMessage(version: 2, command: .directProportionGroup, group: 7, value: -40)
        ),
        (
            [0x0001_0012, 0, 0x0101_0101, 0, 0, 0, 100, 0xFFFF_FFFF, 0, 0],
            HelvarRawMessage(command: .modifyProportionDevice, address: address("1.1.1.1"), value: 100, fade: 0xFFFF_FFFF)
        ),
        (
            [0x0001_000C, 0, 0xFDFE_04FF, 0x0008_0010, 0, 0, 0, 0, 0, 0],
            HelvarRawMessage(command: .recallSceneDevice, address: address("253.254.4.255"), block: 8, scene: 16)
        ),
        ([0x0001_0066, 0, 0x0700_0000, 0, 0, 0, 0, 0, 0, 0], HelvarRawMessage(command: .queryRouters, address: address("7"))),
    ]

    @Test func goldenFramesDecodeAndEncode() throws {
        for (words, message) in Self.golden {
            let bytes = Self.bytes(words)
            #expect(decodeAll(decoder, bytes).map(\.value) == [message], "\(words)")
            #expect(try encoder.encode(message) == bytes, "\(message)")
        }
    }

    @Test func seedExampleMatchesTheASCIIForm() throws {
        let ascii = HelvarCommand(.recallSceneGroup, group: 1234, block: 5, scene: 6, fade: 3200)
        #expect(try HelvarRawMessage(ascii) == Self.seedRecall)
        #expect(Self.seedRecall.asciiCommand == ascii)
        #expect(try encoder.encode(HelvarRawMessage(ascii)) == Self.bytes(Self.seedWords))
        #expect(Self.seedRecall.words == Self.seedWords)
        #expect(try HelvarRawMessage(HelvarCommand(.queryClusters), type: .reply).words[0] == 0x0101_0065)
    }

    @Test func roundTrip() async {
        await propertyCheck(count: 2000, input: HelvarArbitrary.raw) { message in
            let bytes = try encoder.encode(message)
            #expect(bytes.count == 40)
            #expect(decodeAll(decoder, bytes).map(\.value) == [message])
            #expect(try JSONValueDecoder.decode(HelvarRawMessage.self, from: try JSONValueEncoder.encode(message)) == message)
            #expect(try HelvarRawMessage(message.asciiCommand, type: message.type).command == message.command)
        }
    }

    @Test(arguments: [
        ([0x0201_000B, 0, 0, 0, 0, 0, 0, 0, 0, 0] as [UInt32], HelvarError.badRawMessageType(2)),
        ([0x0001_000B, 0, 0, 0, 1, 0, 0, 0, 0, 0], .nonZeroReservedWord(word: 5, value: 1)),
        ([0x0001_000B, 0, 0, 0, 0, 0, 0, 0, 0, 9], .nonZeroReservedWord(word: 10, value: 9)),
        ([0x0001_03E7, 0, 0, 0, 0, 0, 0, 0, 0, 0], .unknownCommand(999)),
        ([0x0003_000B, 0, 0, 0, 0, 0, 0, 0, 0, 0], .valueOutOfRange(field: "version", value: 3, range: 1...2)),
        ([0x0001_000B, 16384, 0, 0, 0, 0, 0, 0, 0, 0], .valueOutOfRange(field: "group", value: 16384, range: 1...16383)),
        ([0x0001_000B, 1, 0, 0x0009_0001, 0, 0, 0, 0, 0, 0], .valueOutOfRange(field: "block", value: 9, range: 1...8)),
        ([0x0001_000B, 1, 0, 0x0001_0011, 0, 0, 0, 0, 0, 0], .valueOutOfRange(field: "scene", value: 17, range: 1...16)),
        (
            [0x0001_000B, 1, 0x0101_0101, 0, 0, 0, 0, 0, 0, 0],
            .unusedWordNotZero(command: .recallSceneGroup, word: 3, value: 0x0101_0101)
        ),
        ([0x0001_000B, 1, 0, 0, 0, 0, 5, 0, 0, 0], .unusedWordNotZero(command: .recallSceneGroup, word: 7, value: 5)),
        ([0x0001_000D, 1, 0, 0, 0, 0, 101, 0, 0, 0], .valueOutOfRange(field: "level", value: 101, range: 0...100)),
        (
            [0x0001_000F, 1, 0, 0, 0, 0, 0xFFFF_FF9B, 0, 0, 0],
            .valueOutOfRange(field: "proportion", value: -101, range: -100...100)
        ),
        ([0x0001_000E, 0, 0, 0, 0, 0, 5, 0, 0, 0], .valueOutOfRange(field: "cluster", value: 0, range: 1...253)),
        (
            [0x0001_000E, 0, 0x0101_0100, 0, 0, 0, 5, 0, 0, 0],
            .wrongAddressDepth(command: .directLevelDevice, depth: 3, expected: 4...5)
        ),
        ([0x0001_000E, 0, 0x0100_0101, 0, 0, 0, 5, 0, 0, 0], .invalidAddress("1: subnet given without the parts before it")),
        ([0x0001_00A4, 0, 0, 0, 0, 0, 0, 0, 0, 0], .valueOutOfRange(field: "group", value: 0, range: 1...16383)),
        ([0x0001_0065, 0, 0, 0, 0, 0, 0, 70, 0, 0], .unusedWordNotZero(command: .queryClusters, word: 8, value: 70)),
    ])
    func badFramesAreTypedErrors(_ words: [UInt32], _ error: HelvarError) {
        let results = decodeAll(decoder, Self.bytes(words))
        #expect(results.first?.error == error, "\(words): \(results)")
        #expect(results.count == 1)
    }

    @Test func encoderRejectsWhatTheLayoutCannotCarry() throws {
        #expect(throws: HelvarError.self) {
            try encoder.encode(HelvarRawMessage(command: .recallSceneDevice, address: Self.address("1.1.1.1.3")))
        }
        #expect(throws: HelvarError.self) { try encoder.encode(HelvarRawMessage(command: .recallSceneGroup, value: 4)) }
        #expect(throws: HelvarError.self) { try encoder.encode(HelvarRawMessage(command: .directLevelGroup, value: 101)) }
        #expect(throws: HelvarError.self) { try encoder.encode(HelvarRawMessage(version: 200, command: .queryClusters)) }
        #expect(throws: HelvarError.self) { try HelvarRawMessage(HelvarCommand(.recallSceneGroup, sequence: 4)) }
    }

    @Test func goodFramesAroundGarbageAreDelivered() {
        let good = Self.bytes(Self.seedWords)
        let bad = Self.bytes([0x0001_000B, 0, 0, 0, 1, 0, 0, 0, 0, 0])
        let stream = [0xDE, 0xAD] + good + bad + good + [0x01, 0x02, 0x03] + good
        let results = decodeAll(decoder, stream)
        #expect(results.compactMap(\.value) == [Self.seedRecall, Self.seedRecall, Self.seedRecall])
        // One report per bad stretch, however many bytes the decoder slides over.
        #expect(results.compactMap(\.error).count == 3)
        #expect(results.compactMap(\.error)[1] == .nonZeroReservedWord(word: 5, value: 1))
    }

    @Test func survivesRandomAndMutatedBuffers() throws {
        let samples = Self.golden.map { Self.bytes($0.0) }
        checkRobustness(
            seed: 0x5EED_0003_0040, makeDecoder: { HelvarRawDecoder() }, samples: samples,
            good: (Self.bytes(Self.seedWords), Self.seedRecall), maxBuffered: 39)
    }
}
