/// A HelvarNet address `@cluster.router.subnet.device[.subdevice]` or a prefix of it
/// (PROTOCOLS.md §2): a cluster is the 3rd IPv4 octet of its router, a router the 4th.
/// Query Routers (102) takes a cluster address, Query Device Types and Addresses (100) a subnet
/// address, device commands a 4- or 5-part address. JSON: the dotted text, e.g. `"2.2.1.1"`.
public struct HelvarAddress: Sendable, Hashable {
    /// Valid clusters.
    public static let clusterRange: ClosedRange<Int64> = 1...253
    /// Valid routers.
    public static let routerRange: ClosedRange<Int64> = 1...254
    /// Valid subnets.
    public static let subnetRange: ClosedRange<Int64> = 1...4
    /// Valid devices.
    public static let deviceRange: ClosedRange<Int64> = 1...255
    /// Valid sub-devices.
    public static let subdeviceRange: ClosedRange<Int64> = 1...16

    /// Cluster, 1–253.
    public var cluster: UInt8
    /// Router, 1–254.
    public var router: UInt8?
    /// Subnet, 1–4 (needs a router).
    public var subnet: UInt8?
    /// Device, 1–255 (needs a subnet).
    public var device: UInt8?
    /// Sub-device, 1–16 (needs a device).
    public var subdevice: UInt8?

    /// Creates an address; ranges and the prefix rule are checked by ``validate()``.
    public init(cluster: UInt8, router: UInt8? = nil, subnet: UInt8? = nil, device: UInt8? = nil, subdevice: UInt8? = nil) {
        self.cluster = cluster
        self.router = router
        self.subnet = subnet
        self.device = device
        self.subdevice = subdevice
    }

    /// The number of parts, 1–5.
    public var depth: Int {
        subdevice != nil ? 5 : device != nil ? 4 : subnet != nil ? 3 : router != nil ? 2 : 1
    }

    /// Checks each part's range and that no part is given without the ones before it.
    public func validate() throws(HelvarError) {
        try checkRange("cluster", Int64(cluster), Self.clusterRange)
        let parts: [(String, UInt8?, ClosedRange<Int64>)] = [
            ("router", router, Self.routerRange), ("subnet", subnet, Self.subnetRange),
            ("device", device, Self.deviceRange), ("sub-device", subdevice, Self.subdeviceRange),
        ]
        var gap = false
        for (name, value, range) in parts {
            guard let value else {
                gap = true
                continue
            }
            guard !gap else { throw .invalidAddress("\(description): \(name) given without the parts before it") }
            try checkRange(name, Int64(value), range)
        }
    }

    /// Parses dotted text (an optional leading `@` is allowed) and validates it.
    public init(parsing text: String) throws(HelvarError) {
        var bytes = Array(text.utf8)
        if bytes.first == UInt8(ascii: "@") { bytes.removeFirst() }
        self = try bytes.withUnsafeBufferPointer { (b) throws(HelvarError) -> HelvarAddress in
            try HelvarAddress.parse(b, 0, b.count)
        }
    }

    /// Parses `bytes[start..<end]` (no `@`): 1–5 decimal parts separated by dots, each in range.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) throws(HelvarError) -> HelvarAddress {
        var parts: (UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0)
        var count = 0
        var i = start
        while true {
            var value: Int64 = 0
            var digits = 0
            while i < end, bytes[i] &- 0x30 < 10, digits < 4 {
                value = value &* 10 &+ Int64(bytes[i] &- 0x30)
                digits += 1
                i += 1
            }
            guard digits > 0, count < 5, i == end || bytes[i] == UInt8(ascii: ".") else {
                throw .invalidAddress(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            }
            let range: ClosedRange<Int64>
            let name: String
            switch count {
            case 0: (range, name) = (clusterRange, "cluster")
            case 1: (range, name) = (routerRange, "router")
            case 2: (range, name) = (subnetRange, "subnet")
            case 3: (range, name) = (deviceRange, "device")
            default: (range, name) = (subdeviceRange, "sub-device")
            }
            guard range.contains(value) else { throw .valueOutOfRange(field: name, value: value, range: range) }
            switch count {
            case 0: parts.0 = UInt8(value)
            case 1: parts.1 = UInt8(value)
            case 2: parts.2 = UInt8(value)
            case 3: parts.3 = UInt8(value)
            default: parts.4 = UInt8(value)
            }
            count += 1
            if i == end { break }
            i += 1
        }
        return HelvarAddress(
            cluster: parts.0, router: count > 1 ? parts.1 : nil, subnet: count > 2 ? parts.2 : nil,
            device: count > 3 ? parts.3 : nil, subdevice: count > 4 ? parts.4 : nil)
    }

    /// Appends the dotted form (no `@`).
    func append(to out: inout [UInt8]) {
        appendDecimal(UInt64(cluster), to: &out)
        for part in [router, subnet, device, subdevice] {
            guard let part else { return }
            out.append(UInt8(ascii: "."))
            appendDecimal(UInt64(part), to: &out)
        }
    }
}

extension HelvarAddress: CustomStringConvertible, JSONTextCodable {
    /// The dotted form, e.g. `2.2.1.1`.
    public var description: String {
        var out: [UInt8] = []
        append(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public init(jsonText text: String) throws(JSONDecodingError) {
        do {
            self = try HelvarAddress(parsing: text)
        } catch {
            throw JSONDecodingError(path: "", reason: error.description)
        }
    }
}

@inline(__always)
func checkRange(_ field: String, _ value: Int64, _ range: ClosedRange<Int64>) throws(HelvarError) {
    guard range.contains(value) else { throw .valueOutOfRange(field: field, value: value, range: range) }
}

/// Appends the decimal digits of `value`.
@inline(__always)
func appendDecimal(_ value: UInt64, to out: inout [UInt8]) {
    if value < 10 {
        out.append(0x30 &+ UInt8(value))
        return
    }
    var digits:
        (
            UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
            UInt8, UInt8, UInt8
        ) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var v = value
    var n = 0
    withUnsafeMutableBytes(of: &digits) { d in
        while v > 0 {
            d[n] = 0x30 &+ UInt8(v % 10)
            v /= 10
            n += 1
        }
        while n > 0 {
            n -= 1
            out.append(d[n])
        }
    }
}

/// Appends the decimal digits of a signed value.
@inline(__always)
func appendSigned(_ value: Int64, to out: inout [UInt8]) {
    if value < 0 { out.append(UInt8(ascii: "-")) }
    appendDecimal(value.magnitude, to: &out)
}
