/// The five output protocols a light can speak (PROTOCOLS.md §1–5); the `protocol` key of a
/// `[lights.NAME]` table.
public enum LightKind: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    /// HelvarNet router (§2).
    case helvar
    /// LightwaveRF Link (§3).
    case lightwave
    /// Lumencor light engine (§4).
    case lumencor
    /// Heliospectra LX/RX lamp or group (§5).
    case heliospectra
    /// Caron Smart Light (§1).
    case smartlight

    public var description: String { rawValue }
}
