import LightProtocols

/// How a simulated LightwaveRF Link behaves (issue 4, item 6; PROTOCOLS.md §3).
public struct LightwaveLinkSimulatorSettings: Sendable {
    /// Address the command socket binds (loopback by default).
    public var host: String
    /// Command port (the Link's 9760); 0 picks a free one.
    public var port: Int
    /// Port replies and JSON events go to on the client's address (the Link's 9761).
    public var replyPort: Int
    /// Where the second ("broadcast") copy of every reply goes, on ``replyPort``; `nil` sends
    /// the unicast copy only. On loopback `127.255.255.255` reaches sockets bound to `0.0.0.0`;
    /// tests bound to `127.0.0.1` use `127.0.0.1`, which simply delivers the copy twice.
    public var broadcastAddress: String?
    /// Which hardware it plays: the "not registered" error code (1 or 2) and the texts follow it.
    public var model: LightwaveLinkModel
    /// The Link's MAC address; its last three octets are the selector it answers to.
    public var mac: String
    /// The firmware version `!F*p` from a registered client reports.
    public var firmware: String
    /// Whether the JSON line follows `OK` (firmware 2.92 onwards).
    public var jsonEvents: Bool
    /// Press the button by itself this long after a registration request (`nil`: only
    /// ``LightwaveLinkSimulator/pressButton()`` does).
    public var autoRegisterAfter: Duration?
    /// How long the Link waits for its button after `!F*p` (12 s).
    public var buttonWindow: Duration
    /// How many clients it holds (12).
    public var capacity: Int
    /// Clients (IP addresses) registered from the start.
    public var registeredClients: [String]
    /// The next this-many radio commands answer `ERR,6,"Transmit fail"`.
    public var failTransmit: Int

    /// Creates settings; the defaults are an LW500 on 127.0.0.1:9760 replying to 9761.
    public init(
        host: String = "127.0.0.1", port: Int = LightwaveUDP.commandPort, replyPort: Int = LightwaveUDP.replyPort,
        broadcastAddress: String? = "127.255.255.255", model: LightwaveLinkModel = .lw500, mac: String? = nil,
        firmware: String? = nil, jsonEvents: Bool = true, autoRegisterAfter: Duration? = nil,
        buttonWindow: Duration = .seconds(12), capacity: Int = 12, registeredClients: [String] = [],
        failTransmit: Int = 0
    ) {
        self.host = host
        self.port = port
        self.replyPort = replyPort
        self.broadcastAddress = broadcastAddress
        self.model = model
        self.mac = mac ?? (model == .lw500 ? "74:0A:BC:03:34:BC" : "74:0A:BC:20:56:78")
        self.firmware = firmware ?? (model == .lw500 ? "U2.93J" : "N2.93J")
        self.jsonEvents = jsonEvents
        self.autoRegisterAfter = autoRegisterAfter
        self.buttonWindow = buttonWindow
        self.capacity = capacity
        self.registeredClients = registeredClients
        self.failTransmit = failTransmit
    }
}
