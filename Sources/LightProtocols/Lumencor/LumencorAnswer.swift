/// One answer a Lumencor light engine sends: `A <NAME> [values]` on success, `E <NAME> …` on
/// failure (seed 001 "Command parsing rules"; PROTOCOLS.md §4).
///
/// The values are read by the echoed name and their count alone: `A CH 1` is a channel state,
/// `A CH` the acknowledgement of `SET CH`. The newer engines' answer shapes are not public;
/// the forms below are this project's assumption and keep the engine's text where its meaning
/// is unknown.
///
/// JSON: a flat object with a `type` discriminator, e.g. `{"type":"version","version":"1.0.6"}`,
/// `{"type":"status","status":"fanFaultAndOverTemperature"}`, `{"type":"acknowledged","command":"ch"}`,
/// `{"type":"error","command":"chpwr"}`.
public enum LumencorAnswer: Sendable, Hashable {
    /// `A VER <version>`: firmware version (one token, e.g. `1.0.6`).
    case version(String)
    /// `A NUMCH <n>`: number of channels.
    case channelCount(Int)
    /// `A MODEL <name>`: model name (one token, e.g. `SPECTRAX`).
    case model(String)
    /// `A SN <serial>`: serial number (one token, kept as text).
    case serialNumber(String)
    /// `A OT <seconds>`: a channel's lifetime operating time.
    case operatingTime(seconds: Int)
    /// `A TEMP <°C>`: temperature in whole degrees Celsius.
    case temperature(celsius: Int)
    /// `A CHPWR <reading>`: a channel's power reading.
    case channelPower(Int)
    /// `A CHMAP <mnemonic>…`: colour mnemonics, channel 0 first (e.g. `VIOLET BLUE GREEN RED`).
    case channelMap([String])
    /// `A CH <0|1>`: one channel's on/off state.
    case channelState(on: Bool)
    /// `A MULCH <0|1>…`: every channel's on/off state (answer to `GET MULCH`).
    case multipleChannelStates(on: [Bool])
    /// `A MAXINT <counts>`: the largest valid intensity.
    case maxIntensity(Int)
    /// `A CHINT <counts>`: one channel's intensity.
    case channelIntensity(Int)
    /// `A MULCHINT <counts>…`: every channel's intensity.
    case multipleIntensities([Int])
    /// `A STAT <code>`: the engine status.
    case status(LumencorEngineStatus)
    /// `A CHSTAT <code>`: one channel's status.
    case channelStatus(LumencorChannelStatus)
    /// `A MULCHSTAT <code>…`: every channel's status (newer engines).
    case multipleChannelStatus([LumencorChannelStatus])
    /// `A IP <a.b.c.d>`: the engine's current address.
    case ipAddress(IPv4Address)
    /// `A USERVAR <value>`: the user variable (one token; `0` after power-up).
    case userVariable(String)
    /// `A LOGLVL <0–3>`: the logging level.
    case logLevel(Int)
    /// `A CHACT <0|1>`: whether a channel is actually emitting (newer engines).
    case channelActive(on: Bool)
    /// `A TEMPDATA <reading>…`: temperature readings as the engine writes them (newer engines;
    /// their number and units are not public, so each is kept as its token).
    case temperatureData([String])
    /// `A SUPPLYCURRENT <reading>`: the supply current as the engine writes it (newer engines).
    case supplyCurrent(String)
    /// `A TTLENABLE <0|1>`: whether the TTL inputs are enabled (newer engines).
    case ttlEnabled(Bool)
    /// `A TTLPOL <0|1>`: the TTL polarity flag (newer engines).
    case ttlPolarity(Int)
    /// `A ERRORTEXT <text…>`: an error description, words separated by single spaces (newer engines).
    case errorText(String)
    /// `A <NAME>`: a `SET`, `REBOOT` or `SHUTDOWN` succeeded.
    case acknowledged(LumencorCommandName)
    /// `E <NAME> [text…]`: the command failed; any words after the name are kept as `text`.
    case error(LumencorCommandName, text: String?)

