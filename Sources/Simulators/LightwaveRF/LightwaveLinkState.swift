import LightProtocols

/// One device slot of a simulated Link: what it last "transmitted" to that device.
public struct LightwaveDeviceState: Sendable, Hashable, CustomStringConvertible {
    /// Whether the device is on.
    public var isOn: Bool
    /// Dim level 0–32 (32 = full) the device is at when on.
    public var level: UInt8

    /// Creates a state.
    public init(isOn: Bool, level: UInt8) {
        self.isOn = isOn
        self.level = level
    }

    public var description: String { isOn ? "on level \(level) (\(LightwaveDim.percent(level: level))%)" : "off" }
}

/// A room and device number.
public struct LightwaveDeviceAddress: Sendable, Hashable, CustomStringConvertible {
    /// Room 1–16.
    public var room: UInt8
    /// Device 1–16.
    public var device: UInt8

    /// Creates an address.
    public init(room: UInt8, device: UInt8) {
        self.room = room
        self.device = device
    }

    public var description: String { "R\(room)D\(device)" }
}

/// A command the simulated Link received, with when and from whom (for pacing assertions).
public struct LightwaveReceivedCommand: Sendable {
    /// When the datagram was read.
    public var at: ContinuousClock.Instant
    /// The client's IP address.
    public var client: String
    /// The command.
    public var command: LightwaveCommand
}

/// The pure state machine of a simulated Link (PROTOCOLS.md §3): registration, device states,
/// injected transmit failures. The NIO side feeds it commands and sends what it answers.
struct LightwaveLinkState {
    let settings: LightwaveLinkSimulatorSettings
    let selector: LightwaveLinkSelector?
    var registered: [String]
    var awaitingButton: (client: String, deadline: ContinuousClock.Instant)?
    var devices: [LightwaveDeviceAddress: LightwaveDeviceState] = [:]
    var moods: [UInt8: [UInt8: [LightwaveDeviceAddress: LightwaveDeviceState]]] = [:]
    var failTransmit: Int
    var linkTransaction = 0
    var received: [LightwaveReceivedCommand] = []
    var screen: (line1: String?, line2: String?) = (nil, nil)

    /// What handling a command leads to.
    struct Outcome {
        /// Replies, in order.
        var replies: [LightwaveMessage] = []
        /// Whether to schedule the automatic button press.
        var scheduleAutoPress = false
        /// Whether the selector addressed another Link (nothing is answered).
        var ignored = false
    }

    init(settings: LightwaveLinkSimulatorSettings) {
        self.settings = settings
        self.selector = LightwaveLinkSelector(settings.mac)
        self.registered = settings.registeredClients
        self.failTransmit = settings.failTransmit
    }

    private var notRegisteredCode: UInt16 { settings.model == .lw930 ? 2 : 1 }

