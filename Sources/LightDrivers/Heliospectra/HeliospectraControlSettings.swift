import LightProtocols

/// Settings of a ``HeliospectraControlClient`` (issue 4 item 4; PROTOCOLS.md §5). Every timing
/// has the default.
public struct HeliospectraControlSettings: Sendable {
    /// The lamp's address.
    public var host: String
    /// The control port (50630).
    public var port: Int
    /// TCP connect timeout.
    public var connectTimeout: Duration
    /// How long a command waits for a connection (connecting, greeting and first prompt
    /// included) before it fails with ``HeliospectraDriverError/notConnected(_:)``.
    public var connectWait: Duration
    /// How long the reply and the prompt after it may take (assumption: 5 s).
    public var replyTimeout: Duration
    /// How often a command is sent again on a new connection when the lamp closed the
    /// connection before answering it (1: rides over the lamp's idle timeout closing the
    /// connection just as a command goes out). Every control command is idempotent.
    public var retriesAfterClose: Int
    /// The client itself closes the connection (with `bye`) after this long without a command,
    /// before the lamp's 30 s idle timeout does, freeing the lamp's single client slot
    /// (`nil`: leave it to the lamp; the next command reconnects either way).
    public var idleDisconnect: Duration?
    /// Reconnect delays after a failed connect.
    public var reconnect: Backoff
    /// Line framing.
    public var format: HeliospectraControlFormat

    /// Creates settings with the defaults of issue 4 and PROTOCOLS.md §5.
    public init(
        host: String, port: Int = HeliospectraControlFormat.tcpPort, connectTimeout: Duration = .seconds(5),
        connectWait: Duration = .seconds(10), replyTimeout: Duration = .seconds(5), retriesAfterClose: Int = 1,
        idleDisconnect: Duration? = .seconds(25),
        reconnect: Backoff = Backoff(initial: .milliseconds(250), maximum: .seconds(30)),
        format: HeliospectraControlFormat = .standard
    ) {
        self.host = host
        self.port = port
        self.connectTimeout = connectTimeout
        self.connectWait = connectWait
        self.replyTimeout = replyTimeout
        self.retriesAfterClose = retriesAfterClose
        self.idleDisconnect = idleDisconnect
        self.reconnect = reconnect
        self.format = format
    }
}
