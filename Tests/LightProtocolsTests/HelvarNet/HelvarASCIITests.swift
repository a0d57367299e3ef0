import LightProtocols
import PropertyBased
import Testing

/// HelvarNet ASCII messages: seed 003 "Message Formatting", PROTOCOLS.md §2.
@Suite struct HelvarASCIITests {
    let decoder = HelvarDecoder()
    let encoder = HelvarEncoder()

    static func address(_ text: String) -> HelvarAddress {
        do { return try HelvarAddress(parsing: text) } catch { fatalError("\(error)") }
    }

    static func level(_ tenths: Int) -> HelvarLevel {
        do { return try HelvarLevel(tenths: tenths) } catch { fatalError("\(error)") }
    }

    /// Seed example: Recall Group 1234, Block 5, Scene 6, Fade Time 32 s.
    static let seedRecall = HelvarCommand(.recallSceneGroup, group: 1234, block: 5, scene: 6, fade: 3200)

    static let golden: [(String, HelvarMessage)] = [
        // The seed's ASCII example.
        (">V:1,C:11,G:1234,B:5,S:6,F:3200#", .command(seedRecall)),
        // PROTOCOLS.md §2 error example: device missing.
        (
            "!V:1,C:104,@2.2.1.1=11#",
            .error(HelvarErrorReply(request: HelvarCommand(.queryDeviceType, address: address("2.2.1.1")), code: .deviceMissing))
        ),
        // PROTOCOLS.md §2: routers push scene recalls with V:2.
        (
            ">V:2,C:11,G:17,B:2,S:3,F:100#",
            .command(HelvarCommand(.recallSceneGroup, version: 2, group: 17, block: 2, scene: 3, fade: 100))
        ),
        // Query Clusters and its reply (vendor help: clusters 1, 2 and 253).
        (">V:1,C:101#", .command(HelvarCommand(.queryClusters))),
        ("?V:1,C:101=1,2,253#", .reply(HelvarReply(request: HelvarCommand(.queryClusters), answer: "1,2,253"))),
        // PROTOCOLS.md §2: firmware 0x04020200 = 4.2.2, sent as its decimal value.
        ("?V:1,C:190=67240448#", .reply(HelvarReply(request: HelvarCommand(.querySoftwareVersion), answer: "67240448"))),
        // aiohelvar 0.9.8's direct level: one decimal, address last.
        (
            ">V:2,C:14,F:100,L:39.2,@1.1.1.5#",
            .command(HelvarCommand(.directLevelDevice, version: 2, address: address("1.1.1.5"), fade: 100, level: level(392)))
        ),
        (
            "?V:2,C:152,@1.1.1.5=39.2#",
            .reply(HelvarReply(request: HelvarCommand(.queryLoadLevel, version: 2, address: address("1.1.1.5")), answer: "39.2"))
        ),
        ("?V:2,C:185=1700000000#", .reply(HelvarReply(request: HelvarCommand(.queryTime, version: 2), answer: "1700000000"))),
        (
            "?V:2,C:100,@1.1.1=1025@1,1025@2#",
            .reply(
                HelvarReply(
                    request: HelvarCommand(.queryDeviceTypesAndAddresses, version: 2, address: address("1.1.1")),
                    answer: "1025@1,1025@2"))
        ),
        (
            "?V:2,C:164,G:3=@1.1.1.1,@1.1.1.2#",
            .reply(HelvarReply(request: HelvarCommand(.queryGroup, version: 2, group: 3), answer: "@1.1.1.1,@1.1.1.2"))
        ),
        (
            ">V:1,C:15,G:9,P:-40,A:1#",
            .command(HelvarCommand(.directProportionGroup, group: 9, proportion: -40, acknowledge: true))
        ),
        (
            ">V:1,C:201,G:2,B:8,S:16,L:0,O:1#",
            .command(HelvarCommand(.storeSceneGroup, group: 2, block: 8, scene: 16, level: level(0), forceStore: true))
        ),
        (
            "<V:1,C:13,G:5,L:100,Q:7#",
            .internalCommand(HelvarCommand(.directLevelGroup, group: 5, level: level(1000), sequence: 7))
        ),
        (">V:1,C:12,@1.2.3.4.16#", .command(HelvarCommand(.recallSceneDevice, address: address("1.2.3.4.16")))),
        (">V:1,C:102,@7#", .command(HelvarCommand(.queryRouters, address: address("7")))),
        (
            "?V:1,C:107=Main Building = Floor 1 ?!#",
            .reply(HelvarReply(request: HelvarCommand(.queryWorkgroupName), answer: "Main Building = Floor 1 ?!"))
        ),
    ]

