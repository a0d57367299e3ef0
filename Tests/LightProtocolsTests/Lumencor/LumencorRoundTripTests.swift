import LightProtocols
import PropertyBased
import Testing

/// Round trips through the wire form and JSON, the encoder's checks and the intensity helper
/// (PROTOCOLS.md §4).
@Suite struct LumencorRoundTripTests {
    let decoder = LumencorDecoder()
    let encoder = LumencorEncoder()

    @Test func requestsRoundTripThroughTheWire() async {
        await propertyCheck(count: 3000, input: LumencorArbitrary.request) { request in
            let bytes = try encoder.encode(request)
            #expect(bytes.last == 0x0A && bytes.dropLast().last != 0x0D)
            #expect(decodeAll(decoder, bytes).map(\.value) == [.request(request)])
        }
    }

    @Test func answersRoundTripThroughTheWire() async {
        await propertyCheck(count: 3000, input: LumencorArbitrary.answer) { answer in
            let bytes = try encoder.encode(answer)
            #expect(Array(bytes.suffix(2)) == [0x0D, 0x0A])
            #expect(bytes.count <= LumencorFormat.defaultMaxLineLength + 2)
            #expect(decodeAll(decoder, bytes).map(\.value) == [.answer(answer)])
        }
    }

    @Test func messagesRoundTripThroughJSONText() async {
        await propertyCheck(count: 2000, input: LumencorArbitrary.message) { message in
            let json = try JSONValueEncoder.encode(message)
            #expect(try JSONValueDecoder.decode(LumencorMessage.self, fromText: json.jsonText) == message)
        }
    }

