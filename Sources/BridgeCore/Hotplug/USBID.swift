/// A USB vendor and (optionally) product ID, written `0403:6001` (hex, any case) or `0403:*`.
public struct USBID: Sendable, Hashable, CustomStringConvertible {
    /// Vendor ID.
    public var vendor: UInt16
    /// Product ID; `nil` matches every product of the vendor.
    public var product: UInt16?

    /// Creates an ID.
    public init(vendor: UInt16, product: UInt16?) {
        self.vendor = vendor
        self.product = product
    }

    /// Parses `vvvv:pppp` (one to four hex digits each, any case) or `vvvv:*`.
    public init(parsing text: String) throws(DeviceMatchError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let vendor = USBID.hex(parts[0]) else { throw .invalidUSBID(text) }
        if parts[1] == "*" {
            self.init(vendor: vendor, product: nil)
        } else if let product = USBID.hex(parts[1]) {
            self.init(vendor: vendor, product: product)
        } else {
            throw .invalidUSBID(text)
        }
    }

    public var description: String { "\(USBID.format(vendor)):\(product.map(USBID.format) ?? "*")" }

    private static func hex(_ text: Substring) -> UInt16? {
        guard (1...4).contains(text.count), text.allSatisfy(\.isHexDigit) else { return nil }
        return UInt16(text, radix: 16)
    }

    private static func format(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
