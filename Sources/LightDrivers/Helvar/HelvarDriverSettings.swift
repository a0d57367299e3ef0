import LightProtocols

/// Settings of a ``HelvarDriver`` (issue 4 item 1; PROTOCOLS.md §2). Every timing from the
/// issue is here with the default.
public struct HelvarDriverSettings: Sendable {
    /// How commands travel.
    public enum Transport: String, Sendable, Hashable {
        /// A persistent TCP connection (default port 50000).
        case tcp
        /// UDP datagrams (default port 50001).
        case udp
    }

    /// How commands are written.
    public enum Encoding: String, Sendable, Hashable {
        /// `>V:1,C:11,G:1,…#` (the default).
        case ascii
        /// Ten big-endian words (control commands only: a raw reply has no room for an answer).
        case raw
    }

    /// The router's address.
    public var host: String
    /// The router's port; `nil` uses 50000 (TCP) or 50001 (UDP).
    public var port: Int?
    /// TCP (default) or UDP.
    public var transport: Transport
    /// ASCII (default) or raw.
    public var encoding: Encoding
    /// Local address of the UDP socket.
    public var udpLocalHost: String
    /// The `V` the convenience methods send (1 per the seed; routers accept 2 as well).
    public var version: UInt8
    /// Send control and configuration commands with `A:1` and wait for the acknowledgement.
    public var acknowledge: Bool
    /// How long a reply (or acknowledgement) may take. Assumption: 5 s.
    public var replyTimeout: Duration
    /// How often query 185 keeps the connection alive (`nil`: never); 120 s.
    public var keepAliveInterval: Duration?
    /// The least time between two writes, so a router is not overrun; 10 ms.
    public var writeInterval: Duration
    /// TCP connect timeout.
    public var connectTimeout: Duration
    /// Reconnect delays after a failed connect or a lost connection.
    public var reconnect: Backoff
    /// Message limits.
    public var format: HelvarFormat

    /// Creates settings with the defaults of issue 4 and PROTOCOLS.md §2.
    public init(
        host: String, port: Int? = nil, transport: Transport = .tcp, encoding: Encoding = .ascii,
        udpLocalHost: String = "0.0.0.0", version: UInt8 = 1, acknowledge: Bool = false,
        replyTimeout: Duration = .seconds(5), keepAliveInterval: Duration? = .seconds(120),
        writeInterval: Duration = .milliseconds(10), connectTimeout: Duration = .seconds(5),
        reconnect: Backoff = Backoff(initial: .milliseconds(250), maximum: .seconds(30)), format: HelvarFormat = .standard
    ) {
        self.host = host
        self.port = port
        self.transport = transport
        self.encoding = encoding
        self.udpLocalHost = udpLocalHost
        self.version = version
        self.acknowledge = acknowledge
        self.replyTimeout = replyTimeout
        self.keepAliveInterval = keepAliveInterval
        self.writeInterval = writeInterval
        self.connectTimeout = connectTimeout
        self.reconnect = reconnect
        self.format = format
    }

    /// The port actually used.
    public var effectivePort: Int {
        port ?? (transport == .tcp ? HelvarFormat.tcpPort : HelvarFormat.udpPort)
    }
}
