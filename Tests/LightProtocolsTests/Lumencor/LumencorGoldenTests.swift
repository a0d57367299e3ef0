import LightProtocols
import Testing

/// Every command and answer of seed `001_f848b1d9500c0aec.txt` (and the newer names of
/// PROTOCOLS.md §4), decoded from and encoded to the exact wire bytes.
@Suite struct LumencorGoldenTests {
    let decoder = LumencorDecoder()
    let encoder = LumencorEncoder()

    /// Requests end with `\n`, answers with `\r\n`, in the seed's order.
    static let seed: [(String, LumencorMessage)] = [
        ("GET VER\n", .request(.getVersion)),
        ("A VER 1.0.6\r\n", .answer(.version("1.0.6"))),
        ("GET NUMCH\n", .request(.getChannelCount)),
        ("A NUMCH 4\r\n", .answer(.channelCount(4))),
        ("GET MODEL\n", .request(.getModel)),
        ("A MODEL SPECTRAX\r\n", .answer(.model("SPECTRAX"))),
        ("GET SN\n", .request(.getSerialNumber)),
        ("A SN 6678\r\n", .answer(.serialNumber("6678"))),
        ("GET OT 2\n", .request(.getOperatingTime(channel: 2))),
        ("A OT 1890667\r\n", .answer(.operatingTime(seconds: 1_890_667))),
        ("GET TEMP\n", .request(.getTemperature)),
        ("A TEMP 26\r\n", .answer(.temperature(celsius: 26))),
        ("GET CHPWR 2\n", .request(.getChannelPower(channel: 2))),
        ("A CHPWR 337\r\n", .answer(.channelPower(337))),
        ("E CHPWR\r\n", .answer(.error(.chpwr, text: nil))),
        ("GET CHMAP\n", .request(.getChannelMap)),
        ("A CHMAP VIOLET BLUE GREEN RED\r\n", .answer(.channelMap(["VIOLET", "BLUE", "GREEN", "RED"]))),
        ("SET CH 2 1\n", .request(.setChannel(channel: 2, on: true))),
        ("SET CH 3 0\n", .request(.setChannel(channel: 3, on: false))),
        ("A CH\r\n", .answer(.acknowledged(.ch))),
        ("E CH\r\n", .answer(.error(.ch, text: nil))),
        ("GET CH 2\n", .request(.getChannel(channel: 2))),
        ("A CH 1\r\n", .answer(.channelState(on: true))),
        ("A CH 0\r\n", .answer(.channelState(on: false))),
        ("SET MULCH 1 0 1 1\n", .request(.setMultipleChannels(on: [true, false, true, true]))),
        ("A MULCH\r\n", .answer(.acknowledged(.mulch))),
        ("E MULCH\r\n", .answer(.error(.mulch, text: nil))),
        ("GET MAXINT\n", .request(.getMaxIntensity)),
        ("A MAXINT 4095\r\n", .answer(.maxIntensity(4095))),
        ("SET CHINT 2 800\n", .request(.setChannelIntensity(channel: 2, intensity: 800))),
        ("SET CHINT 3 2500\n", .request(.setChannelIntensity(channel: 3, intensity: 2500))),
        ("A CHINT\r\n", .answer(.acknowledged(.chint))),
        ("E CHINT\r\n", .answer(.error(.chint, text: nil))),
        ("GET CHINT 2\n", .request(.getChannelIntensity(channel: 2))),
        ("A CHINT 37\r\n", .answer(.channelIntensity(37))),
        ("SET MULCHINT 100 900 400 850\n", .request(.setMultipleIntensities([100, 900, 400, 850]))),
        ("A MULCHINT\r\n", .answer(.acknowledged(.mulchint))),
        ("E MULCHINT\r\n", .answer(.error(.mulchint, text: nil))),
        // The seed prints "SET GET MULCHINT"; the command is GET MULCHINT.
        ("GET MULCHINT\n", .request(.getMultipleIntensities)),
        ("A MULCHINT 1000 3100 500 900\r\n", .answer(.multipleIntensities([1000, 3100, 500, 900]))),
        ("GET STAT\n", .request(.getStatus)),
        ("A STAT 3\r\n", .answer(.status(.fanFaultAndOverTemperature))),
        ("GET CHSTAT 3\n", .request(.getChannelStatus(channel: 3))),
        ("A CHSTAT 0\r\n", .answer(.channelStatus(.normal))),
        ("GET IP\n", .request(.getIP)),
        ("A IP 192.168.1.163\r\n", .answer(.ipAddress(IPv4Address(192, 168, 1, 163)))),
        ("SET IP 192.168.1.180\n", .request(.setIP(.address(IPv4Address(192, 168, 1, 180))))),
        ("SET IP DHCP\n", .request(.setIP(.dhcp))),
        ("SET IP 0.0.0.0\n", .request(.setIP(.address(.any)))),
        ("A IP\r\n", .answer(.acknowledged(.ip))),
        ("REBOOT\n", .request(.reboot)),
        ("A REBOOT\r\n", .answer(.acknowledged(.reboot))),
        ("SHUTDOWN\n", .request(.shutdown)),
        ("A SHUTDOWN\r\n", .answer(.acknowledged(.shutdown))),
        ("SET USERVAR 1\n", .request(.setUserVariable("1"))),
        ("A USERVAR\r\n", .answer(.acknowledged(.uservar))),
        ("GET USERVAR\n", .request(.getUserVariable)),
        ("A USERVAR 0\r\n", .answer(.userVariable("0"))),
        ("SET LOGLVL 2\n", .request(.setLogLevel(2))),
        ("A LOGLVL\r\n", .answer(.acknowledged(.loglvl))),
        ("GET LOGLVL\n", .request(.getLogLevel)),
        ("A LOGLVL 2\r\n", .answer(.logLevel(2))),
    ]

