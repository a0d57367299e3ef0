import LightProtocols

/// How the Smart Light USB transport finds and talks to its device (PROTOCOLS.md §1.4: the TCP
/// packets over a bulk OUT/IN endpoint pair; VID:PID and endpoints configurable because no
/// public IDs exist).
public struct SmartLightUSBSettings: Sendable, Hashable {
    /// How new devices are noticed.
    public enum Arrival: Sendable, Hashable {
        /// libusb hotplug when the platform has it, else a scan every `scanInterval`.
        case automatic
        /// Always a periodic scan (`libusb_get_device_list`).
        case scan
    }

    /// Which device.
    public var device: USBDeviceSelector
    /// The interface number to claim.
    public var interface: Int
    /// The bulk OUT endpoint address (direction bit clear), e.g. `0x01`.
    public var outEndpoint: UInt8
    /// The bulk IN endpoint address (direction bit set), e.g. `0x81`.
    public var inEndpoint: UInt8
    /// How long a write may take before it fails, in milliseconds (0 = no limit).
    public var writeTimeoutMilliseconds: UInt32
    /// Bytes asked for per IN transfer: a multiple of the endpoint's packet size.
    public var readSize: Int
    /// IN transfers kept in flight, so nothing is lost between completions.
    public var readTransfers: Int
    /// IN transfer errors in a row after which the device counts as gone (no busy loop).
    public var maxConsecutiveErrors: Int
    /// How new devices are noticed.
    public var arrival: Arrival
    /// Interval of the periodic scan, in milliseconds.
    public var scanIntervalMilliseconds: Int
    /// Answer each good request packet with the success reply `[id, 4, command, 0]`, as the TCP
    /// server does (§1.4 assumption).
    public var acknowledgeRequests: Bool
    /// Packet layout (mode-number byte order).
    public var packetFormat: SmartLightPacketFormat

    /// Creates settings; the defaults are interface 0, OUT `0x01`, IN `0x81`, 1 s write timeout,
    /// two 512-byte reads in flight, hotplug (or a 2 s scan) and acknowledged requests.
    public init(
        device: USBDeviceSelector, interface: Int = 0, outEndpoint: UInt8 = 0x01, inEndpoint: UInt8 = 0x81,
        writeTimeoutMilliseconds: UInt32 = 1000, readSize: Int = 512, readTransfers: Int = 2, maxConsecutiveErrors: Int = 5,
        arrival: Arrival = .automatic, scanIntervalMilliseconds: Int = 2000, acknowledgeRequests: Bool = true,
        packetFormat: SmartLightPacketFormat = SmartLightPacketFormat()
    ) {
        self.device = device
        self.interface = interface
        self.outEndpoint = outEndpoint
        self.inEndpoint = inEndpoint
        self.writeTimeoutMilliseconds = writeTimeoutMilliseconds
        self.readSize = readSize
        self.readTransfers = readTransfers
        self.maxConsecutiveErrors = maxConsecutiveErrors
        self.arrival = arrival
        self.scanIntervalMilliseconds = scanIntervalMilliseconds
        self.acknowledgeRequests = acknowledgeRequests
        self.packetFormat = packetFormat
    }

    /// Checks every field; the first problem found is thrown.
    public func validate() throws(USBError) {
        guard (0...255).contains(interface) else { throw .invalidSetting("interface \(interface) is outside 0...255") }
        guard outEndpoint & 0x80 == 0, outEndpoint & 0x0F != 0 else {
            throw .invalidSetting("OUT endpoint \(hex(outEndpoint)) must be 0x01...0x0f (direction bit clear)")
        }
        guard inEndpoint & 0x80 != 0, inEndpoint & 0x0F != 0 else {
            throw .invalidSetting("IN endpoint \(hex(inEndpoint)) must be 0x81...0x8f (direction bit set)")
        }
        guard outEndpoint & 0x70 == 0, inEndpoint & 0x70 == 0 else {
            throw .invalidSetting("endpoint numbers are 1...15 (bits 4-6 must be clear)")
        }
        guard (1...65536).contains(readSize) else { throw .invalidSetting("read size \(readSize) is outside 1...65536") }
        guard (1...8).contains(readTransfers) else { throw .invalidSetting("read transfers \(readTransfers) is outside 1...8") }
        guard maxConsecutiveErrors >= 1 else { throw .invalidSetting("max consecutive errors must be at least 1") }
        guard (10...3_600_000).contains(scanIntervalMilliseconds) else {
            throw .invalidSetting("scan interval \(scanIntervalMilliseconds) ms is outside 10...3600000")
        }
    }
}
