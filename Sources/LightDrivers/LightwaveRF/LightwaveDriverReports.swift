import LightProtocols

/// How a command went (issue 4, item 2).
public struct LightwaveSendResult: Sendable, Hashable {
    /// The transaction id that got the `OK`.
    public var transaction: UInt16
    /// Datagrams sent for it (1 unless retried).
    public var attempts: Int
    /// The `ERR,6` back-off delays waited before it went through.
    public var retryDelays: [Duration]
    /// The JSON line that proved the transmission (when awaited, or when it came along).
    public var confirmation: LightwaveEvent?
}

/// How a registration went (PROTOCOLS.md §3 "Registration").
public enum LightwaveRegistrationOutcome: Sendable, Hashable {
    /// The button was pressed: `"type":"link","msg":"success"`.
    case registered(LightwaveEvent)
    /// This client was registered already; the Link answered its firmware version.
    case alreadyRegistered(firmware: String)
}

/// What the driver reports besides command results, for the bridge (issue 5).
public enum LightwaveDriverEvent: Sendable, Hashable {
    /// The link's health changed.
    case health(LightHealth)
    /// A JSON line from the Link (each once, duplicates dropped).
    case linkEvent(LightwaveEvent)
    /// A datagram on the reply port that does not decode.
    case badDatagram(LightwaveError)
}

/// What the driver has seen so far.
public struct LightwaveDriverCounters: Sendable, Hashable {
    /// Datagrams sent.
    public var sent = 0
    /// Datagrams received (duplicates included).
    public var received = 0
    /// Broadcast/unicast duplicates dropped.
    public var duplicates = 0
    /// Replies whose transaction id no command waited for.
    public var stray = 0
    /// Datagrams that did not decode.
    public var bad = 0
    /// `ERR,6` retries.
    public var transmitRetries = 0

    /// All zero.
    public init() {}
}
