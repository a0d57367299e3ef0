import BridgeCore

/// Why the GPIO mode lines could not be opened, requested or read.
public enum GPIOError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The configuration itself is unusable (checked before touching the hardware).
    case invalidConfiguration(ModeLinesConfigurationError)
    /// No chip matches; `available` lists the chips that exist (`gpiochip0 [label] (n lines)`).
    case noSuchChip(chip: String, available: [String])
    /// The path exists but is not a GPIO character device.
    case notAGPIOChip(path: String)
    /// The process may not open the chip (not in group `gpio`?).
    case permissionDenied(path: String)
    /// The chip has no such line (`lineCount`: how many lines it has, when known).
    case noSuchLine(chip: String, line: GPIOLineSelector, lineCount: Int?)
    /// A line found by name is on another chip than the other lines (one request = one chip).
    case linesOnDifferentChips(line: GPIOLineSelector, chip: String, expected: String)
    /// The line is already requested by the kernel or another process (`consumer`, if known).
    case lineBusy(chip: String, offset: UInt32, consumer: String?)
    /// The chip or its lines went away while in use (chip removed, read error).
    case deviceGone(chip: String, errno: Int32)
    /// Any other failing call.
    case system(call: String, errno: Int32)

    public var description: String {
        switch self {
        case .invalidConfiguration(let error): return error.description
        case .noSuchChip(let chip, let available):
            let list =
                available.isEmpty ? "no GPIO chips at all (no /dev/gpiochip*)" : "chips: " + available.joined(separator: ", ")
            return "GPIO chip \"\(chip)\" not found; \(list)"
        case .notAGPIOChip(let path): return "\(path): not a GPIO chip device"
        case .permissionDenied(let path): return "\(path): permission denied (is the user in group gpio?)"
        case .noSuchLine(let chip, let line, let count):
            return "GPIO chip \(chip) has no \(line)" + (count.map { " (it has \($0) lines)" } ?? "")
        case .linesOnDifferentChips(let line, let chip, let expected):
            return "\(line) is on chip \(chip), the other mode lines on \(expected): all must be on one chip"
        case .lineBusy(let chip, let offset, let consumer):
            return "GPIO chip \(chip) line \(offset) is busy" + (consumer.map { " (used by \"\($0)\")" } ?? "")
        case .deviceGone(let chip, let e): return "GPIO chip \(chip) went away: \(errnoText(e))"
        case .system(let call, let e): return "\(call) failed: \(errnoText(e))"
        }
    }
}