    /// The echoed command mnemonic.
    public var name: LumencorCommandName {
        switch self {
        case .version: return .ver
        case .channelCount: return .numch
        case .model: return .model
        case .serialNumber: return .sn
        case .operatingTime: return .ot
        case .temperature: return .temp
        case .channelPower: return .chpwr
        case .channelMap: return .chmap
        case .channelState: return .ch
        case .multipleChannelStates: return .mulch
        case .maxIntensity: return .maxint
        case .channelIntensity: return .chint
        case .multipleIntensities: return .mulchint
        case .status: return .stat
        case .channelStatus: return .chstat
        case .multipleChannelStatus: return .mulchstat
        case .ipAddress: return .ip
        case .userVariable: return .uservar
        case .logLevel: return .loglvl
        case .channelActive: return .chact
        case .temperatureData: return .tempdata
        case .supplyCurrent: return .supplycurrent
        case .ttlEnabled: return .ttlenable
        case .ttlPolarity: return .ttlpol
        case .errorText: return .errortext
        case .acknowledged(let name), .error(let name, _): return name
        }
    }

    /// Whether this is a success (`A`) answer.
    public var isSuccess: Bool {
        if case .error = self { return false }
        return true
    }

    /// The JSON `type` of this case.
    public var typeName: String {
        switch self {
        case .version: return "version"
        case .channelCount: return "channelCount"
        case .model: return "model"
        case .serialNumber: return "serialNumber"
        case .operatingTime: return "operatingTime"
        case .temperature: return "temperature"
        case .channelPower: return "channelPower"
        case .channelMap: return "channelMap"
        case .channelState: return "channelState"
        case .multipleChannelStates: return "multipleChannelStates"
        case .maxIntensity: return "maxIntensity"
        case .channelIntensity: return "channelIntensity"
        case .multipleIntensities: return "multipleIntensities"
        case .status: return "status"
        case .channelStatus: return "channelStatus"
        case .multipleChannelStatus: return "multipleChannelStatus"
        case .ipAddress: return "ipAddress"
        case .userVariable: return "userVariable"
        case .logLevel: return "logLevel"
        case .channelActive: return "channelActive"
        case .temperatureData: return "temperatureData"
        case .supplyCurrent: return "supplyCurrent"
        case .ttlEnabled: return "ttlEnabled"
        case .ttlPolarity: return "ttlPolarity"
        case .errorText: return "errorText"
        case .acknowledged: return "acknowledged"
        case .error: return "error"
        }
    }

    /// Every answer's JSON `type`.
    public static let typeNames: [String] = [
        "version", "channelCount", "model", "serialNumber", "operatingTime", "temperature", "channelPower", "channelMap",
        "channelState", "multipleChannelStates", "maxIntensity", "channelIntensity", "multipleIntensities", "status",
        "channelStatus", "multipleChannelStatus", "ipAddress", "userVariable", "logLevel", "channelActive", "temperatureData",
        "supplyCurrent", "ttlEnabled", "ttlPolarity", "errorText", "acknowledged", "error",
    ]
}

extension LumencorAnswer: Codable {
    private enum Keys: String, CodingKey {
        case version, count, model, serialNumber, seconds, celsius, power, colours, on, maxIntensity, intensity, intensities
        case status, statuses, ip, value, level, readings, current, enabled, polarity, text, command
    }

