import LightProtocols

/// Turns a plant-side command into actions per light with the mode table (issue 5 items 1–2;
/// DESIGN.md "Router"). Pure: no I/O, so every routing rule is a unit test.
public struct ModeRouter: Sendable {
    /// What one command does.
    public struct Routing: Sendable, Hashable {
        /// The mode this selects (to persist), if it is a mode.
        public var mode: Int?
        /// Per light, the actions to queue.
        public var actions: [LightActions]
        /// Why nothing (or less than expected) happens, for the log.
        public var note: String?
    }

    private let modes: [Int: ModeDefinition]
    private let smartLights: [String]
    private let modePassingSmartLights: Set<String>

    /// A router for `configuration`.
    public init(configuration: BridgeConfiguration) {
        modes = configuration.modes
        smartLights = configuration.lights.filter { $0.kind == .smartlight }.map(\.name)
        modePassingSmartLights = Set(
            configuration.lights.filter { $0.kind == .smartlight && $0.options.flag("pass_modes") == true }.map(\.name))
    }

    /// The numbers of the modes the table defines.
    public var modeNumbers: [Int] { Array(modes.keys) }

    /// What `command` does: a mode set (clear is mode 0) applies that mode's actions, and is
    /// passed on to Smart Light outputs with `pass_modes`; direct Smart Light commands go to
    /// every Smart Light output.
    public func route(_ command: SmartLightCommand) -> Routing {
        switch command {
        case .modeSet(let mode): return route(mode: Int(mode), passing: .modeSet(mode: mode))
        case .clear: return route(mode: 0, passing: .clear)
        case .segment, .level, .runLight, .userColour:
            let actions = smartLights.map { LightActions(light: $0, actions: [.smartLight(command)]) }
            return Routing(mode: nil, actions: actions, note: actions.isEmpty ? "no Smart Light output is configured" : nil)
        }
    }

    /// The actions of mode `mode` (for the persisted mode at start-up).
    public func route(mode: Int) -> Routing {
        route(mode: mode, passing: mode == 0 ? .clear : .modeSet(mode: UInt16(clamping: mode)))
    }

    private func route(mode: Int, passing: SmartLightCommand) -> Routing {
        let definition = modes[mode]
        var actions = definition?.actions ?? []
        for light in smartLights where modePassingSmartLights.contains(light) {
            if let index = actions.firstIndex(where: { $0.light == light }) {
                actions[index].actions.insert(.smartLight(passing), at: 0)
            } else {
                actions.append(LightActions(light: light, actions: [.smartLight(passing)]))
            }
        }
        let note: String? = definition == nil ? "mode \(mode) is not configured" : nil
        return Routing(mode: mode, actions: actions, note: note)
    }
}