    /// One example of every JSON shape, as docs/json/lumencor.md shows them.
    static let jsonShapes: [(String, LumencorMessage)] = [
        (#"{"type":"getVersion"}"#, .request(.getVersion)),
        (#"{"type":"getOperatingTime","channel":2}"#, .request(.getOperatingTime(channel: 2))),
        (#"{"type":"setChannel","channel":2,"on":true}"#, .request(.setChannel(channel: 2, on: true))),
        (
            #"{"type":"setMultipleChannels","on":[true,false,true,true]}"#,
            .request(.setMultipleChannels(on: [true, false, true, true]))
        ),
        (
            #"{"type":"setChannelIntensity","channel":2,"intensity":800}"#,
            .request(.setChannelIntensity(channel: 2, intensity: 800))
        ),
        (
            #"{"type":"setMultipleIntensities","intensities":[100,900,400,850]}"#,
            .request(.setMultipleIntensities([100, 900, 400, 850]))
        ),
        (#"{"type":"setIP","ip":"192.168.1.180"}"#, .request(.setIP(.address(IPv4Address(192, 168, 1, 180))))),
        (#"{"type":"setIP","ip":"DHCP"}"#, .request(.setIP(.dhcp))),
        (#"{"type":"reboot"}"#, .request(.reboot)),
        (#"{"type":"setUserVariable","value":"1"}"#, .request(.setUserVariable("1"))),
        (#"{"type":"setLogLevel","level":2}"#, .request(.setLogLevel(2))),
        (#"{"type":"setTTLEnable","enabled":true}"#, .request(.setTTLEnable(true))),
        (#"{"type":"setTTLPolarity","polarity":1}"#, .request(.setTTLPolarity(1))),
        (#"{"type":"getErrorText","code":51}"#, .request(.getErrorText(code: 51))),
        (#"{"type":"getErrorText"}"#, .request(.getErrorText(code: nil))),
        (#"{"type":"version","version":"1.0.6"}"#, .answer(.version("1.0.6"))),
        (#"{"type":"channelCount","count":4}"#, .answer(.channelCount(4))),
        (#"{"type":"model","model":"SPECTRAX"}"#, .answer(.model("SPECTRAX"))),
        (#"{"type":"serialNumber","serialNumber":"6678"}"#, .answer(.serialNumber("6678"))),
        (#"{"type":"operatingTime","seconds":1890667}"#, .answer(.operatingTime(seconds: 1_890_667))),
        (#"{"type":"temperature","celsius":26}"#, .answer(.temperature(celsius: 26))),
        (#"{"type":"channelPower","power":337}"#, .answer(.channelPower(337))),
        (
            #"{"type":"channelMap","colours":["VIOLET","BLUE","GREEN","RED"]}"#,
            .answer(.channelMap(["VIOLET", "BLUE", "GREEN", "RED"]))
        ),
        (#"{"type":"channelState","on":true}"#, .answer(.channelState(on: true))),
        (
            #"{"type":"multipleChannelStates","on":[true,false,true,true]}"#,
            .answer(.multipleChannelStates(on: [true, false, true, true]))
        ),
        (#"{"type":"maxIntensity","maxIntensity":4095}"#, .answer(.maxIntensity(4095))),
        (#"{"type":"channelIntensity","intensity":37}"#, .answer(.channelIntensity(37))),
        (
            #"{"type":"multipleIntensities","intensities":[1000,3100,500,900]}"#,
            .answer(.multipleIntensities([1000, 3100, 500, 900]))
        ),
        (#"{"type":"status","status":"fanFaultAndOverTemperature"}"#, .answer(.status(.fanFaultAndOverTemperature))),
        (#"{"type":"status","status":12}"#, .answer(.status(.other(12)))),
        (#"{"type":"channelStatus","status":"normal"}"#, .answer(.channelStatus(.normal))),
        (
            #"{"type":"multipleChannelStatus","statuses":["normal","busy",7]}"#,
            .answer(.multipleChannelStatus([.normal, .busy, .other(7)]))
        ),
        (#"{"type":"ipAddress","ip":"192.168.1.163"}"#, .answer(.ipAddress(IPv4Address(192, 168, 1, 163)))),
        (#"{"type":"userVariable","value":"0"}"#, .answer(.userVariable("0"))),
        (#"{"type":"logLevel","level":2}"#, .answer(.logLevel(2))),
        (#"{"type":"channelActive","on":false}"#, .answer(.channelActive(on: false))),
        (#"{"type":"temperatureData","readings":["26","31.5"]}"#, .answer(.temperatureData(["26", "31.5"]))),
        (#"{"type":"supplyCurrent","current":"1.25"}"#, .answer(.supplyCurrent("1.25"))),
        (#"{"type":"ttlEnabled","enabled":true}"#, .answer(.ttlEnabled(true))),
        (#"{"type":"ttlPolarity","polarity":0}"#, .answer(.ttlPolarity(0))),
        (#"{"type":"errorText","text":"bad channel index"}"#, .answer(.errorText("bad channel index"))),
        (#"{"type":"acknowledged","command":"chint"}"#, .answer(.acknowledged(.chint))),
        (#"{"type":"error","command":"chpwr"}"#, .answer(.error(.chpwr, text: nil))),
        (#"{"type":"error","command":"ch","text":"channel busy"}"#, .answer(.error(.ch, text: "channel busy"))),
    ]

    @Test func jsonShapesAreTheDocumentedOnes() throws {
        for (text, message) in Self.jsonShapes {
            #expect(try JSONValueEncoder.encode(message).jsonText == text)
            #expect(try JSONValueDecoder.decode(LumencorMessage.self, fromText: text) == message)
        }
        // Every type name has a unique owner, so a flat object is never ambiguous.
        #expect(Set(LumencorRequest.typeNames).isDisjoint(with: LumencorAnswer.typeNames))
        #expect(Set(LumencorRequest.typeNames).count == LumencorRequest.typeNames.count)
        #expect(Set(LumencorAnswer.typeNames).count == LumencorAnswer.typeNames.count)
    }

    @Test func jsonAcceptsNumbersForNamedStatusesAndWireNamesForCommands() throws {
        #expect(
            try JSONValueDecoder.decode(LumencorMessage.self, fromText: #"{"type":"status","status":3}"#)
                == .answer(.status(.fanFaultAndOverTemperature)))
        #expect(
            try JSONValueDecoder.decode(LumencorMessage.self, fromText: #"{"type":"acknowledged","command":"CHINT"}"#)
                == .answer(.acknowledged(.chint)))
        #expect(
            try JSONValueDecoder.decode(LumencorMessage.self, fromText: #"{"type":"setIP","ip":"dhcp"}"#)
                == .request(.setIP(.dhcp)))
    }

    @Test(arguments: [
        #"{"type":"nope"}"#, #"{"type":"status","status":"hot"}"#, #"{"type":"setIP","ip":"1.2.3"}"#,
        #"{"type":"acknowledged","command":"FOO"}"#, #"{"type":"setChannel","channel":2}"#,
    ])
    func badJSONIsRejected(_ text: String) {
        #expect(throws: JSONDecodingError.self) { try JSONValueDecoder.decode(LumencorMessage.self, fromText: text) }
    }

    @Test(arguments: [
        (
            LumencorMessage.request(.setChannel(channel: 64, on: true)),
            LumencorError.valueOutOfRange(command: "SET CH", field: "channel", value: 64, range: 0...63)
        ),
        (
            .request(.getOperatingTime(channel: -1)),
            .valueOutOfRange(command: "GET OT", field: "channel", value: -1, range: 0...63)
        ),
        (
            .request(.setChannelIntensity(channel: 0, intensity: 65536)),
            .valueOutOfRange(command: "SET CHINT", field: "intensity", value: 65536, range: 0...65535)
        ),
        (.request(.setMultipleIntensities([])), .wrongArgumentCount(command: "SET MULCHINT", expected: "1 to 64", actual: 0)),
        (
            .request(.setMultipleChannels(on: Array(repeating: true, count: 65))),
            .wrongArgumentCount(command: "SET MULCH", expected: "1 to 64", actual: 65)
        ),
        (.request(.setLogLevel(4)), .valueOutOfRange(command: "SET LOGLVL", field: "logging level", value: 4, range: 0...3)),
        (.request(.setTTLPolarity(2)), .valueOutOfRange(command: "SET TTLPOL", field: "TTL polarity", value: 2, range: 0...1)),
        (.request(.setUserVariable("")), .invalidText(command: "SET USERVAR", field: "user variable", text: "")),
        (.request(.setUserVariable("a b")), .invalidText(command: "SET USERVAR", field: "user variable", text: "a b")),
        (.request(.setUserVariable("é")), .invalidText(command: "SET USERVAR", field: "user variable", text: "é")),
        (
            .request(.getErrorText(code: -1)),
            .valueOutOfRange(command: "GET ERRORTEXT", field: "error code", value: -1, range: 0...65535)
        ),
        (.answer(.acknowledged(.ver)), .unsupportedForm(command: "A VER")),
        (.answer(.version("1 0")), .invalidText(command: "A VER", field: "value", text: "1 0")),
        (.answer(.channelMap(["RED", ""])), .invalidText(command: "A CHMAP", field: "colour", text: "")),
        (.answer(.errorText(" leading")), .invalidText(command: "A ERRORTEXT", field: "error text", text: " leading")),
        (.answer(.error(.ch, text: "two  spaces")), .invalidText(command: "E CH", field: "error text", text: "two  spaces")),
        (.answer(.error(.ch, text: "")), .invalidText(command: "E CH", field: "error text", text: "")),
        (.answer(.errorText("line\nbreak")), .invalidText(command: "A ERRORTEXT", field: "error text", text: "line\nbreak")),
        (.answer(.status(.other(-1))), .valueOutOfRange(command: "A STAT", field: "status", value: -1, range: 0...65535)),
        (
            .answer(.temperature(celsius: 1001)),
            .valueOutOfRange(command: "A TEMP", field: "temperature", value: 1001, range: -273...1000)
        ),
        (
            .answer(.maxIntensity(0)),
            .valueOutOfRange(command: "A MAXINT", field: "maximum intensity", value: 0, range: 1...65535)
        ),
        (.answer(.channelMap(Array(repeating: "ULTRAVIOLET", count: 60))), .lineTooLong(maxLength: 512)),
    ])
    func encoderRejectsWhatTheDecoderWouldNotReadBack(_ message: LumencorMessage, _ error: LumencorError) {
        #expect(throws: error) { try encoder.encode(message) }
    }

    @Test func intensityPercentagesMapToCountsForAGivenMaximum() throws {
        #expect(try LumencorIntensity.counts(percent: 50, maxIntensity: 4095) == 2048)
        #expect(try LumencorIntensity.counts(percent: 100, maxIntensity: 4095) == 4095)
        #expect(try LumencorIntensity.counts(percent: 0, maxIntensity: 1000) == 0)
        #expect(try LumencorIntensity.counts(percent: 37, maxIntensity: 1000) == 370)
        #expect(try LumencorIntensity.percent(counts: 500, maxIntensity: 1000) == 50)
        #expect(try LumencorIntensity.percent(counts: 4095, maxIntensity: 4095) == 100)
        #expect(throws: LumencorError.invalidPercentage(100.5)) {
            try LumencorIntensity.counts(percent: 100.5, maxIntensity: 1000)
        }
        #expect(throws: LumencorError.self) { try LumencorIntensity.counts(percent: .nan, maxIntensity: 1000) }
        #expect(throws: LumencorError.self) { try LumencorIntensity.counts(percent: 10, maxIntensity: 0) }
        #expect(throws: LumencorError.valueOutOfRange(command: "CHINT", field: "intensity", value: 1001, range: 0...1000)) {
            try LumencorIntensity.percent(counts: 1001, maxIntensity: 1000)
        }
    }

    @Test func percentRoundTripIsExactForEveryCount() throws {
        for maximum in [1000, 4095] {
            for counts in 0...maximum {
                let percent = try LumencorIntensity.percent(counts: counts, maxIntensity: maximum)
                #expect(try LumencorIntensity.counts(percent: percent, maxIntensity: maximum) == counts)
            }
        }
    }

    @Test func statusCodesKeepUnknownNumbers() {
        for code in 0...100 {
            #expect(LumencorEngineStatus(code: code).code == code)
            #expect(LumencorChannelStatus(code: code).code == code)
        }
        #expect(LumencorEngineStatus(code: 6) == .standby)
        #expect(LumencorEngineStatus(code: 8) == .other(8))
        #expect(LumencorChannelStatus(code: 60) == .interlock)
        #expect(LumencorChannelStatus(code: 1) == .other(1))
        #expect(LumencorEngineStatus.ok.isOK && !LumencorEngineStatus.standby.isOK)
    }
}
