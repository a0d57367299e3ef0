import BridgeIO
import LightProtocols

/// Settings of a ``LumencorDriver`` (issue 4 item 3; PROTOCOLS.md §4; seed 001). Every timing
/// from the issue is here with the default.
public struct LumencorDriverSettings: Sendable {
    /// How the driver reaches the engine.
    public enum Transport: Sendable, Hashable {
        /// A TCP connection (port 8095).
        case tcp(host: String, port: Int = LumencorFormat.tcpPort)
        /// UDP datagrams (port configurable, default 8095: PROTOCOLS.md §4 assumption).
        case udp(host: String, port: Int = LumencorFormat.defaultUDPPort)
        /// An RS-232 or USB-serial line (115200 8N1, no flow control by default).
        case serial(path: String, settings: SerialSettings = LumencorDriverSettings.serialDefaults)
    }

    /// 115200 baud, 8N1, no flow control (PROTOCOLS.md §4).
    public static let serialDefaults = SerialSettings(
        baudRate: LumencorFormat.serialBaudRate, dataBits: 8, parity: .none, stopBits: 1, flowControl: .none)

    /// Where the engine is.
    public var transport: Transport
    /// No answer within this time means the command failed (seed: 100 ms).
    public var answerTimeout: Duration
    /// After connecting, an empty line goes out first (the first command after power-up can
    /// fail); whatever comes back within ``primeDelay`` is dropped.
    public var sendsEmptyLine: Bool
    /// How long to wait after the empty line before the first command (100 ms).
    public var primeDelay: Duration
    /// How long a command waits for the link to be up and the engine read before it fails
    /// with ``LumencorDriverError/notConnected`` (2 s).
    public var readyTimeout: Duration
    /// How often `GET STAT` and `GET TEMP` are polled (5 s; `nil`: never, after the reads at
    /// connect).
    public var pollInterval: Duration?
    /// After this many timeouts in a row the link is closed and opened again (3).
    public var timeoutsBeforeReconnect: Int
    /// TCP connect timeout (2 s).
    public var connectTimeout: Duration
    /// Delays between attempts to open the link: 250 ms doubling up to 30 s.
    public var reconnect: Backoff
    /// Local address of the UDP socket.
    public var udpLocalHost: String
    /// Line limits.
    public var format: LumencorFormat

    /// Creates settings with the defaults of issue 4 and PROTOCOLS.md §4.
    public init(
        transport: Transport, answerTimeout: Duration = .milliseconds(LumencorFormat.answerTimeoutMilliseconds),
        sendsEmptyLine: Bool = true, primeDelay: Duration = .milliseconds(100), readyTimeout: Duration = .seconds(2),
        pollInterval: Duration? = .seconds(5), timeoutsBeforeReconnect: Int = 3, connectTimeout: Duration = .seconds(2),
        reconnect: Backoff = Backoff(initial: .milliseconds(250), maximum: .seconds(30)), udpLocalHost: String = "0.0.0.0",
        format: LumencorFormat = LumencorFormat()
    ) {
        self.transport = transport
        self.answerTimeout = answerTimeout
        self.sendsEmptyLine = sendsEmptyLine
        self.primeDelay = primeDelay
        self.readyTimeout = readyTimeout
        self.pollInterval = pollInterval
        self.timeoutsBeforeReconnect = timeoutsBeforeReconnect
        self.connectTimeout = connectTimeout
        self.reconnect = reconnect
        self.udpLocalHost = udpLocalHost
        self.format = format
    }
}

extension LumencorDriverSettings.Transport: CustomStringConvertible {
    /// `tcp HOST:PORT`, `udp HOST:PORT` or `serial PATH`.
    public var description: String {
        switch self {
        case .tcp(let host, let port): return "tcp \(host):\(port)"
        case .udp(let host, let port): return "udp \(host):\(port)"
        case .serial(let path, _): return "serial \(path)"
        }
    }
}
