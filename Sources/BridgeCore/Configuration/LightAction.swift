import LightProtocols

/// What one mode does to one light (issue 5 item 1): scene recall, level, on/off, wavelengths,
/// intensities or a Smart Light command. Each case belongs to one ``LightKind``; the
/// configuration reader only builds the cases a light's protocol can carry out.
public enum LightAction: Sendable, Hashable {
    /// HelvarNet (§2): recall `scene` of `block` on a group or device, fading over `fade`.
    case helvarRecall(HelvarTarget, block: Int, scene: Int, fade: Duration?)
    /// HelvarNet: a direct level in percent (0…100) on a group or device.
    case helvarLevel(HelvarTarget, percent: Double, fade: Duration?)
    /// LightwaveRF (§3): dim a device to a percentage (0 = off).
    case lightwaveLevel(room: Int, device: Int, percent: Int)
    /// LightwaveRF: switch a device on or off.
    case lightwavePower(room: Int, device: Int, on: Bool)
    /// Lumencor (§4): channel intensities in percent, each channel by colour name or by its
    /// number as the engine counts (from 0, as in `SET CH`), as text: `"GREEN"` or `"2"`.
    case lumencorIntensities([ChannelLevel])
    /// Lumencor: channels on or off (an empty list means every channel).
    case lumencorPower(channels: [String], on: Bool)
    /// Heliospectra (§5): relative power (0…1000) per wavelength in nm.
    case heliospectraPowers([WavelengthPower])
    /// Heliospectra: every wavelength to one relative power (0…1000).
    case heliospectraAll(Int)
    /// Smart Light (§1): one command, as the PLC would send it.
    case smartLight(SmartLightCommand)

    /// The protocol that carries this action out.
    public var kind: LightKind {
        switch self {
        case .helvarRecall, .helvarLevel: return .helvar
        case .lightwaveLevel, .lightwavePower: return .lightwave
        case .lumencorIntensities, .lumencorPower: return .lumencor
        case .heliospectraPowers, .heliospectraAll: return .heliospectra
        case .smartLight: return .smartlight
        }
    }
}

/// A HelvarNet group or device address.
public enum HelvarTarget: Sendable, Hashable, CustomStringConvertible {
    /// A group, 1…16383.
    case group(Int)
    /// A device `cluster.router.subnet.device`.
    case device(HelvarAddress)

    public var description: String {
        switch self {
        case .group(let group): return "group \(group)"
        case .device(let address): return "device \(address)"
        }
    }
}

/// One Lumencor channel's intensity in percent.
public struct ChannelLevel: Sendable, Hashable {
    /// The channel's colour name (as the engine's CHMAP says it) or its number (from 0).
    public var channel: String
    /// 0…100.
    public var percent: Double

    /// Creates a channel level.
    public init(channel: String, percent: Double) {
        self.channel = channel
        self.percent = percent
    }
}

/// One Heliospectra wavelength's relative power.
public struct WavelengthPower: Sendable, Hashable {
    /// Wavelength in nm.
    public var nanometres: Int
    /// Relative power, 0…1000.
    public var power: Int

    /// Creates a wavelength power.
    public init(nanometres: Int, power: Int) {
        self.nanometres = nanometres
        self.power = power
    }
}