    @Test func goldenMessagesDecodeAndEncode() throws {
        for (text, message) in Self.golden {
            #expect(decodeAll(decoder, text).map(\.value) == [message], "\(text)")
            #expect(String(decoding: try encoder.encode(message), as: UTF8.self) == text)
        }
    }

    @Test func seedExampleMeans32SecondsAndDefaultsApply() throws {
        let command = try #require(decodeAll(decoder, ">V:1,C:11,G:1234,B:5,S:6,F:3200#").first?.value?.header)
        #expect(command.fadeMilliseconds == 32_000)
        #expect(String(decoding: try encoder.encode(.command(Self.seedRecall)), as: UTF8.self).utf8.count == 32)
        let bare = try #require(decodeAll(decoder, ">V:1,C:11#").first?.value?.header)
        #expect(bare.effectiveGroup == 1 && bare.effectiveBlock == 1 && bare.effectiveScene == 1)
        #expect(bare.fadeMilliseconds == 700 && !bare.effectiveAcknowledge)
        // V is optional and assumes version 1.
        #expect(decodeAll(decoder, ">C:11,G:1234,B:5,S:6,F:3200#").map(\.value) == [.command(Self.seedRecall)])
    }

    @Test func parametersMayComeInAnyOrder() {
        #expect(decodeAll(decoder, ">F:3200,S:6,B:5,G:1234,C:11,V:1#").map(\.value) == [.command(Self.seedRecall)])
        #expect(decodeAll(decoder, "!@2.2.1.1,C:104,V:1=11#").map(\.value) == [Self.golden[1].1])
    }

