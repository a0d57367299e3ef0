import LightProtocols

/// `[inputs.NAME]`: one source of modes and commands (issue 5 item 1).
public struct InputConfiguration: Sendable, Hashable {
    /// What kind of input (the `type` key).
    public enum Kind: String, CaseIterable, Sendable, Hashable {
        /// An RS232 or USB-serial line with framed ASCII (§1.2); hot-plugged when matched by
        /// USB id or a by-id glob.
        case serial
        /// Eight GPIO mode lines, optionally strobed (§1.5).
        case gpio
        /// The Smart Light USB device, bulk packets (§1.4).
        case usb
        /// The TCP 13000 server for Smart Light packets (§1.4).
        case tcp
        /// Heliospectra master packages heard on a multicast group (§5), forwarded to lights.
        case heliospectraMaster = "heliospectra-master"
        /// Scene recalls pushed by a Helvar router (§2), mapped to modes.
        case helvarRecalls = "helvar-recalls"
    }

    /// The table's name (the source id in logs).
    public var name: String
    /// Its kind.
    public var kind: Kind
    /// Its options, checked against ``InputSchemas``.
    public var options: Options
    /// Serial inputs: the frame format (delimiter and code table).
    public var frameFormat: SmartLightFrameFormat?
    /// Helvar inputs: which pushed recall means which mode.
    public var recallModes: [HelvarRecallMode]
    /// Where its table starts.
    public var position: TOMLPosition

    /// Creates an input.
    public init(
        name: String, kind: Kind, options: Options = Options(), frameFormat: SmartLightFrameFormat? = nil,
        recallModes: [HelvarRecallMode] = [], position: TOMLPosition = .init(line: 0, column: 0)
    ) {
        self.name = name
        self.kind = kind
        self.options = options
        self.frameFormat = frameFormat
        self.recallModes = recallModes
        self.position = position
    }

    public static func == (a: InputConfiguration, b: InputConfiguration) -> Bool {
        a.name == b.name && a.kind == b.kind && a.options == b.options && a.recallModes == b.recallModes
            && a.frameFormat?.delimiter == b.frameFormat?.delimiter && a.frameFormat?.codes == b.frameFormat?.codes
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(kind)
        hasher.combine(options)
    }
}

/// A Helvar scene recall (group, block, scene) that selects a mode.
public struct HelvarRecallMode: Sendable, Hashable {
    /// The group recalled.
    public var group: Int
    /// The block (1…8).
    public var block: Int
    /// The scene (1…16).
    public var scene: Int
    /// The mode it selects.
    public var mode: Int

    /// Creates a mapping.
    public init(group: Int, block: Int, scene: Int, mode: Int) {
        self.group = group
        self.block = block
        self.scene = scene
        self.mode = mode
    }
}
