/// The LightwaveRF Link command model (seed `004_ba308fd4a8628ac7.txt` "Command Package";
/// PROTOCOLS.md §3).
///
/// Wire form: `[:<MAC>,]<trans>,!R<room>D<device>F<fn>[P<param>][|line1|line2]`, plus the
/// Link-level `<trans>,!F*p`, `<trans>,!F*xP` and `<trans>,@H`.

/// What a function addressed to one device does (`!R<room>D<device>F…`).
public enum LightwaveDeviceFunction: Sendable, Hashable {
    /// `F1`: on.
    case on
    /// `F0`: off.
    case off
    /// `FdP<level>`: dim to `level` of 32 (32 = full). Level 0 is accepted because the PyPI
    /// `lightwave` client sends `FdP0`; ``LightwaveDim`` sends `F0` for 0 % instead.
    case dim(level: UInt8)
    /// `F(`: open (blinds, curtains).
    case open
    /// `F)`: close.
    case close
    /// `F^`: stop opening or closing.
    case stop
    /// `Fl`: lock (manual control on the device disabled).
    case lock
    /// `Fk`: full lock (manual and remote control disabled).
    case fullLock
    /// `Fu`: unlock.
    case unlock

    /// Valid dim levels on decode and encode (32 = full; 0 tolerated, see ``dim(level:)``).
    public static let dimLevelRange = 0...32
}

/// What a function addressed to a whole room does (`!R<room>F…`, no device).
public enum LightwaveRoomFunction: Sendable, Hashable {
    /// `Fa`: every device in the room off.
    case allOff
    /// `FmP<mood>`: recall mood 1–5.
    case moodRecall(mood: UInt8)
    /// `FsP<mood>`: store the room's current state as mood 1–5.
    case moodStore(mood: UInt8)

    /// Valid mood numbers.
    public static let moodRange = 1...5
}

/// What a command asks the Link to do, with the addressing each function needs: device
/// functions take a room and a device, room functions a room only, Link functions neither.
public enum LightwaveAction: Sendable, Hashable {
    /// A function for device `device` in room `room`.
    case device(room: UInt8, device: UInt8, LightwaveDeviceFunction)
    /// A function for every device of room `room`.
    case room(room: UInt8, LightwaveRoomFunction)
    /// `!F*p`: ask to register this client (the user then presses the Link's button within 12 s).
    case register
    /// `!F*xP`: de-register every client.
    case deregisterAll
    /// `@H`: hub information (the Link answers with a JSON event).
    case hubInfo

    /// Valid room numbers. The seed says 1–15; some sources use 16, so 16 is accepted too.
    public static let roomRange = 1...16
    /// Valid device numbers.
    public static let deviceRange = 1...16
}

/// One command from a client to the Link (seed 004 "Command Package"; PROTOCOLS.md §3).
///
/// JSON (inside ``LightwaveMessage``): `{"type":"command","link":"205678","trans":123,"room":1,
/// "device":1,"function":"on"}`; see docs/json/lightwave.md for every function.
public struct LightwaveCommand: Sendable, Hashable {
    /// Longest screen line the LW500 shows.
    public static let maxScreenLineLength = 16
    /// Valid client transaction ids (the client cycles through them).
    public static let transactionRange = 1...999

    /// `:<MAC>,` prefix: only the Link with this MAC ending acts on the command.
    public var link: LightwaveLinkSelector?
    /// The client's transaction id 1–999, echoed in the reply; `nil` sends an empty one
    /// (`,!R…`), which the Link answers as `0`.
    public var transaction: UInt16?
    /// What to do.
    public var action: LightwaveAction
    /// Top screen line of an LW500, ≤ 16 printable characters without `|` (LW930: ignored).
    public var line1: String?
    /// Bottom screen line; only together with ``line1``.
    public var line2: String?

    /// Creates a command.
    public init(
        link: LightwaveLinkSelector? = nil, transaction: UInt16?, action: LightwaveAction, line1: String? = nil,
        line2: String? = nil
    ) {
        self.link = link
        self.transaction = transaction
        self.action = action
        self.line1 = line1
        self.line2 = line2
    }
}

extension LightwaveAction {
    /// The function's camelCase name, as JSON and error messages spell it.
    public var functionName: String {
        switch self {
        case .device(_, _, let f):
            switch f {
            case .on: return "on"
            case .off: return "off"
            case .dim: return "dim"
            case .open: return "open"
            case .close: return "close"
            case .stop: return "stop"
            case .lock: return "lock"
            case .fullLock: return "fullLock"
            case .unlock: return "unlock"
            }
        case .room(_, let f):
            switch f {
            case .allOff: return "allOff"
            case .moodRecall: return "moodRecall"
            case .moodStore: return "moodStore"
            }
        case .register: return "register"
        case .deregisterAll: return "deregisterAll"
        case .hubInfo: return "hubInfo"
        }
    }
}
