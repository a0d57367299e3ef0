import LightProtocols

/// The state of a simulated Lumencor light engine and its answer to every request (issue 4
/// item 6; PROTOCOLS.md §4; seed `001_f848b1d9500c0aec.txt`, "Commands").
///
/// Pure value logic, no I/O: ``LumencorEngineSimulator`` feeds it the decoded requests. The
/// defaults are the seed's examples (`SPECTRAX`, firmware `1.0.6`, serial `6678`, channels
/// `VIOLET BLUE GREEN RED`, `MAXINT` 4095, 26 °C, `192.168.1.163`).
///
/// What the seed leaves open is this simulator's assumption:
/// - A bad channel index, an intensity above `MAXINT` or a list whose length is not the channel
///   count answers the bare `E <NAME>` the seed shows; `GET CHSTAT` of a bad index answers
///   `A CHSTAT 51` (PROTOCOLS.md §4: 51 = bad index).
/// - `GET CHINT` answers counts (the seed's "37%" remark contradicts its own `MAXINT` text).
/// - `GET CHPWR` reads `intensity × 1000 / MAXINT` when that channel alone is on, else 0.
/// - `REBOOT` answers at once and then applies a pending `SET IP`, resets `USERVAR` to `0` and
///   switches every channel off; it does not go silent for 20 s. `SHUTDOWN` answers and then
///   the engine answers nothing more (``isShutDown``).
/// - The newer names: `GET MULCHSTAT` lists ``channelStatus``; `GET CHACT` is on and intensity
///   above 0; `GET TEMPDATA` is the temperature alone; `GET SUPPLYCURRENT` is in mA,
///   `2000 × Σ intensity of the channels on / MAXINT`; `GET ERRORTEXT [code]` is the
///   status's description.
public struct LumencorEngineState: Sendable, Hashable {
    /// `GET MODEL`.
    public var model: String
    /// `GET VER`.
    public var version: String
    /// `GET SN`.
    public var serialNumber: String
    /// `GET CHMAP`, channel 0 first; its count is `GET NUMCH`.
    public private(set) var channels: [String]
    /// `GET MAXINT`.
    public var maxIntensity: Int
    /// `GET STAT`.
    public var status: LumencorEngineStatus
    /// `GET TEMP`, °C.
    public var temperature: Int
    /// Each channel on or off (`SET CH`, `SET MULCH`).
    public var power: [Bool]
    /// Each channel's intensity in counts (`SET CHINT`, `SET MULCHINT`).
    public var intensity: [Int]
    /// Each channel's status (`GET CHSTAT`, `GET MULCHSTAT`).
    public var channelStatus: [LumencorChannelStatus]
    /// Each channel's lifetime operating time in seconds (`GET OT`).
    public var operatingTime: [Int]
    /// `GET IP`.
    public var ip: IPv4Address
    /// The address a `SET IP` assigned, applied at the next `REBOOT`.
    public var pendingIP: LumencorIPSetting?
    /// `GET USERVAR` (`0` after power-up).
    public var userVariable: String
    /// `GET LOGLVL`.
    public var logLevel: Int
    /// `GET TTLENABLE`.
    public var ttlEnabled: Bool
    /// `GET TTLPOL`.
    public var ttlPolarity: Int
    /// How many `REBOOT`s were answered.
    public var rebootCount = 0
    /// Whether a `SHUTDOWN` was answered: the engine answers nothing more.
    public var isShutDown = false

    /// Creates an engine with every channel off at intensity 0.
    public init(
        channels: [String] = ["VIOLET", "BLUE", "GREEN", "RED"], maxIntensity: Int = 4095, model: String = "SPECTRAX",
        version: String = "1.0.6", serialNumber: String = "6678", status: LumencorEngineStatus = .ok, temperature: Int = 26,
        ip: IPv4Address = IPv4Address(192, 168, 1, 163)
    ) {
        self.channels = channels
        self.maxIntensity = maxIntensity
        self.model = model
        self.version = version
        self.serialNumber = serialNumber
        self.status = status
        self.temperature = temperature
        self.ip = ip
        power = Array(repeating: false, count: channels.count)
        intensity = Array(repeating: 0, count: channels.count)
        channelStatus = Array(repeating: .normal, count: channels.count)
        operatingTime = channels.indices.map { 1_890_667 + 1000 * $0 }
        userVariable = "0"
        logLevel = 2
        ttlEnabled = false
        ttlPolarity = 1
    }

    /// The index of the channel named `colour` (ASCII case ignored).
    public func channel(named colour: String) -> Int? {
        let wanted = Self.uppercased(colour)
        return channels.firstIndex { Self.uppercased($0) == wanted }
    }

