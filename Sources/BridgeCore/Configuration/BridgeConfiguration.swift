/// A whole LightBridge configuration (issue 5 item 1), read from TOML by
/// ``BridgeConfiguration/init(toml:source:)``: bridge-wide settings, the lights, the inputs and
/// the mode table. `examples/lightbridge.toml` documents every key.
public struct BridgeConfiguration: Sendable, Hashable {
    /// `[bridge]`.
    public var bridge: BridgeSettings
    /// `[lights.NAME]`, in file order.
    public var lights: [LightConfiguration]
    /// `[inputs.NAME]`, in file order.
    public var inputs: [InputConfiguration]
    /// `[modes.N]`, by mode number.
    public var modes: [Int: ModeDefinition]

    /// Creates a configuration.
    public init(
        bridge: BridgeSettings = BridgeSettings(), lights: [LightConfiguration] = [], inputs: [InputConfiguration] = [],
        modes: [Int: ModeDefinition] = [:]
    ) {
        self.bridge = bridge
        self.lights = lights
        self.inputs = inputs
        self.modes = modes
    }

    /// The light called `name`.
    public func light(named name: String) -> LightConfiguration? { lights.first { $0.name == name } }
}

/// `[bridge]`: settings of the daemon itself.
public struct BridgeSettings: Sendable, Hashable {
    /// Where the last mode is kept (`StateDirectory=` of the systemd unit).
    public var stateDirectory: String
    /// Where board profiles are looked up by name.
    public var boardsDirectory: String
    /// The least severe log level written: `debug`, `info`, `notice`, `warning` or `error`.
    public var logLevel: String
    /// Re-apply the persisted last mode at start-up.
    public var restoreLastMode: Bool
    /// The most actions waiting per light before older ones are dropped (newest wins).
    public var queueDepth: Int

    /// Creates settings; the defaults are those of the systemd unit.
    public init(
        stateDirectory: String = "/var/lib/lightbridge", boardsDirectory: String = "/usr/share/lightbridge/boards",
        logLevel: String = "info", restoreLastMode: Bool = true, queueDepth: Int = 1
    ) {
        self.stateDirectory = stateDirectory
        self.boardsDirectory = boardsDirectory
        self.logLevel = logLevel
        self.restoreLastMode = restoreLastMode
        self.queueDepth = queueDepth
    }
}

/// `[lights.NAME]`: one light (or router, Link, engine, lamp group) and how to reach it.
public struct LightConfiguration: Sendable, Hashable {
    /// The table's name; modes refer to it.
    public var name: String
    /// Its protocol.
    public var kind: LightKind
    /// Its protocol's options, checked against ``LightSchemas``.
    public var options: Options
    /// Where its table starts.
    public var position: TOMLPosition

    /// Creates a light.
    public init(name: String, kind: LightKind, options: Options = Options(), position: TOMLPosition = .init(line: 0, column: 0)) {
        self.name = name
        self.kind = kind
        self.options = options
        self.position = position
    }

    /// Equal when name, protocol and options agree (where it is written does not matter, so a
    /// reload that only moves a table keeps the light's connection).
    public static func == (a: LightConfiguration, b: LightConfiguration) -> Bool {
        a.name == b.name && a.kind == b.kind && a.options == b.options
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(kind)
        hasher.combine(options)
    }
}

/// `[modes.N]`: what mode N does.
public struct ModeDefinition: Sendable, Hashable {
    /// The mode number (0…65535; 0 also answers a Smart Light `clear`).
    public var number: Int
    /// Optional display name.
    public var name: String?
    /// Per light, in file order, the actions to apply.
    public var actions: [LightActions]

    /// Creates a mode.
    public init(number: Int, name: String? = nil, actions: [LightActions]) {
        self.number = number
        self.name = name
        self.actions = actions
    }
}

/// The actions of one mode for one light.
public struct LightActions: Sendable, Hashable {
    /// The light's name.
    public var light: String
    /// Applied in this order.
    public var actions: [LightAction]

    /// Creates a light's action list.
    public init(light: String, actions: [LightAction]) {
        self.light = light
        self.actions = actions
    }
}
