/// One request a client sends to a Lumencor light engine (seed 001 "Commands"; PROTOCOLS.md §4).
///
/// Each case names its wire form. Channel IDs are zero-based in `CHMAP` order; intensities are
/// counts 0…`MAXINT` (see ``LumencorIntensity`` for percentages). The newer engines' commands'
/// argument shapes are not public; the forms below are this project's assumption.
///
/// JSON: a flat object with a `type` discriminator, e.g. `{"type":"getVersion"}`,
/// `{"type":"setChannelIntensity","channel":2,"intensity":800}`, `{"type":"setIP","ip":"DHCP"}`.
public enum LumencorRequest: Sendable, Hashable {
    /// `GET VER`
    case getVersion
    /// `GET NUMCH`
    case getChannelCount
    /// `GET MODEL`
    case getModel
    /// `GET SN`
    case getSerialNumber
    /// `GET OT <ch>`: seconds the channel has been on, over the engine's lifetime.
    case getOperatingTime(channel: Int)
    /// `GET TEMP`
    case getTemperature
    /// `GET CHPWR <ch>`: a power reading, non-zero only while that channel alone is on.
    case getChannelPower(channel: Int)
    /// `GET CHMAP`
    case getChannelMap
    /// `SET CH <ch> <0|1>`
    case setChannel(channel: Int, on: Bool)
    /// `GET CH <ch>`
    case getChannel(channel: Int)
    /// `SET MULCH <0|1>…`: one value per channel, in channel order.
    case setMultipleChannels(on: [Bool])
    /// `GET MULCH` (assumption from public client code: answers one 0/1 per channel).
    case getMultipleChannels
    /// `GET MAXINT`
    case getMaxIntensity
    /// `SET CHINT <ch> <counts>`
    case setChannelIntensity(channel: Int, intensity: Int)
    /// `GET CHINT <ch>`
    case getChannelIntensity(channel: Int)
    /// `SET MULCHINT <counts>…`: one value per channel, in channel order.
    case setMultipleIntensities([Int])
    /// `GET MULCHINT` (the seed prints `SET GET MULCHINT`, a typo).
    case getMultipleIntensities
    /// `GET STAT`
    case getStatus
    /// `GET CHSTAT <ch>`
    case getChannelStatus(channel: Int)
    /// `GET MULCHSTAT` (newer engines; assumption: answers one status code per channel).
    case getMultipleChannelStatus
    /// `GET IP`
    case getIP
    /// `SET IP <a.b.c.d|DHCP>`: takes effect after a reboot.
    case setIP(LumencorIPSetting)
    /// `REBOOT` (bare word).
    case reboot
    /// `SHUTDOWN` (bare word).
    case shutdown
    /// `SET USERVAR <value>` (assumption: the value is one token, no white space).
    case setUserVariable(String)
    /// `GET USERVAR`
    case getUserVariable
    /// `SET LOGLVL <0–3>`
    case setLogLevel(Int)
    /// `GET LOGLVL`
    case getLogLevel
    /// `GET CHACT <ch>` (newer engines; assumption from public client code: read-only, answers
    /// 0/1 for whether the channel is actually emitting, whichever input switched it).
    case getChannelActive(channel: Int)
    /// `GET TEMPDATA` (newer engines; assumption: no argument).
    case getTemperatureData
    /// `GET SUPPLYCURRENT` (newer engines; assumption: no argument).
    case getSupplyCurrent
    /// `GET TTLENABLE` (newer engines).
    case getTTLEnable
    /// `SET TTLENABLE <0|1>` (newer engines; assumption: one global flag).
    case setTTLEnable(Bool)
    /// `GET TTLPOL` (newer engines).
    case getTTLPolarity
    /// `SET TTLPOL <0|1>` (newer engines; assumption: one global polarity flag).
    case setTTLPolarity(Int)
    /// `GET ERRORTEXT [code]` (newer engines; assumption: an optional status code argument).
    case getErrorText(code: Int?)

