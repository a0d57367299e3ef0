/// Why a device match rule is invalid.
public enum DeviceMatchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A USB ID that is not `vvvv:pppp` in hex.
    case invalidUSBID(String)
    /// A criterion given as an empty string.
    case emptyCriterion(String)
    /// A rule with no criterion at all (it would take any device).
    case noCriteria

    public var description: String {
        switch self {
        case .invalidUSBID(let text): return "\"\(text)\" is not a USB VID:PID (hex, e.g. 0403:6001 or 0403:*)"
        case .emptyCriterion(let name): return "device match: \(name) is empty"
        case .noCriteria: return "device match: give at least one of usb, serial, by-id, id-path, device"
        }
    }
}
