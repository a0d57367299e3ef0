/// A command sent to a light's TCP control socket, port 50630 (PROTOCOLS.md §5).
///
/// Each is one text line: the command name, then its decimal arguments separated by single
/// spaces. JSON: a flat object whose `type` is the wire command name, e.g. `{"type":"getWl"}`,
/// `{"type":"setWlRelPower","wavelength":450,"value":100}`.
public enum HeliospectraControlRequest: Sendable, Hashable {
    /// `getWl`: list the light's wavelengths (the order `setWlsRelPower` uses).
    case getWavelengths
    /// `setWlsRelPower a b c …`: one relative power 0–1000 per wavelength, in `getWl` order.
    case setWavelengthsRelativePower([UInt16])
    /// `setWlRelPower <nm> <v>`: one wavelength's relative power 0–1000.
    case setWavelengthRelativePower(wavelength: UInt16, value: UInt16)
    /// `setAll <v>`: every wavelength to relative power 0–1000.
    case setAll(UInt16)
    /// `getAllRelPower`: the relative power of every wavelength.
    case getAllRelativePower
    /// `getDeviceTemperature n`: the temperature of sensor `n` (0–255).
    case getDeviceTemperature(sensor: UInt8)
    /// `getmac`: the light's MAC address.
    case getMAC
    /// `bye`: end the session.
    case bye

    /// The wire command name, which is also the JSON `type`.
    public var commandName: String {
        switch self {
        case .getWavelengths: return "getWl"
        case .setWavelengthsRelativePower: return "setWlsRelPower"
        case .setWavelengthRelativePower: return "setWlRelPower"
        case .setAll: return "setAll"
        case .getAllRelativePower: return "getAllRelPower"
        case .getDeviceTemperature: return "getDeviceTemperature"
        case .getMAC: return "getmac"
        case .bye: return "bye"
        }
    }

    /// Every command name, in declaration order.
    public static let commandNames: [String] = [
        "getWl", "setWlsRelPower", "setWlRelPower", "setAll", "getAllRelPower", "getDeviceTemperature", "getmac", "bye",
    ]
}

/// One line (or the prompt) a light sends on its control socket (PROTOCOLS.md §5).
///
/// The exact reply texts are not public; this project's assumptions (also listed in
/// docs/json/heliospectra-control.md):
/// - success replies start with `OK`; data follows after one space: `OK 400 420 450 530 630 660 735`
///   (`getWl`), `OK 100 100 100 100 100 100 100` (`getAllRelPower`), `OK 25.5` (°C,
///   `getDeviceTemperature`), `OK 00:11:22:33:44:55` (`getmac`); `OK` alone for the rest;
/// - any other line before the first prompt is the greeting, after it an error;
/// - the prompt is `>` at the start of a line and may arrive without a newline.
///
/// Which typed reply an `OK` line becomes depends on the request it answers (both lists are
/// numbers), see ``HeliospectraControlDecoder``. JSON: a flat object with a `type`, e.g.
/// `{"type":"wavelengths","wavelengths":[400,420]}`, `{"type":"prompt"}`.
public enum HeliospectraControlReply: Sendable, Hashable {
    /// A greeting line sent on connect, before the first prompt.
    case greeting(String)
    /// The `>` prompt: the light waits for a command.
    case prompt
    /// `OK` with nothing after it.
    case ok
    /// `OK <text>` where the text is not data of a known shape (or no request is pending).
    case okText(String)
    /// `OK <nm> <nm> …` answering `getWl` (1–64 values).
    case wavelengths([UInt16])
    /// `OK <v> <v> …` answering `getAllRelPower` (1–64 values, each 0–1000).
    case relativePowers([UInt16])
    /// `OK <°C>` answering `getDeviceTemperature`.
    case temperature(celsius: Double)
    /// `OK <mac>` answering `getmac`.
    case mac(HeliospectraMAC)
    /// A line after the first prompt that does not start with `OK`.
    case error(String)
}

/// Either side of a control-socket session: what a transcript line is.
/// JSON: the request's or the reply's own flat object (their `type` names do not overlap).
public enum HeliospectraControlMessage: Sendable, Hashable {
    /// A command to the light.
    case request(HeliospectraControlRequest)
    /// A line from the light.
    case reply(HeliospectraControlReply)
}

/// Settings of the control socket's text framing (PROTOCOLS.md §5; assumptions).
public struct HeliospectraControlFormat: Codable, Sendable, Hashable {
    /// The line terminator the encoder writes (the decoder accepts LF with or without CR).
    public enum LineEnding: String, Codable, Sendable, Hashable {
        /// `\r\n` (default, telnet style).
        case crlf
        /// `\n`.
        case lf

        /// The bytes.
        public var bytes: [UInt8] { self == .crlf ? [0x0D, 0x0A] : [0x0A] }
    }

    /// The TCP port.
    public static let tcpPort = 50630
    /// The light serves one client at a time and drops it after this many idle seconds (§5);
    /// a driver reconnects or sends within it.
    public static let idleTimeoutSeconds = 30
    /// The most values a `setWlsRelPower` or list reply may carry.
    public static let maxWavelengthCount = 64
    /// Default ``maxLineLength``: room for 64 five-digit values and the command name.
    public static let defaultMaxLineLength = 512

    /// The line terminator written (default ``LineEnding/crlf``).
    public var lineEnding: LineEnding
    /// The longest line accepted, terminator excluded; bounds the decoder's buffer.
    public var maxLineLength: Int

