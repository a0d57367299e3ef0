import BridgeCore
import LightProtocols

/// A Smart Light serial source that follows a USB-serial adapter as it comes and goes: which
/// device it takes and how the port is set up (issue 3, item 5).
public struct HotplugSerialSourceConfig: Sendable {
    /// The source's name in events and logs, the same for every device it opens.
    public var id: SourceID
    /// Which device it takes.
    public var match: DeviceMatch
    /// The port settings.
    public var settings: SerialSettings
    /// The frame format.
    public var format: SmartLightFrameFormat

    /// Creates a configuration.
    public init(id: SourceID, match: DeviceMatch, settings: SerialSettings, format: SmartLightFrameFormat = .standard) {
        self.id = id
        self.match = match
        self.settings = settings
        self.format = format
    }
}
