import LightProtocols

/// How the LightwaveRF driver talks to a Link (issue 4, item 2; PROTOCOLS.md §3). Every timing
/// is a setting with the default; the ports are settings so tests use free ones.
public struct LightwaveDriverSettings: Sendable {
    /// The Link's IP address, or the broadcast address with ``broadcast``.
    public var linkHost: String
    /// The Link's command port (9760).
    public var commandPort: Int
    /// The port replies arrive on (9761); bound with address and port reuse so other software
    /// on this machine can listen too.
    public var replyPort: Int
    /// The address the reply socket binds: `0.0.0.0` receives the Link's broadcasts; tests use
    /// `127.0.0.1`.
    public var listenHost: String
    /// Whether ``linkHost`` is a broadcast address (sets `SO_BROADCAST`).
    public var broadcast: Bool
    /// The `:<MAC>,` prefix so only this Link acts (seed 004 recommends it); `nil`: none.
    public var linkSelector: LightwaveLinkSelector?
    /// How long to wait for `OK`/`ERR` after each datagram.
    public var replyTimeout: Duration
    /// How many times a command is re-sent (with a new id) when no reply comes.
    public var noReplyRetries: Int
    /// Whether a radio command waits for the Link's JSON line (firmware 2.92+) proving the
    /// packet went out; without it, `OK` is enough.
    public var awaitConfirmation: Bool
    /// How long to wait for that JSON line after `OK`.
    public var confirmationTimeout: Duration
    /// The `ERR,6` retry schedule: 125 ms doubling, giving up after 5 s.
    public var transmitFailBackoff: Backoff
    /// The least time between the end of one exchange with the Link (its reply, or its
    /// time-out) and the next datagram.
    public var pacing: Duration
    /// How long a user has to press the Link's button after `!F*p` (the Link waits 12 s).
    public var registrationTimeout: Duration
    /// A datagram identical to one received this recently is a broadcast/unicast duplicate.
    public var duplicateWindow: Duration

    /// Creates settings with the defaults.
    public init(
        linkHost: String, commandPort: Int = LightwaveUDP.commandPort, replyPort: Int = LightwaveUDP.replyPort,
        listenHost: String = "0.0.0.0", broadcast: Bool = false, linkSelector: LightwaveLinkSelector? = nil,
        replyTimeout: Duration = .seconds(2), noReplyRetries: Int = 2, awaitConfirmation: Bool = false,
        confirmationTimeout: Duration = .seconds(2),
        transmitFailBackoff: Backoff = Backoff(
            initial: .milliseconds(125), maximum: .seconds(5), giveUpAfter: .seconds(5)),
        pacing: Duration = .milliseconds(250), registrationTimeout: Duration = .seconds(12),
        duplicateWindow: Duration = .seconds(2)
    ) {
        self.linkHost = linkHost
        self.commandPort = commandPort
        self.replyPort = replyPort
        self.listenHost = listenHost
        self.broadcast = broadcast
        self.linkSelector = linkSelector
        self.replyTimeout = replyTimeout
        self.noReplyRetries = noReplyRetries
        self.awaitConfirmation = awaitConfirmation
        self.confirmationTimeout = confirmationTimeout
        self.transmitFailBackoff = transmitFailBackoff
        self.pacing = pacing
        self.registrationTimeout = registrationTimeout
        self.duplicateWindow = duplicateWindow
    }
}