    /// The newer engines' names (§4) in this project's assumed shapes, plus `GET MULCH`.
    static let newer: [(String, LumencorMessage)] = [
        ("GET MULCH\n", .request(.getMultipleChannels)),
        ("A MULCH 1 0 1 1\r\n", .answer(.multipleChannelStates(on: [true, false, true, true]))),
        ("GET MULCHSTAT\n", .request(.getMultipleChannelStatus)),
        ("A MULCHSTAT 0 51 58 60 7\r\n", .answer(.multipleChannelStatus([.normal, .badIndex, .busy, .interlock, .other(7)]))),
        ("GET CHACT 1\n", .request(.getChannelActive(channel: 1))),
        ("A CHACT 1\r\n", .answer(.channelActive(on: true))),
        ("GET TEMPDATA\n", .request(.getTemperatureData)),
        ("A TEMPDATA 26 31.5 29\r\n", .answer(.temperatureData(["26", "31.5", "29"]))),
        ("GET SUPPLYCURRENT\n", .request(.getSupplyCurrent)),
        ("A SUPPLYCURRENT 1.25\r\n", .answer(.supplyCurrent("1.25"))),
        ("GET TTLENABLE\n", .request(.getTTLEnable)),
        ("A TTLENABLE 1\r\n", .answer(.ttlEnabled(true))),
        ("SET TTLENABLE 0\n", .request(.setTTLEnable(false))),
        ("A TTLENABLE\r\n", .answer(.acknowledged(.ttlenable))),
        ("GET TTLPOL\n", .request(.getTTLPolarity)),
        ("A TTLPOL 0\r\n", .answer(.ttlPolarity(0))),
        ("SET TTLPOL 1\n", .request(.setTTLPolarity(1))),
        ("A TTLPOL\r\n", .answer(.acknowledged(.ttlpol))),
        ("GET ERRORTEXT 51\n", .request(.getErrorText(code: 51))),
        ("GET ERRORTEXT\n", .request(.getErrorText(code: nil))),
        ("A ERRORTEXT bad channel index\r\n", .answer(.errorText("bad channel index"))),
        ("E CH channel 9 does not exist\r\n", .answer(.error(.ch, text: "channel 9 does not exist"))),
        ("A STAT 12\r\n", .answer(.status(.other(12)))),
        ("A CHSTAT 58\r\n", .answer(.channelStatus(.busy))),
        ("A TEMP -5\r\n", .answer(.temperature(celsius: -5))),
    ]

    static let all = seed + newer

    @Test func everySeedExampleDecodesAndEncodesExactly() throws {
        for (wire, message) in Self.all {
            #expect(decodeAll(decoder, wire).map(\.value) == [message], "\(wire)")
            #expect(String(decoding: try encoder.encode(message), as: UTF8.self) == wire)
        }
    }

    @Test func theWholeSeedDialogueDecodesAsOneStream() {
        let stream = Self.all.map(\.0).joined()
        #expect(decodeAll(decoder, stream).map(\.value) == Self.all.map(\.1))
    }

    @Test func eitherTerminatorIsAcceptedInEitherDirection() {
        for (wire, message) in Self.all {
            // "\r\n" is one Character in Swift, so dropLast() removes either terminator whole.
            let line = String(wire.dropLast())
            #expect(!line.utf8.contains(0x0D) && !line.utf8.contains(0x0A))
            #expect(decodeAll(decoder, line + "\n").map(\.value) == [message], "\(line) + LF")
            #expect(decodeAll(decoder, line + "\r\n").map(\.value) == [message], "\(line) + CRLF")
        }
    }

    @Test func everySeedCommandIsCovered() {
        let names = Set(Self.all.map(\.1.name))
        #expect(names == Set(LumencorCommandName.allCases))
        let seedNames: Set<String> = [
            "VER", "NUMCH", "MODEL", "SN", "OT", "TEMP", "CHPWR", "CHMAP", "CH", "MULCH", "MAXINT", "CHINT", "MULCHINT", "STAT",
            "CHSTAT", "IP", "REBOOT", "SHUTDOWN", "USERVAR", "LOGLVL",
        ]
        #expect(Set(Self.seed.map(\.1.name.rawValue)) == seedNames)
    }

    @Test func seedValuesMeanWhatTheSeedSays() {
        #expect(LumencorEngineStatus(code: 3).description == "3 (fan fault and over-temperature)")
        #expect(LumencorIPSetting.dhcp.selectsDHCP)
        #expect(LumencorIPSetting.address(.any).selectsDHCP)
        #expect(!LumencorIPSetting.address(IPv4Address(192, 168, 1, 180)).selectsDHCP)
        #expect(LumencorRequest.setMultipleIntensities([1]).verb == "SET")
        #expect(LumencorRequest.reboot.verb == nil)
    }
}