    /// Creates a format.
    public init(lineEnding: LineEnding = .crlf, maxLineLength: Int = defaultMaxLineLength) {
        self.lineEnding = lineEnding
        self.maxLineLength = maxLineLength
    }

    /// The defaults.
    public static let standard = HeliospectraControlFormat()

    /// ``maxLineLength`` clamped to 64...65536.
    var validMaxLineLength: Int { min(max(maxLineLength, 64), 65536) }
}

// MARK: - JSON

private enum HeliospectraControlKeys: String, CodingKey {
    case values, wavelength, value, sensor, text, wavelengths, celsius, mac
}

extension HeliospectraControlRequest: Codable {
    public init(from decoder: any Decoder) throws {
        let tag = try decoder.container(keyedBy: TypeKey.self).decode(String.self, forKey: .type)
        let c = try decoder.container(keyedBy: HeliospectraControlKeys.self)
        switch tag {
        case "getWl": self = .getWavelengths
        case "setWlsRelPower": self = .setWavelengthsRelativePower(try c.decode([UInt16].self, forKey: .values))
        case "setWlRelPower":
            self = .setWavelengthRelativePower(
                wavelength: try c.decode(UInt16.self, forKey: .wavelength), value: try c.decode(UInt16.self, forKey: .value))
        case "setAll": self = .setAll(try c.decode(UInt16.self, forKey: .value))
        case "getAllRelPower": self = .getAllRelativePower
        case "getDeviceTemperature": self = .getDeviceTemperature(sensor: try c.decode(UInt8.self, forKey: .sensor))
        case "getmac": self = .getMAC
        case "bye": self = .bye
        default:
            throw JSONDecodingError(
                path: "type", reason: "unknown control command '\(tag)' (\(Self.commandNames.joined(separator: ", ")))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var tag = encoder.container(keyedBy: TypeKey.self)
        try tag.encode(commandName, forKey: .type)
        var c = encoder.container(keyedBy: HeliospectraControlKeys.self)
        switch self {
        case .setWavelengthsRelativePower(let values): try c.encode(values, forKey: .values)
        case .setWavelengthRelativePower(let wavelength, let value):
            try c.encode(wavelength, forKey: .wavelength)
            try c.encode(value, forKey: .value)
        case .setAll(let value): try c.encode(value, forKey: .value)
        case .getDeviceTemperature(let sensor): try c.encode(sensor, forKey: .sensor)
        case .getWavelengths, .getAllRelativePower, .getMAC, .bye: break
        }
    }
}

extension HeliospectraControlReply: Codable {
    /// The JSON `type` names of the replies.
    static let typeNames = ["greeting", "prompt", "ok", "okText", "wavelengths", "relativePowers", "temperature", "mac", "error"]

    public init(from decoder: any Decoder) throws {
        let tag = try decoder.container(keyedBy: TypeKey.self).decode(String.self, forKey: .type)
        let c = try decoder.container(keyedBy: HeliospectraControlKeys.self)
        switch tag {
        case "greeting": self = .greeting(try c.decode(String.self, forKey: .text))
        case "prompt": self = .prompt
        case "ok": self = .ok
        case "okText": self = .okText(try c.decode(String.self, forKey: .text))
        case "wavelengths": self = .wavelengths(try c.decode([UInt16].self, forKey: .wavelengths))
        case "relativePowers": self = .relativePowers(try c.decode([UInt16].self, forKey: .values))
        case "temperature": self = .temperature(celsius: try c.decode(Double.self, forKey: .celsius))
        case "mac": self = .mac(try c.decode(HeliospectraMAC.self, forKey: .mac))
        case "error": self = .error(try c.decode(String.self, forKey: .text))
        default:
            throw JSONDecodingError(
                path: "type", reason: "unknown control reply '\(tag)' (\(Self.typeNames.joined(separator: ", ")))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var tag = encoder.container(keyedBy: TypeKey.self)
        var c = encoder.container(keyedBy: HeliospectraControlKeys.self)
        switch self {
        case .greeting(let text):
            try tag.encode("greeting", forKey: .type)
            try c.encode(text, forKey: .text)
        case .prompt: try tag.encode("prompt", forKey: .type)
        case .ok: try tag.encode("ok", forKey: .type)
        case .okText(let text):
            try tag.encode("okText", forKey: .type)
            try c.encode(text, forKey: .text)
        case .wavelengths(let values):
            try tag.encode("wavelengths", forKey: .type)
            try c.encode(values, forKey: .wavelengths)
        case .relativePowers(let values):
            try tag.encode("relativePowers", forKey: .type)
            try c.encode(values, forKey: .values)
        case .temperature(let celsius):
            try tag.encode("temperature", forKey: .type)
            try c.encode(celsius, forKey: .celsius)
        case .mac(let mac):
            try tag.encode("mac", forKey: .type)
            try c.encode(mac, forKey: .mac)
        case .error(let text):
            try tag.encode("error", forKey: .type)
            try c.encode(text, forKey: .text)
        }
    }
}

extension HeliospectraControlMessage: Codable {
    public init(from decoder: any Decoder) throws {
        let tag = try decoder.container(keyedBy: TypeKey.self).decode(String.self, forKey: .type)
        if HeliospectraControlRequest.commandNames.contains(tag) {
            self = .request(try HeliospectraControlRequest(from: decoder))
        } else {
            self = .reply(try HeliospectraControlReply(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .request(let request): try request.encode(to: encoder)
        case .reply(let reply): try reply.encode(to: encoder)
        }
    }
}
