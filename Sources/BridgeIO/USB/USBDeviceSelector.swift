/// Which USB device a source or driver uses: VID:PID, optionally narrowed by serial number and
/// by bus or port (PROTOCOLS.md §1.4: no public IDs exist, so they are always configured).
///
/// Text form: `VVVV:PPPP[,serial=S][,bus=N][,port=B-P.P…]`, e.g. `1a86:7523`,
/// `1a86:7523,serial=A10K3`, `1a86:7523,port=1-1.4` (the sysfs name: bus 1, port 1, then 4).
public struct USBDeviceSelector: Sendable, Hashable, CustomStringConvertible {
    /// Vendor ID.
    public var vendorID: UInt16
    /// Product ID.
    public var productID: UInt16
    /// Serial number string, compared exactly once the device is opened.
    public var serial: String?
    /// Bus number.
    public var bus: UInt8?
    /// Port numbers from the root hub down (with `bus`: one physical socket).
    public var portPath: [UInt8]?

    /// Creates a selector.
    public init(vendorID: UInt16, productID: UInt16, serial: String? = nil, bus: UInt8? = nil, portPath: [UInt8]? = nil) {
        self.vendorID = vendorID
        self.productID = productID
        self.serial = serial
        self.bus = bus
        self.portPath = portPath
    }

    /// Parses the text form; throws ``USBError/invalidSelector(_:)`` saying what is wrong.
    public init(parsing text: String) throws(USBError) {
        var parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let ids = parts.removeFirst().split(separator: ":", omittingEmptySubsequences: false)
        guard ids.count == 2, let vid = Self.hexID(ids[0]), let pid = Self.hexID(ids[1]) else {
            throw .invalidSelector("'\(text)': expected VID:PID as four hex digits each, e.g. 1a86:7523")
        }
        self.init(vendorID: vid, productID: pid)
        for part in parts {
            guard let eq = part.firstIndex(of: "=") else {
                throw .invalidSelector("'\(part)': expected key=value (serial, bus, port)")
            }
            let key = part[..<eq], value = String(part[part.index(after: eq)...])
            switch key {
            case "serial":
                guard !value.isEmpty else { throw .invalidSelector("empty serial number") }
                serial = value
            case "bus":
                guard let n = UInt8(value), n > 0 else { throw .invalidSelector("bus '\(value)' is not 1...255") }
                bus = n
            case "port":
                let (b, path) = try Self.port(value)
                bus = b
                portPath = path
            default:
                throw .invalidSelector("unknown key '\(key)' (serial, bus, port)")
            }
        }
    }

    /// True when `device` is the selected one as far as IDs and location tell; the serial
    /// number is compared too when `device.serial` is known.
    public func matches(_ device: USBDeviceInfo) -> Bool {
        guard device.vendorID == vendorID, device.productID == productID else { return false }
        if let bus, device.bus != bus { return false }
        if let portPath, device.portPath != portPath { return false }
        if let serial, let found = device.serial, found != serial { return false }
        return true
    }

    public var description: String {
        var text = "\(hex4(vendorID)):\(hex4(productID))"
        if let serial { text += ",serial=\(serial)" }
        if let bus, let portPath {
            text += ",port=\(bus)-" + portPath.map { String($0) }.joined(separator: ".")
        } else if let bus {
            text += ",bus=\(bus)"
        }
        return text
    }

    private static func hexID(_ text: Substring) -> UInt16? {
        guard text.count == 4 else { return nil }
        return UInt16(text, radix: 16)
    }

    /// `B-P.P…` → bus and port numbers (USB allows at most 7 tiers of ports).
    private static func port(_ text: String) throws(USBError) -> (UInt8, [UInt8]) {
        let halves = text.split(separator: "-", omittingEmptySubsequences: false)
        let bad = USBError.invalidSelector("port '\(text)': expected BUS-PORT[.PORT…] as in sysfs, e.g. 1-1.4")
        guard halves.count == 2, let bus = UInt8(halves[0]), bus > 0 else { throw bad }
        let ports = halves[1].split(separator: ".", omittingEmptySubsequences: false).map { UInt8($0) }
        guard (1...7).contains(ports.count) else { throw bad }
        var path: [UInt8] = []
        for port in ports {
            guard let port, port > 0 else { throw bad }
            path.append(port)
        }
        return (bus, path)
    }
}
