#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Why a serial port could not be opened, configured or used.
public enum SerialPortError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No device at the path.
    case notFound(path: String)
    /// The process may not open it (not in group `dialout`?).
    case permissionDenied(path: String)
    /// Another process holds it exclusively.
    case busy(path: String)
    /// The path is not a terminal device.
    case notATerminal(path: String)
    /// A setting is out of range.
    case invalidSetting(String)
    /// The driver refused a setting (e.g. a baud rate it cannot make).
    case unsupported(path: String, setting: String, errno: Int32)
    /// Any other system call failure.
    case system(path: String, call: String, errno: Int32)

    public var description: String {
        switch self {
        case .notFound(let path): return "\(path): no such device"
        case .permissionDenied(let path): return "\(path): permission denied (is the user in group dialout?)"
        case .busy(let path): return "\(path): in use by another process"
        case .notATerminal(let path): return "\(path): not a terminal device"
        case .invalidSetting(let reason): return "invalid serial setting: \(reason)"
        case .unsupported(let path, let setting, let e): return "\(path): \(setting) not supported: \(errnoText(e))"
        case .system(let path, let call, let e): return "\(path): \(call) failed: \(errnoText(e))"
        }
    }
}

/// `strerror` text for an errno value.
func errnoText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "errno \(code)" }
    return String(cString: text) + " (errno \(code))"
}
