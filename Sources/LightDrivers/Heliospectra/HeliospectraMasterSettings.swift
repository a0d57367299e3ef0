import LightProtocols

/// Settings of a ``HeliospectraMaster`` (issue 4 item 4; PROTOCOLS.md §5; seed
/// `000_f8b5ddd0b5e923dc.txt`). Every timing has the default; the port is a setting so
/// tests use a free one.
public struct HeliospectraMasterSettings: Sendable {
    /// The master's multicast group (each master has its own in 239.0.0.0/8); packages go
    /// there and carry it as the "master multicast IPv4" their slaves filter on.
    public var group: IPv4Address
    /// The UDP port packages go to (50632).
    public var port: Int
    /// The address of the interface packages leave by (`IP_MULTICAST_IF`; `nil`: the kernel's
    /// choice, the default route). Tests on loopback use `127.0.0.1`.
    public var interface: IPv4Address?
    /// Multicast TTL (1: this subnet only).
    public var ttl: UInt8
    /// Whether this host's own sockets (a lamp simulator) receive the packages
    /// (`IP_MULTICAST_LOOP`).
    public var loop: Bool
    /// The address the sending socket binds (`0.0.0.0`: any).
    public var localHost: String
    /// The latest setting is sent again this often (60 s), so lamps that missed it or
    /// restarted catch up.
    public var resendInterval: Duration
    /// The first package's timestamp (`nil`: the Unix time in milliseconds, so a restarted
    /// master continues above its previous counter). Each package adds one, wrapping from
    /// `UInt64.max` to 0, which receivers still read as newer (``HeliospectraMasterFilter``).
    public var initialTimestamp: UInt64?
    /// The package's unpublished details: command value (9), data length rule, CRC scope.
    public var format: HeliospectraMasterFormat

    /// Creates settings with the defaults of issue 4 and PROTOCOLS.md §5.
    public init(
        group: IPv4Address, port: Int = HeliospectraMasterFormat.udpPort, interface: IPv4Address? = nil, ttl: UInt8 = 1,
        loop: Bool = true, localHost: String = "0.0.0.0", resendInterval: Duration = .seconds(60),
        initialTimestamp: UInt64? = nil, format: HeliospectraMasterFormat = .standard
    ) {
        self.group = group
        self.port = port
        self.interface = interface
        self.ttl = ttl
        self.loop = loop
        self.localHost = localHost
        self.resendInterval = resendInterval
        self.initialTimestamp = initialTimestamp
        self.format = format
    }
}
