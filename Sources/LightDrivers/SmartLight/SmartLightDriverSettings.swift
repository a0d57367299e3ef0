import BridgeIO
import LightProtocols

/// Settings of a ``SmartLightDriver`` (issue 4 item 5; PROTOCOLS.md §1.2–§1.4; seed
/// `002_5fdeac084bbe168a.txt`). Every timing is here with the default.
public struct SmartLightDriverSettings: Sendable {
    /// How packets (or frames) reach the light.
    public enum Transport: Sendable {
        /// Binary packets over TCP to the light's server (port 13000, seed): ids matched, replies
        /// checked.
        case tcp(host: String, port: Int = SmartLightPacketFormat.tcpPort)
        /// Framed ASCII (`DDDDD<letter><params>DD`, §1.2) on a serial port: write-only, the light
        /// never answers on RS232.
        case serial(path: String, settings: SerialSettings = SerialSettings(), format: SmartLightFrameFormat = .standard)
        /// Binary packets over a bulk OUT/IN endpoint pair (§1.4 assumption), replies read from the
        /// IN endpoint as on TCP. The device's `packetFormat` is ignored: ``modeByteOrder`` rules.
        case usb(SmartLightUSBSettings)
    }

    /// The transport.
    public var transport: Transport
    /// How long a reply (TCP, USB) may take; also how long a command waits for a link. 1 s.
    public var replyTimeout: Duration
    /// TCP connect timeout; 5 s.
    public var connectTimeout: Duration
    /// Delays between attempts to (re)open the link: 250 ms doubling, at most 30 s.
    public var reconnect: Backoff
    /// Byte order of the 16-bit mode number in binary packets (§1.4: MSB first by default).
    public var modeByteOrder: SmartLightPacketFormat.ModeByteOrder

    /// Creates settings with the defaults of issue 4 and PROTOCOLS.md §1.4.
    public init(
        transport: Transport, replyTimeout: Duration = .seconds(1), connectTimeout: Duration = .seconds(5),
        reconnect: Backoff = Backoff(initial: .milliseconds(250), maximum: .seconds(30)),
        modeByteOrder: SmartLightPacketFormat.ModeByteOrder = .msbFirst
    ) {
        self.transport = transport
        self.replyTimeout = replyTimeout
        self.connectTimeout = connectTimeout
        self.reconnect = reconnect
        self.modeByteOrder = modeByteOrder
    }

    /// The packet layout the binary transports use.
    public var packetFormat: SmartLightPacketFormat { SmartLightPacketFormat(modeByteOrder: modeByteOrder) }

    /// Whether the transport answers each packet (TCP and USB do; serial is write-only).
    public var expectsReplies: Bool {
        if case .serial = transport { return false }
        return true
    }

    /// The transport in one line, for logs.
    public var endpointDescription: String {
        switch transport {
        case .tcp(let host, let port): return "tcp \(host):\(port)"
        case .serial(let path, let settings, _): return "serial \(path) at \(settings.baudRate) baud"
        case .usb(let usb): return "usb \(usb.device)"
        }
    }
}
