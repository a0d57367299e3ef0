import BridgeCore
import CGPIOD

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// An open libgpiod 1.6 chip handle (closed on deinit) and its line lookups. Not thread-safe:
/// one thread uses it at a time.
final class GPIOChip {
    /// The handle (`struct gpiod_chip *`).
    let pointer: OpaquePointer
    /// What the chip was asked for by (label, name, number or path).
    let requested: String

    private init(pointer: OpaquePointer, requested: String) {
        self.pointer = pointer
        self.requested = requested
    }

    deinit { gpiod_chip_close(pointer) }

    /// The kernel's name, e.g. `gpiochip0`.
    var name: String { gpiod_chip_name(pointer).map { String(cString: $0) } ?? "?" }
    /// The kernel's label, e.g. `pinctrl-bcm2711`.
    var label: String { gpiod_chip_label(pointer).map { String(cString: $0) } ?? "?" }
    /// How many lines the chip has.
    var lineCount: Int { Int(gpiod_chip_num_lines(pointer)) }
    /// `gpiochip0 [pinctrl-bcm2711]` for logs and errors.
    var displayName: String { "\(name) [\(label)]" }

    /// The libgpiod version linked in (e.g. `1.6.3`).
    static var libraryVersion: String { gpiod_version_string().map { String(cString: $0) } ?? "?" }

    /// Opens a chip by label, name or number (`gpiod_chip_open_lookup`), or by absolute path
    /// (`gpiod_chip_open`: the lookup would take a path outside `/dev/` for a name).
    static func open(_ chip: String) throws(GPIOError) -> GPIOChip {
        errno = 0
        let opened = chip.hasPrefix("/") ? gpiod_chip_open(chip) : gpiod_chip_open_lookup(chip)
        if let pointer = opened { return GPIOChip(pointer: pointer, requested: chip) }
        let error = errno
        switch error {
        case EACCES, EPERM:
            throw .permissionDenied(path: chip)
        case ENOTTY, ENODEV:
            throw .notAGPIOChip(path: chip)
        case ENOENT, 0:
            // A label lookup that could not open some chip for lack of permission ends in ENOENT
            // (libgpiod then tries the label as a /dev name): say what really went wrong.
            if let denied = inaccessibleChipPath() { throw .permissionDenied(path: denied) }
            throw .noSuchChip(chip: chip, available: availableChips())
        default:
            throw .system(call: "opening GPIO chip \(chip)", errno: error)
        }
    }

    /// Finds a line on any chip by name (`gpiod_line_find`) and returns it with its chip, which
    /// the caller then owns.
    static func findLine(named name: String) throws(GPIOError) -> (GPIOChip, OpaquePointer) {
        errno = 0
        guard let line = gpiod_line_find(name) else {
            let error = errno
            if error == EACCES || error == EPERM, let denied = inaccessibleChipPath() {
                throw .permissionDenied(path: denied)
            }
            if error == ENOENT || error == 0 { throw .noSuchLine(chip: "any chip", line: .name(name), lineCount: nil) }
            throw .system(call: "gpiod_line_find(\(name))", errno: error)
        }
        guard let chip = gpiod_line_get_chip(line) else { throw .system(call: "gpiod_line_get_chip", errno: EINVAL) }
        return (GPIOChip(pointer: chip, requested: name), line)
    }

    /// The line for `selector` on this chip (`gpiod_chip_get_line` / `gpiod_chip_find_line`).
    func line(_ selector: GPIOLineSelector) throws(GPIOError) -> OpaquePointer {
        errno = 0
        switch selector {
        case .offset(let offset):
            guard offset < UInt32(lineCount) else {
                throw .noSuchLine(chip: displayName, line: selector, lineCount: lineCount)
            }
            guard let line = gpiod_chip_get_line(pointer, offset) else {
                throw .system(call: "gpiod_chip_get_line(\(offset))", errno: errno)
            }
            return line
        case .name(let name):
            if let line = gpiod_chip_find_line(pointer, name) { return line }
            let error = errno
            guard error == ENOENT || error == 0 else { throw .system(call: "gpiod_chip_find_line(\(name))", errno: error) }
            // On another chip? Then say so rather than "not found".
            if let other = try? GPIOChip.findLine(named: name) {
                throw .linesOnDifferentChips(line: selector, chip: other.0.displayName, expected: displayName)
            }
            throw .noSuchLine(chip: displayName, line: selector, lineCount: lineCount)
        }
    }

    /// `gpiochipN [label] (n lines)` for every chip that can be opened.
    static func availableChips() -> [String] {
        chipDevicePaths().compactMap { path in
            guard let chip = gpiod_chip_open(path) else { return nil }
            defer { gpiod_chip_close(chip) }
            let label = gpiod_chip_label(chip).map { String(cString: $0) } ?? "?"
            return "\(path.dropFirst(5)) [\(label)] (\(gpiod_chip_num_lines(chip)) lines)"
        }
    }

    /// The first `/dev/gpiochip*` this process may not open read-write, if any.
    static func inaccessibleChipPath() -> String? {
        chipDevicePaths().first { access($0, R_OK | W_OK) != 0 && (errno == EACCES || errno == EPERM) }
    }

    /// `/dev/gpiochip*` entries, sorted.
    static func chipDevicePaths(directory: String = "/dev") -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var paths: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix("gpiochip") { paths.append(directory + "/" + name) }
        }
        return paths.sorted()
    }
}