    /// The command mnemonic.
    public var name: LumencorCommandName {
        switch self {
        case .getVersion: return .ver
        case .getChannelCount: return .numch
        case .getModel: return .model
        case .getSerialNumber: return .sn
        case .getOperatingTime: return .ot
        case .getTemperature: return .temp
        case .getChannelPower: return .chpwr
        case .getChannelMap: return .chmap
        case .setChannel, .getChannel: return .ch
        case .setMultipleChannels, .getMultipleChannels: return .mulch
        case .getMaxIntensity: return .maxint
        case .setChannelIntensity, .getChannelIntensity: return .chint
        case .setMultipleIntensities, .getMultipleIntensities: return .mulchint
        case .getStatus: return .stat
        case .getChannelStatus: return .chstat
        case .getMultipleChannelStatus: return .mulchstat
        case .getIP, .setIP: return .ip
        case .reboot: return .reboot
        case .shutdown: return .shutdown
        case .setUserVariable, .getUserVariable: return .uservar
        case .setLogLevel, .getLogLevel: return .loglvl
        case .getChannelActive: return .chact
        case .getTemperatureData: return .tempdata
        case .getSupplyCurrent: return .supplycurrent
        case .getTTLEnable, .setTTLEnable: return .ttlenable
        case .getTTLPolarity, .setTTLPolarity: return .ttlpol
        case .getErrorText: return .errortext
        }
    }

    /// The first token: `GET`, `SET`, or `nil` for the bare `REBOOT`/`SHUTDOWN`.
    public var verb: String? {
        switch self {
        case .reboot, .shutdown: return nil
        case .setChannel, .setMultipleChannels, .setChannelIntensity, .setMultipleIntensities, .setIP, .setUserVariable,
            .setLogLevel, .setTTLEnable, .setTTLPolarity:
            return "SET"
        default: return "GET"
        }
    }

    /// The JSON `type` of this case.
    public var typeName: String {
        switch self {
        case .getVersion: return "getVersion"
        case .getChannelCount: return "getChannelCount"
        case .getModel: return "getModel"
        case .getSerialNumber: return "getSerialNumber"
        case .getOperatingTime: return "getOperatingTime"
        case .getTemperature: return "getTemperature"
        case .getChannelPower: return "getChannelPower"
        case .getChannelMap: return "getChannelMap"
        case .setChannel: return "setChannel"
        case .getChannel: return "getChannel"
        case .setMultipleChannels: return "setMultipleChannels"
        case .getMultipleChannels: return "getMultipleChannels"
        case .getMaxIntensity: return "getMaxIntensity"
        case .setChannelIntensity: return "setChannelIntensity"
        case .getChannelIntensity: return "getChannelIntensity"
        case .setMultipleIntensities: return "setMultipleIntensities"
        case .getMultipleIntensities: return "getMultipleIntensities"
        case .getStatus: return "getStatus"
        case .getChannelStatus: return "getChannelStatus"
        case .getMultipleChannelStatus: return "getMultipleChannelStatus"
        case .getIP: return "getIP"
        case .setIP: return "setIP"
        case .reboot: return "reboot"
        case .shutdown: return "shutdown"
        case .setUserVariable: return "setUserVariable"
        case .getUserVariable: return "getUserVariable"
        case .setLogLevel: return "setLogLevel"
        case .getLogLevel: return "getLogLevel"
        case .getChannelActive: return "getChannelActive"
        case .getTemperatureData: return "getTemperatureData"
        case .getSupplyCurrent: return "getSupplyCurrent"
        case .getTTLEnable: return "getTTLEnable"
        case .setTTLEnable: return "setTTLEnable"
        case .getTTLPolarity: return "getTTLPolarity"
        case .setTTLPolarity: return "setTTLPolarity"
        case .getErrorText: return "getErrorText"
        }
    }

    /// Every request's JSON `type`.
    public static let typeNames: [String] = [
        "getVersion", "getChannelCount", "getModel", "getSerialNumber", "getOperatingTime", "getTemperature", "getChannelPower",
        "getChannelMap", "setChannel", "getChannel", "setMultipleChannels", "getMultipleChannels", "getMaxIntensity",
        "setChannelIntensity", "getChannelIntensity", "setMultipleIntensities", "getMultipleIntensities", "getStatus",
        "getChannelStatus", "getMultipleChannelStatus", "getIP", "setIP", "reboot", "shutdown", "setUserVariable",
        "getUserVariable", "setLogLevel", "getLogLevel", "getChannelActive", "getTemperatureData", "getSupplyCurrent",
        "getTTLEnable", "setTTLEnable", "getTTLPolarity", "setTTLPolarity", "getErrorText",
    ]
}

extension LumencorRequest: Codable {
    private enum Keys: String, CodingKey { case channel, on, intensity, intensities, ip, value, level, enabled, polarity, code }