    public init(from decoder: any Decoder) throws {
        let tag = try decoder.container(keyedBy: TypeKey.self).decode(String.self, forKey: .type)
        let c = try decoder.container(keyedBy: Keys.self)
        func int(_ key: Keys) throws -> Int { try c.decode(Int.self, forKey: key) }
        func string(_ key: Keys) throws -> String { try c.decode(String.self, forKey: key) }
        switch tag {
        case "version": self = .version(try string(.version))
        case "channelCount": self = .channelCount(try int(.count))
        case "model": self = .model(try string(.model))
        case "serialNumber": self = .serialNumber(try string(.serialNumber))
        case "operatingTime": self = .operatingTime(seconds: try int(.seconds))
        case "temperature": self = .temperature(celsius: try int(.celsius))
        case "channelPower": self = .channelPower(try int(.power))
        case "channelMap": self = .channelMap(try c.decode([String].self, forKey: .colours))
        case "channelState": self = .channelState(on: try c.decode(Bool.self, forKey: .on))
        case "multipleChannelStates": self = .multipleChannelStates(on: try c.decode([Bool].self, forKey: .on))
        case "maxIntensity": self = .maxIntensity(try int(.maxIntensity))
        case "channelIntensity": self = .channelIntensity(try int(.intensity))
        case "multipleIntensities": self = .multipleIntensities(try c.decode([Int].self, forKey: .intensities))
        case "status": self = .status(try c.decode(LumencorEngineStatus.self, forKey: .status))
        case "channelStatus": self = .channelStatus(try c.decode(LumencorChannelStatus.self, forKey: .status))
        case "multipleChannelStatus":
            self = .multipleChannelStatus(try c.decode([LumencorChannelStatus].self, forKey: .statuses))
        case "ipAddress": self = .ipAddress(try c.decode(IPv4Address.self, forKey: .ip))
        case "userVariable": self = .userVariable(try string(.value))
        case "logLevel": self = .logLevel(try int(.level))
        case "channelActive": self = .channelActive(on: try c.decode(Bool.self, forKey: .on))
        case "temperatureData": self = .temperatureData(try c.decode([String].self, forKey: .readings))
        case "supplyCurrent": self = .supplyCurrent(try string(.current))
        case "ttlEnabled": self = .ttlEnabled(try c.decode(Bool.self, forKey: .enabled))
        case "ttlPolarity": self = .ttlPolarity(try int(.polarity))
        case "errorText": self = .errorText(try string(.text))
        case "acknowledged": self = .acknowledged(try c.decode(LumencorCommandName.self, forKey: .command))
        case "error":
            self = .error(
                try c.decode(LumencorCommandName.self, forKey: .command), text: try c.decodeIfPresent(String.self, forKey: .text))
        default:
            throw JSONDecodingError(
                path: "type", reason: "unknown Lumencor answer '\(tag)' (\(Self.typeNames.joined(separator: ", ")))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var tag = encoder.container(keyedBy: TypeKey.self)
        try tag.encode(typeName, forKey: .type)
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case .version(let v): try c.encode(v, forKey: .version)
        case .channelCount(let n): try c.encode(n, forKey: .count)
        case .model(let m): try c.encode(m, forKey: .model)
        case .serialNumber(let s): try c.encode(s, forKey: .serialNumber)
        case .operatingTime(let s): try c.encode(s, forKey: .seconds)
        case .temperature(let t): try c.encode(t, forKey: .celsius)
        case .channelPower(let p): try c.encode(p, forKey: .power)
        case .channelMap(let colours): try c.encode(colours, forKey: .colours)
        case .channelState(let on), .channelActive(let on): try c.encode(on, forKey: .on)
        case .multipleChannelStates(let on): try c.encode(on, forKey: .on)
        case .maxIntensity(let m): try c.encode(m, forKey: .maxIntensity)
        case .channelIntensity(let i): try c.encode(i, forKey: .intensity)
        case .multipleIntensities(let i): try c.encode(i, forKey: .intensities)
        case .status(let s): try c.encode(s, forKey: .status)
        case .channelStatus(let s): try c.encode(s, forKey: .status)
        case .multipleChannelStatus(let s): try c.encode(s, forKey: .statuses)
        case .ipAddress(let ip): try c.encode(ip, forKey: .ip)
        case .userVariable(let v): try c.encode(v, forKey: .value)
        case .logLevel(let l): try c.encode(l, forKey: .level)
        case .temperatureData(let r): try c.encode(r, forKey: .readings)
        case .supplyCurrent(let s): try c.encode(s, forKey: .current)
        case .ttlEnabled(let e): try c.encode(e, forKey: .enabled)
        case .ttlPolarity(let p): try c.encode(p, forKey: .polarity)
        case .errorText(let t): try c.encode(t, forKey: .text)
        case .acknowledged(let name): try c.encode(name, forKey: .command)
        case .error(let name, let text):
            try c.encode(name, forKey: .command)
            try c.encodeIfPresent(text, forKey: .text)
        }
    }
}
