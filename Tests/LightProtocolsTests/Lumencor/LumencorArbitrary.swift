import LightProtocols
import PropertyBased

/// Random valid Lumencor values for the property-based round trips.
enum LumencorArbitrary {
    typealias RNG = any SeededRandomNumberGenerator

    static func int(_ range: ClosedRange<Int>, _ rng: inout RNG) -> Int { Int.random(in: range, using: &rng) }
    static func bool(_ rng: inout RNG) -> Bool { Bool.random(using: &rng) }

    /// A number from `range`, often one of its ends.
    static func number(_ range: ClosedRange<Int>, _ rng: inout RNG) -> Int {
        switch int(0...5, &rng) {
        case 0: return range.lowerBound
        case 1: return range.upperBound
        default: return int(range, &rng)
        }
    }

    static func channel(_ rng: inout RNG) -> Int { number(LumencorFormat.channelRange, &rng) }
    static func count(_ rng: inout RNG) -> Int { number(LumencorFormat.channelListCountRange, &rng) }

    /// One token of printable ASCII without spaces, 1…`maxLength` characters.
    static func token(_ rng: inout RNG, maxLength: Int = 12) -> String {
        let length = int(1...maxLength, &rng)
        return String(decoding: (0..<length).map { _ in UInt8.random(in: 0x21...0x7E, using: &rng) }, as: UTF8.self)
    }

    /// 1–6 tokens separated by single spaces.
    static func words(_ rng: inout RNG) -> String {
        (0..<int(1...6, &rng)).map { _ in token(&rng) }.joined(separator: " ")
    }

    static func ip(_ rng: inout RNG) -> IPv4Address {
        IPv4Address(
            UInt8.random(in: 0...255, using: &rng), UInt8.random(in: 0...255, using: &rng),
            UInt8.random(in: 0...255, using: &rng),
            UInt8.random(in: 0...255, using: &rng))
    }

    static func statusCode(_ rng: inout RNG) -> Int {
        bool(&rng) ? int(0...70, &rng) : number(LumencorFormat.statusCodeRange, &rng)
    }

    static func channelStatus(_ rng: inout RNG) -> LumencorChannelStatus {
        bool(&rng) ? LumencorChannelStatus.named[int(0...3, &rng)] : LumencorChannelStatus(code: statusCode(&rng))
    }

    /// Every request type, each equally likely.
    static let request = Generator<LumencorRequest, Shrink.None<LumencorRequest>> { rng in randomRequest(&rng) }

    static func randomRequest(_ rng: inout RNG) -> LumencorRequest {
        let f = LumencorFormat.self
        switch Int.random(in: 0..<36, using: &rng) {
        case 0: return .getVersion
        case 1: return .getChannelCount
        case 2: return .getModel
        case 3: return .getSerialNumber
        case 4: return .getOperatingTime(channel: channel(&rng))
        case 5: return .getTemperature
        case 6: return .getChannelPower(channel: channel(&rng))
        case 7: return .getChannelMap
        case 8: return .setChannel(channel: channel(&rng), on: bool(&rng))
        case 9: return .getChannel(channel: channel(&rng))
        case 10: return .setMultipleChannels(on: (0..<count(&rng)).map { _ in bool(&rng) })
        case 11: return .getMultipleChannels
        case 12: return .getMaxIntensity
        case 13: return .setChannelIntensity(channel: channel(&rng), intensity: number(f.intensityRange, &rng))
        case 14: return .getChannelIntensity(channel: channel(&rng))
        case 15: return .setMultipleIntensities((0..<count(&rng)).map { _ in number(f.intensityRange, &rng) })
        case 16: return .getMultipleIntensities
        case 17: return .getStatus
        case 18: return .getChannelStatus(channel: channel(&rng))
        case 19: return .getMultipleChannelStatus
        case 20: return .getIP
        case 21: return .setIP(bool(&rng) ? .dhcp : .address(ip(&rng)))
        case 22: return .reboot
        case 23: return .shutdown
        case 24: return .setUserVariable(token(&rng))
        case 25: return .getUserVariable
        case 26: return .setLogLevel(number(f.logLevelRange, &rng))
        case 27: return .getLogLevel
        case 28: return .getChannelActive(channel: channel(&rng))
        case 29: return .getTemperatureData
        case 30: return .getSupplyCurrent
        case 31: return .getTTLEnable
        case 32: return .setTTLEnable(bool(&rng))
        case 33: return .getTTLPolarity
        case 34: return .setTTLPolarity(number(f.ttlPolarityRange, &rng))
        default: return .getErrorText(code: bool(&rng) ? nil : statusCode(&rng))
        }
    }

    /// Every answer type, each equally likely.
    static let answer = Generator<LumencorAnswer, Shrink.None<LumencorAnswer>> { rng in randomAnswer(&rng) }

    static func randomAnswer(_ rng: inout RNG) -> LumencorAnswer {
        let f = LumencorFormat.self
        switch Int.random(in: 0..<27, using: &rng) {
        case 0: return .version(token(&rng))
        case 1: return .channelCount(number(f.channelCountRange, &rng))
        case 2: return .model(token(&rng))
        case 3: return .serialNumber(token(&rng))
        case 4: return .operatingTime(seconds: number(f.counterRange, &rng))
        case 5: return .temperature(celsius: number(f.temperatureRange, &rng))
        case 6: return .channelPower(number(f.counterRange, &rng))
        // Short mnemonics so that 64 of them still fit in a line.
        case 7: return .channelMap((0..<count(&rng)).map { _ in token(&rng, maxLength: 6) })
        case 8: return .channelState(on: bool(&rng))
        case 9: return .multipleChannelStates(on: (0..<count(&rng)).map { _ in bool(&rng) })
        case 10: return .maxIntensity(number(f.maxIntensityRange, &rng))
        case 11: return .channelIntensity(number(f.intensityRange, &rng))
        case 12: return .multipleIntensities((0..<count(&rng)).map { _ in number(f.intensityRange, &rng) })
        case 13:
            return .status(
                bool(&rng) ? LumencorEngineStatus.named[int(0...7, &rng)] : LumencorEngineStatus(code: statusCode(&rng)))
        case 14: return .channelStatus(channelStatus(&rng))
        case 15: return .multipleChannelStatus((0..<count(&rng)).map { _ in channelStatus(&rng) })
        case 16: return .ipAddress(ip(&rng))
        case 17: return .userVariable(token(&rng))
        case 18: return .logLevel(number(f.logLevelRange, &rng))
        case 19: return .channelActive(on: bool(&rng))
        case 20: return .temperatureData((0..<count(&rng)).map { _ in token(&rng, maxLength: 6) })
        case 21: return .supplyCurrent(token(&rng))
        case 22: return .ttlEnabled(bool(&rng))
        case 23: return .ttlPolarity(number(f.ttlPolarityRange, &rng))
        case 24: return .errorText(words(&rng))
        case 25:
            let acknowledged = LumencorCommandName.allCases.filter(\.isAcknowledged)
            return .acknowledged(acknowledged[int(0...(acknowledged.count - 1), &rng)])
        default:
            let names = LumencorCommandName.allCases
            return .error(names[int(0...(names.count - 1), &rng)], text: bool(&rng) ? nil : words(&rng))
        }
    }

    /// Requests and answers, half each.
    static let message = Generator<LumencorMessage, Shrink.None<LumencorMessage>> { rng in
        bool(&rng) ? .request(randomRequest(&rng)) : .answer(randomAnswer(&rng))
    }
}
