import CLibUSB

/// Why a USB device could not be found, opened or used (issue 3, item 6). Each case reads as
/// one clear log line; none of them is fatal to the bridge.
public enum USBError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No connected device matches the selector.
    case noDevice(USBDeviceSelector)
    /// The process may not open the device node (`/dev/bus/usb/…`).
    case permissionDenied(device: String)
    /// Another process or a kernel driver that could not be detached holds the interface.
    case busy(device: String)
    /// The device's active configuration has no such interface.
    case noSuchInterface(device: String, interface: Int)
    /// The interface has no such endpoint, or it has the wrong direction or transfer type.
    case noSuchEndpoint(device: String, endpoint: UInt8, reason: String)
    /// The device went away (unplugged) while it was open.
    case deviceGone(device: String)
    /// A device matched by VID:PID but its serial number is not the selected one.
    case serialMismatch(device: String, expected: String, found: String?)
    /// A selector string could not be parsed.
    case invalidSelector(String)
    /// A setting is out of range.
    case invalidSetting(String)
    /// The device is not open (it was closed or never opened).
    case notOpen
    /// A write did not complete within its timeout.
    case timeout(device: String, endpoint: UInt8)
    /// Any other libusb failure, with libusb's error code.
    case libusb(call: String, code: Int32)

    public var description: String {
        switch self {
        case .noDevice(let selector): return "no USB device \(selector) found"
        case .permissionDenied(let device):
            return "\(device): permission denied (not in group plugdev? see udev/)"
        case .busy(let device): return "\(device): interface is in use by another process or driver"
        case .noSuchInterface(let device, let interface): return "\(device): no interface \(interface)"
        case .noSuchEndpoint(let device, let endpoint, let reason):
            return "\(device): no usable endpoint \(hex(endpoint)): \(reason)"
        case .deviceGone(let device): return "\(device): device gone"
        case .serialMismatch(let device, let expected, let found):
            return "\(device): serial number \(found.map { "'\($0)'" } ?? "unreadable") is not '\(expected)'"
        case .invalidSelector(let reason): return "invalid USB device selector: \(reason)"
        case .invalidSetting(let reason): return "invalid USB setting: \(reason)"
        case .notOpen: return "USB device is not open"
        case .timeout(let device, let endpoint): return "\(device): write to endpoint \(hex(endpoint)) timed out"
        case .libusb(let call, let code): return "\(call) failed: \(libusbErrorText(code))"
        }
    }

    /// The typed error for a libusb return code `code` of `call` on `device`.
    static func from(_ code: Int32, call: String, device: String) -> USBError {
        switch code {
        case LIBUSB_ERROR_ACCESS.rawValue: return .permissionDenied(device: device)
        case LIBUSB_ERROR_BUSY.rawValue: return .busy(device: device)
        case LIBUSB_ERROR_NO_DEVICE.rawValue: return .deviceGone(device: device)
        case LIBUSB_ERROR_TIMEOUT.rawValue: return .timeout(device: device, endpoint: 0)
        default: return .libusb(call: "\(device): \(call)", code: code)
        }
    }
}

/// libusb's name and text for an error code, e.g. `LIBUSB_ERROR_IO (Input/Output Error)`.
func libusbErrorText(_ code: Int32) -> String {
    let name = libusb_error_name(code).map { String(cString: $0) } ?? "libusb error"
    let text = libusb_strerror(code).map { String(cString: $0) } ?? ""
    return text.isEmpty ? "\(name) (\(code))" : "\(name) (\(text))"
}

/// `0x81` style text of a byte.
func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16)
    return "0x" + (digits.count < 2 ? "0" + digits : digits)
}