    /// The answer to `request`, after applying it.
    public mutating func handle(_ request: LumencorRequest) -> LumencorAnswer {
        fitChannelLists()
        let name = request.name
        let failed = LumencorAnswer.error(name, text: nil)
        func valid(_ ch: Int) -> Bool { channels.indices.contains(ch) }
        switch request {
        case .getVersion: return .version(version)
        case .getChannelCount: return .channelCount(channels.count)
        case .getModel: return .model(model)
        case .getSerialNumber: return .serialNumber(serialNumber)
        case .getOperatingTime(let ch): return valid(ch) ? .operatingTime(seconds: operatingTime[ch]) : failed
        case .getTemperature: return .temperature(celsius: temperature)
        case .getChannelPower(let ch):
            guard valid(ch) else { return failed }
            let alone = power[ch] && power.indices.allSatisfy { $0 == ch || !power[$0] }
            return .channelPower(alone ? intensity[ch] * 1000 / maxIntensity : 0)
        case .getChannelMap: return .channelMap(channels)
        case .setChannel(let ch, let on):
            guard valid(ch) else { return failed }
            power[ch] = on
            return .acknowledged(name)
        case .getChannel(let ch): return valid(ch) ? .channelState(on: power[ch]) : failed
        case .setMultipleChannels(let on):
            guard on.count == channels.count else { return failed }
            power = on
            return .acknowledged(name)
        case .getMultipleChannels: return .multipleChannelStates(on: power)
        case .getMaxIntensity: return .maxIntensity(maxIntensity)
        case .setChannelIntensity(let ch, let value):
            guard valid(ch), value <= maxIntensity else { return failed }
            intensity[ch] = value
            return .acknowledged(name)
        case .getChannelIntensity(let ch): return valid(ch) ? .channelIntensity(intensity[ch]) : failed
        case .setMultipleIntensities(let values):
            guard values.count == channels.count, values.allSatisfy({ $0 <= maxIntensity }) else { return failed }
            intensity = values
            return .acknowledged(name)
        case .getMultipleIntensities: return .multipleIntensities(intensity)
        case .getStatus: return .status(status)
        case .getChannelStatus(let ch): return .channelStatus(valid(ch) ? channelStatus[ch] : .badIndex)
        case .getMultipleChannelStatus: return .multipleChannelStatus(channelStatus)
        case .getIP: return .ipAddress(ip)
        case .setIP(let setting):
            pendingIP = setting
            return .acknowledged(name)
        case .reboot:
            reboot()
            return .acknowledged(name)
        case .shutdown:
            isShutDown = true
            return .acknowledged(name)
        case .setUserVariable(let value):
            userVariable = value
            return .acknowledged(name)
        case .getUserVariable: return .userVariable(userVariable)
        case .setLogLevel(let level):
            logLevel = level
            return .acknowledged(name)
        case .getLogLevel: return .logLevel(logLevel)
        case .getChannelActive(let ch): return valid(ch) ? .channelActive(on: power[ch] && intensity[ch] > 0) : failed
        case .getTemperatureData: return .temperatureData([String(temperature)])
        case .getSupplyCurrent:
            let counts = channels.indices.filter { power[$0] }.reduce(0) { $0 + intensity[$1] }
            return .supplyCurrent(String(counts * 2000 / maxIntensity))
        case .getTTLEnable: return .ttlEnabled(ttlEnabled)
        case .setTTLEnable(let on):
            ttlEnabled = on
            return .acknowledged(name)
        case .getTTLPolarity: return .ttlPolarity(ttlPolarity)
        case .setTTLPolarity(let polarity):
            ttlPolarity = polarity
            return .acknowledged(name)
        case .getErrorText(let code):
            return .errorText(LumencorEngineStatus(code: code ?? status.code).description)
        }
    }

    /// Pads or cuts the per-channel lists to the channel count (a test may have set one
    /// directly with another length), so no index can fall outside them.
    private mutating func fitChannelLists() {
        let n = channels.count
        func fit<T>(_ list: inout [T], _ filler: T) {
            if list.count > n { list.removeLast(list.count - n) }
            if list.count < n { list += Array(repeating: filler, count: n - list.count) }
        }
        fit(&power, false)
        fit(&intensity, 0)
        fit(&channelStatus, .normal)
        fit(&operatingTime, 0)
        intensity = intensity.map { min(max($0, 0), maxIntensity) }
    }

    /// What `REBOOT` does once answered.
    private mutating func reboot() {
        rebootCount += 1
        if case .address(let address) = pendingIP, address != .any { ip = address }
        pendingIP = nil
        userVariable = "0"
        power = Array(repeating: false, count: channels.count)
    }

    /// `text` with ASCII letters in upper case.
    static func uppercased(_ text: String) -> String {
        String(decoding: text.utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
    }
}
