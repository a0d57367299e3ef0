/// The command mnemonics: the second token of a `GET`/`SET` request, the only token of a bare
/// request, and the second token of every answer, which echoes it (PROTOCOLS.md §4; seed 001).
///
/// The seed's commands come first; `MULCHSTAT`, `CHACT`, `TEMPDATA`, `SUPPLYCURRENT`,
/// `TTLENABLE`, `TTLPOL` and `ERRORTEXT` are the newer engines' names from §4. `GET MULCH` (the
/// channel on/off states as a list) is used by public client code and added as well.
///
/// JSON: the mnemonic in lower case, e.g. `"chint"` (the wire form in upper case is accepted too).
public enum LumencorCommandName: String, CaseIterable, Sendable, Hashable {
    /// `VER`: firmware version.
    case ver = "VER"
    /// `NUMCH`: number of channels.
    case numch = "NUMCH"
    /// `MODEL`: model name.
    case model = "MODEL"
    /// `SN`: serial number.
    case sn = "SN"
    /// `OT`: a channel's operating time in seconds.
    case ot = "OT"
    /// `TEMP`: temperature in degrees Celsius.
    case temp = "TEMP"
    /// `CHPWR`: a channel's power reading.
    case chpwr = "CHPWR"
    /// `CHMAP`: channel colour mnemonics in channel order.
    case chmap = "CHMAP"
    /// `CH`: one channel on or off.
    case ch = "CH"
    /// `MULCH`: every channel on or off.
    case mulch = "MULCH"
    /// `MAXINT`: the largest intensity count.
    case maxint = "MAXINT"
    /// `CHINT`: one channel's intensity.
    case chint = "CHINT"
    /// `MULCHINT`: every channel's intensity.
    case mulchint = "MULCHINT"
    /// `STAT`: engine status code.
    case stat = "STAT"
    /// `CHSTAT`: one channel's status code.
    case chstat = "CHSTAT"
    /// `IP`: the engine's IP address.
    case ip = "IP"
    /// `REBOOT`: reboot the control computer (bare request).
    case reboot = "REBOOT"
    /// `SHUTDOWN`: shut the control computer down (bare request).
    case shutdown = "SHUTDOWN"
    /// `USERVAR`: the user variable.
    case uservar = "USERVAR"
    /// `LOGLVL`: logging level 0–3.
    case loglvl = "LOGLVL"
    /// `MULCHSTAT`: every channel's status code (newer engines).
    case mulchstat = "MULCHSTAT"
    /// `CHACT`: whether a channel is actually emitting (newer engines).
    case chact = "CHACT"
    /// `TEMPDATA`: temperature readings (newer engines).
    case tempdata = "TEMPDATA"
    /// `SUPPLYCURRENT`: supply current reading (newer engines).
    case supplycurrent = "SUPPLYCURRENT"
    /// `TTLENABLE`: whether the TTL inputs switch the channels (newer engines).
    case ttlenable = "TTLENABLE"
    /// `TTLPOL`: TTL input polarity (newer engines).
    case ttlpol = "TTLPOL"
    /// `ERRORTEXT`: the text for an error code (newer engines).
    case errortext = "ERRORTEXT"

    /// Whether `GET <name>` exists.
    public var isQuery: Bool {
        switch self {
        case .reboot, .shutdown: return false
        default: return true
        }
    }

    /// Whether `SET <name>` exists.
    public var isSettable: Bool {
        switch self {
        case .ch, .mulch, .chint, .mulchint, .ip, .uservar, .loglvl, .ttlenable, .ttlpol: return true
        default: return false
        }
    }

    /// Whether the request is the bare word, with no `GET`/`SET` (`REBOOT`, `SHUTDOWN`).
    public var isBare: Bool { !isQuery }

    /// Whether a success answer may be the bare acknowledgement `A <name>`: true for every
    /// settable name and the bare requests.
    public var isAcknowledged: Bool { isSettable || isBare }

    /// The name whose wire token is `token`, compared without regard to ASCII case.
    public init?(token: String) {
        self.init(rawValue: lumencorUppercased(token))
    }
}

/// `text` with ASCII letters in upper case (other characters unchanged).
func lumencorUppercased(_ text: String) -> String {
    var bytes = Array(text.utf8)
    for i in bytes.indices where bytes[i] >= 0x61 && bytes[i] <= 0x7A { bytes[i] -= 0x20 }
    return String(decoding: bytes, as: UTF8.self)
}

extension LumencorCommandName: JSONTextCodable {
    public init(jsonText text: String) throws(JSONDecodingError) {
        guard let name = LumencorCommandName(token: text) else {
            throw JSONDecodingError(path: "", reason: "unknown Lumencor command '\(text)'")
        }
        self = name
    }

    /// The case name (JSON uses lower-case mnemonics, e.g. `chint`).
    public var jsonText: String { "\(self)" }

    public init(from decoder: any Decoder) throws { self = try Self.decodeJSONText(decoder) }

    public func encode(to encoder: any Encoder) throws { try encodeJSONText(to: encoder) }
}