    @Test func typedAnswers() throws {
        func answer(_ text: String) throws -> HelvarAnswer? {
            guard case .reply(let r)? = decodeAll(decoder, text).first?.value else { throw HelvarError.missingAnswer }
            return r.decodedAnswer
        }
        #expect(try answer("?V:1,C:101=1,2,253#") == .numbers([1, 2, 253]))
        let version = HelvarSoftwareVersion(packed: 0x0402_0200)
        #expect(try answer("?V:1,C:190=67240448#") == .softwareVersion(version))
        #expect(version.description == "4.2.2" && version == HelvarSoftwareVersion(major: 4, minor: 2, patch: 2))
        #expect(try answer("?V:2,C:152,@1.1.1.5=39.2#") == .level(Self.level(392)))
        #expect(try answer("?V:2,C:185=1700000000#") == .integer(1_700_000_000))
        #expect(try answer("?V:2,C:109,G:4=13#") == .integer(13))
        #expect(try answer("?V:2,C:103,G:4,B:2=5#") == .integer(5))
        #expect(try answer("?V:2,C:110,@1.1.1.5=4#") == .integer(4))
        #expect(try answer("?V:2,C:112,@1.1.1.5=1#") == .flag(true))
        #expect(try answer("?V:2,C:107=Office#") == .text("Office"))
        #expect(
            try answer("?V:2,C:100,@1.1.1=1025@1,1025@2#")
                == .deviceTypes([.init(deviceType: 1025, device: 1), .init(deviceType: 1025, device: 2)]))
        #expect(
            try answer("?V:2,C:164,G:3=@1.1.1.1,@1.1.1.2#") == .addresses([Self.address("1.1.1.1"), Self.address("1.1.1.2")]))
        #expect(try answer("?V:2,C:191=2#") == .integer(2))
        // Untyped or unparsable answers stay text only.
        #expect(try answer("?V:2,C:166=@1.1.1:Morning#") == nil)
        #expect(try answer("?V:2,C:101=1,x#") == nil)
    }

    @Test func typedAnswerRoundTrip() async {
        await propertyCheck(count: 1000, input: HelvarArbitrary.typedReply) { reply in
            let typed = try #require(HelvarAnswer.parse(reply.answer, for: reply.request.number))
            #expect(HelvarReply(request: reply.request, answer: typed) == reply)
            #expect(decodeAll(decoder, try encoder.encode(.reply(reply))).map(\.value) == [.reply(reply)])
        }
    }

    @Test func roundTrip() async {
        await propertyCheck(count: 2000, input: HelvarArbitrary.message) { message in
            let bytes = try encoder.encode(message)
            #expect(decodeAll(decoder, bytes).map(\.value) == [message])
        }
    }

    @Test func jsonRoundTrip() async {
        await propertyCheck(count: 1000, input: HelvarArbitrary.message) { message in
            let json = try JSONValueEncoder.encode(message)
            #expect(try JSONValueDecoder.decode(HelvarMessage.self, from: json) == message, "\(json.jsonText)")
        }
    }

    @Test func jsonShapes() throws {
        #expect(
            try JSONValueEncoder.encode(HelvarMessage.command(Self.seedRecall)).jsonText
                == #"{"type":"command","command":"recallSceneGroup","version":1,"group":1234,"block":5,"scene":6,"fade":3200}"#)
        #expect(
            try JSONValueEncoder.encode(Self.golden[1].1).jsonText
                == #"{"type":"error","command":"queryDeviceType","version":1,"address":"2.2.1.1","code":"deviceMissing"}"#)
        #expect(
            try JSONValueEncoder.encode(Self.golden[5].1).jsonText
                == #"{"type":"reply","command":"querySoftwareVersion","version":1,"answer":"67240448","decoded":{"type":"softwareVersion","packed":67240448,"version":"4.2.2"}}"#
        )
        // A reply may be given by its typed answer alone; numbers work for commands and codes.
        let typed = try JSONValueDecoder.decode(
            HelvarMessage.self, fromText: #"{"type":"reply","command":101,"decoded":{"type":"numbers","values":[1,2,253]}}"#)
        #expect(typed == Self.golden[4].1)
        let coded = try JSONValueDecoder.decode(
            HelvarMessage.self, fromText: #"{"type":"error","command":"queryDeviceType","address":"2.2.1.1","code":11}"#)
        #expect(coded == Self.golden[1].1)
    }

    // MARK: Partial replies

    @Test func partialRepliesRepeatingTheHeaderAreJoined() {
        let results = decodeAll(decoder, "?V:2,C:166,G:1=@1.1.1:Morning$?V:2,C:166,G:1=@1.1.2:Evening#")
        #expect(
            results.map(\.value) == [
                .reply(
                    HelvarReply(
                        request: HelvarCommand(.querySceneNames, version: 2, group: 1), answer: "@1.1.1:Morning@1.1.2:Evening"))
            ])
    }

    @Test func bareContinuationsAreJoined() {
        let results = decodeAll(decoder, "?V:2,C:166=abc$de=f?$ghi#")
        #expect(
            results.map(\.value) == [
                .reply(HelvarReply(request: HelvarCommand(.querySceneNames, version: 2), answer: "abcde=f?ghi"))
            ])
    }

    @Test func commandsPassThroughAPendingPartialReply() {
        let results = decodeAll(decoder, "?V:2,C:166=abc$>V:2,C:11,G:1#?V:2,C:166=def#")
        #expect(
            results.map(\.value) == [
                .command(HelvarCommand(.recallSceneGroup, version: 2, group: 1)),
                .reply(HelvarReply(request: HelvarCommand(.querySceneNames, version: 2), answer: "abcdef")),
            ])
    }

    @Test func aDifferentReplyAbandonsThePartialOne() {
        let results = decodeAll(decoder, "?V:2,C:166=abc$?V:2,C:101=1#")
        #expect(results.first?.error == .partialReplyAbandoned(command: .querySceneNames))
        #expect(
            results.dropFirst().map(\.value) == [
                .reply(HelvarReply(request: HelvarCommand(.queryClusters, version: 2), answer: "1"))
            ])
    }

    @Test func pendingPartialReplyCountsAsBuffered() {
        var d = decoder
        d.feed("?V:2,C:166=abc$")
        #expect(d.drain().isEmpty)
        #expect(d.bufferedByteCount == 4)
        d.feed("#")
        #expect(
            d.drain().map(\.value) == [.reply(HelvarReply(request: HelvarCommand(.querySceneNames, version: 2), answer: "abc"))])
        #expect(d.bufferedByteCount == 0)
    }

    @Test func longRepliesAreSplitIntoPartsThatEachCarryTheHeader() throws {
        let text = String(repeating: "@1.2.3:Scène name ", count: 300)  // 5700 bytes, with 2-byte characters
        let reply = HelvarMessage.reply(HelvarReply(request: HelvarCommand(.querySceneNames, version: 2, group: 1), answer: text))
        let bytes = try encoder.encode(reply)
        let parts = bytes.split(separator: UInt8(ascii: "$"))
        #expect(parts.count == 4)
        for part in parts {
            #expect(part.count <= 1500)
            #expect(part.starts(with: Array("?V:2,C:166,G:1=".utf8)))
            // Every part is valid UTF-8 on its own (aiohelvar decodes each part separately).
            #expect(Array(String(decoding: part, as: UTF8.self).utf8) == Array(part))
        }
        #expect(decodeAll(decoder, bytes).map(\.value) == [reply])
    }

    @Test func repliesBeyondTheReassemblyLimitAreDropped() throws {
        let format = try HelvarFormat(maxMessageLength: 256, maxReplyLength: 300)
        let part = "?V:1,C:166=" + String(repeating: "x", count: 200) + "$"
        let results = decodeAll(HelvarDecoder(format: format), part + part + "tail#>V:1,C:101#")
        #expect(results.map(\.error) == [.replyTooLong(limit: 300), .garbage(byteCount: 5), nil])
        #expect(results.last?.value == .command(HelvarCommand(.queryClusters)))
        #expect(throws: HelvarError.replyTooLong(limit: 300)) {
            try HelvarEncoder(format: format).encode(
                .reply(HelvarReply(request: HelvarCommand(.querySceneNames), answer: String(repeating: "y", count: 301))))
        }
    }

    // MARK: Framing and errors

    @Test func everyGoodMessageAroundGarbageIsDelivered() {
        let stream =
            "junk>V:1,C:11,G:1#\u{0}\u{FF}>V:1,C:999#>V:1,C:11,G:2>V:1,C:11,G:3#\r\n!V:1,C:104,@2.2.1.1=11#"
            + "?V:1,C:101#>V:1,C:11,G:4#"
        let results = decodeAll(decoder, stream)
        #expect(results.compactMap(\.value?.header.group) == [1, 3, 4])
        #expect(results.compactMap(\.value).count == 4)
        #expect(
            results.compactMap(\.error) == [
                .garbage(byteCount: 4), .garbage(byteCount: 3), .unknownCommand(999),
                .unterminatedMessage(bytes: Array(">V:1,C:11,G:2".utf8)),
                .missingAnswer,
            ])
    }

    @Test func tooLongMessageIsDroppedAndDecodingResumesAtTheNextStart() {
        let long = ">V:1,C:11,G:1" + String(repeating: "1", count: 3000) + "#"
        var d = decoder
        d.feed(long)
        let first = d.drain()
        #expect(first.map(\.error) == [.messageTooLong(limit: 1500)])
        #expect(d.bufferedByteCount == 0)
        d.feed(">V:1,C:11,G:2#")
        #expect(d.drain().map(\.value) == [.command(HelvarCommand(.recallSceneGroup, group: 2))])
    }

    @Test func byteAtATimeFeedingGivesTheSameResult() {
        let stream = ">V:1,C:11,G:1234,B:5,S:6,F:3200#?V:2,C:166=ab$?V:2,C:166=cd#!V:1,C:104,@2.2.1.1=11#"
        var d = decoder
        var results: [Result<HelvarMessage, HelvarError>] = []
        for byte in stream.utf8 {
            d.feed([byte])
            results += d.drain()
        }
        #expect(results.map(\.value) == decodeAll(decoder, stream).map(\.value))
        #expect(results.count == 3 && results.allSatisfy { $0.value != nil })
    }

    @Test(arguments: [
        (">V:1,C:999#", HelvarError.unknownCommand(999)),
        (">V:1,C:11,G:0#", .valueOutOfRange(field: "group", value: 0, range: 1...16383)),
        (">V:1,C:11,G:16384#", .valueOutOfRange(field: "group", value: 16384, range: 1...16383)),
        (">V:1,C:11,B:9#", .valueOutOfRange(field: "block", value: 9, range: 1...8)),
        (">V:1,C:11,S:17#", .valueOutOfRange(field: "scene", value: 17, range: 1...16)),
        (">V:1,C:13,L:101#", .valueOutOfRange(field: "level", value: 101, range: 0...100)),
        (">V:1,C:14,L:39.25,@1.1.1.1#", .invalidNumber(parameter: "L", text: "39.25")),
        (">V:1,C:15,P:-101#", .valueOutOfRange(field: "proportion", value: -101, range: -100...100)),
        (">V:1,C:14,L:5,@254.1.1.1#", .valueOutOfRange(field: "cluster", value: 254, range: 1...253)),
        (">V:1,C:14,L:5,@1.255.1.1#", .valueOutOfRange(field: "router", value: 255, range: 1...254)),
        (">V:1,C:14,L:5,@1.1.5.1#", .valueOutOfRange(field: "subnet", value: 5, range: 1...4)),
        (">V:1,C:14,L:5,@1.1.1.0#", .valueOutOfRange(field: "device", value: 0, range: 1...255)),
        (">V:1,C:14,L:5,@1.1.1.1.17#", .valueOutOfRange(field: "sub-device", value: 17, range: 1...16)),
        (">V:1,C:14,L:5,@1.1..1#", .invalidAddress("1.1..1")),
        (">V:1,C:14,L:5,@1.1.1#", .wrongAddressDepth(command: .directLevelDevice, depth: 3, expected: 4...5)),
        (">V:1,C:100,@1.1.1.1#", .wrongAddressDepth(command: .queryDeviceTypesAndAddresses, depth: 4, expected: 3...3)),
        (">V:1,C:14,@1.1.1.1#", .missingParameter(command: .directLevelDevice, parameter: "L")),
        (">V:1,C:13#", .missingParameter(command: .directLevelGroup, parameter: "L")),
        (">V:1,C:104#", .missingParameter(command: .queryDeviceType, parameter: "@")),
        (">V:1,C:164#", .missingParameter(command: .queryGroup, parameter: "G")),
        (">V:3,C:11#", .valueOutOfRange(field: "version", value: 3, range: 1...2)),
        (">V:1,C:11,G:1,G:2#", .duplicateParameter("G")),
        (">V:1,C:11,X:1#", .unknownParameter("X")),
        (">V:1,C:11,CX:1#", .unknownParameter("CX")),
        (">V:1,G:1#", .missingCommandNumber),
        (">#", .missingCommandNumber),
        (">V:1,C:11,G:abc#", .invalidNumber(parameter: "G", text: "abc")),
        (">V:1,C:11,G:#", .invalidNumber(parameter: "G", text: "")),
        (">V:1,C:11,G:1,#", .malformed(reason: "empty parameter after ','")),
        (">V:1,C:11,g:1#", .unknownParameter("g")),
        (">V:1,C:11,G1#", .malformed(reason: "expected 'ID:value' at 'G1'")),
        (">V:1,C:11=5#", .unexpectedAnswer),
        ("?V:1,C:101#", .missingAnswer),
        ("!V:1,C:104,@2.2.1.1=99#", .unknownErrorCode("99")),
        ("!V:1,C:104,@2.2.1.1=#", .unknownErrorCode("")),
        (">V:1,C:11$", .partialTerminatorOnNonReply),
        ("!V:1,C:11=1$", .partialTerminatorOnNonReply),
        ("?V:1,C:104=3#", .missingParameter(command: .queryDeviceType, parameter: "@")),
    ])
    func badMessagesAreTypedErrors(_ text: String, _ error: HelvarError) {
        let results = decodeAll(decoder, text)
        #expect(results.first?.error == error, "\(text): \(results)")
        #expect(results.count == 1)
    }

    @Test func errorMessagesEchoIncompleteCommands() {
        // Code 17 (missing parameter) echoes a command that lacks its required parameter.
        #expect(
            decodeAll(decoder, "!V:1,C:14,@1.1.1.1=17#").map(\.value) == [
                .error(
                    HelvarErrorReply(
                        request: HelvarCommand(.directLevelDevice, address: Self.address("1.1.1.1")), code: .missingParameter))
            ])
    }

    @Test func everyErrorCodeHasItsNumber() {
        #expect(HelvarErrorCode.allCases.map(\.rawValue) == Array(0...18))
        #expect(HelvarErrorCode(rawValue: 11) == .deviceMissing && HelvarErrorCode(rawValue: 18) == .incompatibleVersion)
    }

    @Test func encoderRejectsInvalidValues() {
        let bad: [HelvarMessage] = [
            .command(HelvarCommand(.recallSceneGroup, group: 0)),
            .command(HelvarCommand(.recallSceneGroup, block: 9)),
            .command(HelvarCommand(.directProportionGroup, proportion: 101)),
            .command(HelvarCommand(.directLevelDevice, address: Self.address("1.1.1.1"))),
            .command(
                HelvarCommand(.directLevelDevice, address: HelvarAddress(cluster: 1, router: 1, subnet: 1), level: Self.level(5))),
            .command(HelvarCommand(.queryDeviceType, address: HelvarAddress(cluster: 1, router: nil, subnet: 1, device: 1))),
            .command(HelvarCommand(.recallSceneGroup, version: 3)),
            .reply(HelvarReply(request: HelvarCommand(.queryWorkgroupName), answer: "a#b")),
            .reply(HelvarReply(request: HelvarCommand(.queryWorkgroupName), answer: "a$b")),
        ]
        for message in bad {
            #expect(throws: HelvarError.self, "\(message)") { try encoder.encode(message) }
        }
        #expect(throws: HelvarError.self) { try HelvarLevel(tenths: 1001) }
        #expect(throws: HelvarError.self) { try HelvarFormat(maxMessageLength: 100) }
    }

    @Test func commandNumbersAndNames() {
        #expect(HelvarCommandNumber.allCases.count == 65)
        for c in HelvarCommandNumber.allCases {
            #expect(HelvarCommandNumber(name: c.name) == c)
        }
        #expect(HelvarCommandNumber.recallSceneGroup.rawValue == 11 && HelvarCommandNumber.queryHelvarNetVersion.rawValue == 191)
        #expect(
            HelvarCommandNumber.storeSceneGroup.category == .configuration && HelvarCommandNumber.queryTime.category == .query)
    }

    @Test func survivesRandomAndMutatedBuffers() throws {
        let format = try HelvarFormat(maxMessageLength: 1500, maxReplyLength: 4096)
        let samples = try Self.golden.map { try encoder.encode($0.1) } + [Array("?V:2,C:166=ab$cd$?V:2,C:166=ef#".utf8)]
        checkRobustness(
            seed: 0x5EED_0003_A5C1, makeDecoder: { HelvarDecoder(format: format) }, samples: samples,
            good: (Array(">V:1,C:11,G:1234,B:5,S:6,F:3200#".utf8), .command(Self.seedRecall)), maxBuffered: 1500 + 4096 + 1)
    }
}
