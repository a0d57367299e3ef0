import LightProtocols

/// How a simulated Heliospectra LX/RX lamp behaves (issue 4 item 6; PROTOCOLS.md §5; seed
/// `000_f8b5ddd0b5e923dc.txt`). The ports are settings so tests use free ones; every timing
/// is a setting with the default.
public struct HeliospectraLampSimulatorSettings: Sendable {
    /// Address the TCP control socket binds (loopback by default).
    public var host: String
    /// TCP control port (50630); 0 picks a free one.
    public var controlPort: Int
    /// UDP port of master packages and discovery (50632); 0 picks a free one. Bound on
    /// ``udpHost`` with address and port reuse, so several lamps on one machine share it.
    public var multicastPort: Int
    /// Address the UDP socket binds: `0.0.0.0` receives multicast and broadcast datagrams.
    public var udpHost: String
    /// The master multicast group this lamp follows (`nil`: join none, apply no package).
    public var group: IPv4Address?
    /// The interface address the group is joined on (`127.0.0.1` for tests on loopback).
    public var interface: IPv4Address
    /// The lamp's channels, in `getWl` order (the seed's example map by default).
    public var wavelengths: [UInt16]
    /// Relative powers at start, one per wavelength (`nil`: all 0).
    public var initialPowers: [UInt16]?
    /// Temperatures in °C that `getDeviceTemperature n` reports, sensor `n` at index `n`.
    public var temperatures: [Double]
    /// The lamp's MAC address (`getmac`, discovery).
    public var mac: HeliospectraMAC
    /// `FwVersion` of the discovery info reply.
    public var firmware: String
    /// `SerialNr` of the discovery info reply.
    public var serialNumber: String
    /// `IPAddress` of the discovery info reply (`nil`: ``host``).
    public var ipAddress: String?
    /// The line sent when a client connects, before the first prompt.
    public var greeting: String
    /// The line sent to a second client before it is closed (one client at a time, §5).
    public var busyText: String
    /// A client that sends nothing for this long is closed (§5: 30 s).
    public var idleTimeout: Duration
    /// Master packages whose timestamp is older than the last accepted one are dropped; after
    /// this many in a row the next is taken as a master restart (see ``HeliospectraMasterFilter``).
    public var staleRestartThreshold: Int
    /// The master package format (command 9 by default).
    public var masterFormat: HeliospectraMasterFormat
    /// Control-socket line framing.
    public var controlFormat: HeliospectraControlFormat

    /// The seed's example channel map: 400, 420, 450, 530, 630, 660, 735 nm.
    public static let defaultWavelengths: [UInt16] = [400, 420, 450, 530, 630, 660, 735]

    /// Creates settings; the defaults are a lamp on 127.0.0.1:50630 and UDP 50632 following
    /// master group 239.1.1.1.
    public init(
        host: String = "127.0.0.1", controlPort: Int = HeliospectraControlFormat.tcpPort,
        multicastPort: Int = HeliospectraMasterFormat.udpPort, udpHost: String = "0.0.0.0",
        group: IPv4Address? = IPv4Address(239, 1, 1, 1), interface: IPv4Address = IPv4Address(127, 0, 0, 1),
        wavelengths: [UInt16] = defaultWavelengths, initialPowers: [UInt16]? = nil, temperatures: [Double] = [25.5, 31.0],
        mac: HeliospectraMAC = HeliospectraMAC([0x00, 0x1E, 0xC0, 0x5A, 0x00, 0x01]) ?? .broadcast,
        firmware: String = "3.2.2", serialNumber: String = "LX601C-0001", ipAddress: String? = nil,
        greeting: String = "Heliospectra LX60 control socket, type commands after the prompt",
        busyText: String = "Busy: another client is connected", idleTimeout: Duration = .seconds(30),
        staleRestartThreshold: Int = 3, masterFormat: HeliospectraMasterFormat = .standard,
        controlFormat: HeliospectraControlFormat = .standard
    ) {
        self.host = host
        self.controlPort = controlPort
        self.multicastPort = multicastPort
        self.udpHost = udpHost
        self.group = group
        self.interface = interface
        self.wavelengths = wavelengths
        self.initialPowers = initialPowers
        self.temperatures = temperatures
        self.mac = mac
        self.firmware = firmware
        self.serialNumber = serialNumber
        self.ipAddress = ipAddress
        self.greeting = greeting
        self.busyText = busyText
        self.idleTimeout = idleTimeout
        self.staleRestartThreshold = staleRestartThreshold
        self.masterFormat = masterFormat
        self.controlFormat = controlFormat
    }
}