    /// The Link's answer to `command` from `client` at `now` (`unixTime` for the JSON `time`).
    mutating func handle(
        _ command: LightwaveCommand, from client: String, now: ContinuousClock.Instant, unixTime: Int64
    ) -> Outcome {
        var out = Outcome()
        if let wanted = command.link, wanted != selector {
            out.ignored = true
            return out
        }
        received.append(LightwaveReceivedCommand(at: now, client: client, command: command))
        let trans = command.transaction ?? 0
        func error(_ code: UInt16, _ text: String) -> LightwaveMessage {
            .error(LightwaveErrorReply(transaction: trans, code: code, text: text))
        }
        if case .register = command.action {
            if registered.contains(client) {
                out.replies = [.version(transaction: trans, firmware: settings.firmware)]
            } else if registered.count >= settings.capacity {
                out.replies = [error(1, LightwaveErrorReply.pairingMemoryFullText)]
            } else {
                awaitingButton = (client, now + settings.buttonWindow)
                let text =
                    settings.model == .lw930
                    ? LightwaveErrorReply.awaitingButtonLW930Text : LightwaveErrorReply.awaitingButtonLW500Text
                out.replies = [error(notRegisteredCode, text)]
                out.scheduleAutoPress = settings.autoRegisterAfter != nil
            }
            return out
        }
        guard registered.contains(client) else {
            out.replies = [error(notRegisteredCode, LightwaveErrorReply.notRegisteredText)]
            return out
        }
        if settings.model == .lw500, let line1 = command.line1 { screen = (line1, command.line2) }
        switch command.action {
        case .register: break
        case .deregisterAll:
            registered.removeAll()
            out.replies = [.ok(transaction: trans)]
        case .hubInfo:
            out.replies = [.ok(transaction: trans)]
            if settings.jsonEvents {
                var event = baseEvent(unixTime: unixTime)
                event.type = "hub"
                event.product = "wfl"
                event.firmware = settings.firmware
                out.replies.append(.event(event))
            }
        case .device, .room:
            if failTransmit > 0 {
                failTransmit -= 1
                out.replies = [error(6, LightwaveErrorReply.transmitFailText)]
                return out
            }
            let (function, room, device, parameter) = apply(command.action)
            out.replies = [.ok(transaction: trans)]
            if settings.jsonEvents {
                var event = baseEvent(unixTime: unixTime)
                event.packet = "433T"
                event.function = function
                event.room = Int(room)
                event.device = device.map { Int($0) }
                event.parameter = parameter
                out.replies.append(.event(event))
            }
        }
        return out
    }

    /// The button is pressed: registers the waiting client and answers the JSON success line
    /// (to that client), or `nil` when nobody waits (or the 12 s ran out).
    mutating func pressButton(now: ContinuousClock.Instant, unixTime: Int64) -> (client: String, reply: LightwaveMessage)? {
        guard let waiting = awaitingButton else { return nil }
        awaitingButton = nil
        guard now <= waiting.deadline else { return nil }
        if !registered.contains(waiting.client) { registered.append(waiting.client) }
        var event = baseEvent(unixTime: unixTime)
        event.type = "link"
        event.product = "lwl"
        event["pairType"] = .string("local")
        event.message = "success"
        return (waiting.client, .event(event))
    }

    private mutating func baseEvent(unixTime: Int64) -> LightwaveEvent {
        linkTransaction += 1
        let mac = selector.map { Hex.encode($0.octets, separator: ":").uppercased() }
        return LightwaveEvent(trans: linkTransaction, mac: mac, time: unixTime)
    }

    /// Applies a device or room function; answers the JSON `fn`, room, device and parameter.
    private mutating func apply(_ action: LightwaveAction) -> (String, UInt8, UInt8?, Int?) {
        switch action {
        case .device(let room, let device, let function):
            let address = LightwaveDeviceAddress(room: room, device: device)
            var state = devices[address] ?? LightwaveDeviceState(isOn: false, level: LightwaveDim.fullLevel)
            var parameter: Int? = nil
            switch function {
            case .on:
                state.isOn = true
                if state.level == 0 { state.level = LightwaveDim.fullLevel }
            case .off: state.isOn = false
            case .dim(let level):
                parameter = Int(level)
                if level == 0 {
                    state.isOn = false
                } else {
                    state = LightwaveDeviceState(isOn: true, level: level)
                }
            default: break
            }
            devices[address] = state
            return (action.functionName, room, device, parameter)
        case .room(let room, let function):
            switch function {
            case .allOff:
                for key in devices.keys where key.room == room { devices[key]?.isOn = false }
            case .moodStore(let mood):
                moods[room, default: [:]][mood] = devices.filter { $0.key.room == room }
            case .moodRecall(let mood):
                for (key, state) in moods[room]?[mood] ?? [:] { devices[key] = state }
            }
            let parameter: Int? =
                switch function {
                case .moodStore(let m), .moodRecall(let m): Int(m)
                case .allOff: nil
                }
            return (action.functionName, room, nil, parameter)
        case .register, .deregisterAll, .hubInfo:
            return (action.functionName, 0, nil, nil)
        }
    }
}