    public init(from decoder: any Decoder) throws {
        let tag = try decoder.container(keyedBy: TypeKey.self).decode(String.self, forKey: .type)
        let c = try decoder.container(keyedBy: Keys.self)
        func channel() throws -> Int { try c.decode(Int.self, forKey: .channel) }
        switch tag {
        case "getVersion": self = .getVersion
        case "getChannelCount": self = .getChannelCount
        case "getModel": self = .getModel
        case "getSerialNumber": self = .getSerialNumber
        case "getOperatingTime": self = .getOperatingTime(channel: try channel())
        case "getTemperature": self = .getTemperature
        case "getChannelPower": self = .getChannelPower(channel: try channel())
        case "getChannelMap": self = .getChannelMap
        case "setChannel": self = .setChannel(channel: try channel(), on: try c.decode(Bool.self, forKey: .on))
        case "getChannel": self = .getChannel(channel: try channel())
        case "setMultipleChannels": self = .setMultipleChannels(on: try c.decode([Bool].self, forKey: .on))
        case "getMultipleChannels": self = .getMultipleChannels
        case "getMaxIntensity": self = .getMaxIntensity
        case "setChannelIntensity":
            self = .setChannelIntensity(channel: try channel(), intensity: try c.decode(Int.self, forKey: .intensity))
        case "getChannelIntensity": self = .getChannelIntensity(channel: try channel())
        case "setMultipleIntensities": self = .setMultipleIntensities(try c.decode([Int].self, forKey: .intensities))
        case "getMultipleIntensities": self = .getMultipleIntensities
        case "getStatus": self = .getStatus
        case "getChannelStatus": self = .getChannelStatus(channel: try channel())
        case "getMultipleChannelStatus": self = .getMultipleChannelStatus
        case "getIP": self = .getIP
        case "setIP": self = .setIP(try c.decode(LumencorIPSetting.self, forKey: .ip))
        case "reboot": self = .reboot
        case "shutdown": self = .shutdown
        case "setUserVariable": self = .setUserVariable(try c.decode(String.self, forKey: .value))
        case "getUserVariable": self = .getUserVariable
        case "setLogLevel": self = .setLogLevel(try c.decode(Int.self, forKey: .level))
        case "getLogLevel": self = .getLogLevel
        case "getChannelActive": self = .getChannelActive(channel: try channel())
        case "getTemperatureData": self = .getTemperatureData
        case "getSupplyCurrent": self = .getSupplyCurrent
        case "getTTLEnable": self = .getTTLEnable
        case "setTTLEnable": self = .setTTLEnable(try c.decode(Bool.self, forKey: .enabled))
        case "getTTLPolarity": self = .getTTLPolarity
        case "setTTLPolarity": self = .setTTLPolarity(try c.decode(Int.self, forKey: .polarity))
        case "getErrorText": self = .getErrorText(code: try c.decodeIfPresent(Int.self, forKey: .code))
        default:
            throw JSONDecodingError(
                path: "type", reason: "unknown Lumencor request '\(tag)' (\(Self.typeNames.joined(separator: ", ")))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var tag = encoder.container(keyedBy: TypeKey.self)
        try tag.encode(typeName, forKey: .type)
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case .getOperatingTime(let channel), .getChannelPower(let channel), .getChannel(let channel),
            .getChannelIntensity(let channel), .getChannelStatus(let channel), .getChannelActive(let channel):
            try c.encode(channel, forKey: .channel)
        case .setChannel(let channel, let on):
            try c.encode(channel, forKey: .channel)
            try c.encode(on, forKey: .on)
        case .setMultipleChannels(let on): try c.encode(on, forKey: .on)
        case .setChannelIntensity(let channel, let intensity):
            try c.encode(channel, forKey: .channel)
            try c.encode(intensity, forKey: .intensity)
        case .setMultipleIntensities(let intensities): try c.encode(intensities, forKey: .intensities)
        case .setIP(let setting): try c.encode(setting, forKey: .ip)
        case .setUserVariable(let value): try c.encode(value, forKey: .value)
        case .setLogLevel(let level): try c.encode(level, forKey: .level)
        case .setTTLEnable(let enabled): try c.encode(enabled, forKey: .enabled)
        case .setTTLPolarity(let polarity): try c.encode(polarity, forKey: .polarity)
        case .getErrorText(let code): try c.encodeIfPresent(code, forKey: .code)
        case .getVersion, .getChannelCount, .getModel, .getSerialNumber, .getTemperature, .getChannelMap, .getMultipleChannels,
            .getMaxIntensity, .getMultipleIntensities, .getStatus, .getMultipleChannelStatus, .getIP, .reboot, .shutdown,
            .getUserVariable, .getLogLevel, .getTemperatureData, .getSupplyCurrent, .getTTLEnable, .getTTLPolarity:
            break
        }
    }
}
