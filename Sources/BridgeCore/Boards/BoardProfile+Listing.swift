#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// What `lightbridge gpio` prints about a board profile (issue 5, item 4), and which profiles a
/// directory holds.
extension BoardProfile {
    /// Where the installed profiles live (`boards_directory` in the configuration; systemd/README.md).
    public static let defaultDirectory = "/usr/share/lightbridge/boards"

    /// The board's mode lines for a person wiring them: chip, polarity, bias, then one row per
    /// input (bit, line offset, header pin) and the strobe, then the serial defaults.
    public var gpioLines: [String] {
        let pins = gpio.inputHeaderPins
        var rows: [[String]] = [["LINE", "BIT", "OFFSET", "HEADER PIN"]]
        for (bit, offset) in gpio.inputs.enumerated() {
            rows.append(["input", String(bit), String(offset), bit < pins.count ? pins[bit] : "-"])
        }
        if let strobe = gpio.strobe { rows.append(["strobe", "-", String(strobe), gpio.strobeHeaderPin ?? "-"]) }
        let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = [
            "board       \(name): \(description)",
            "chip        \(gpio.chip)",
            "active-low  \(gpio.activeLow ? "yes (an input is on when its line is low)" : "no")",
            "bias        \(gpio.bias.rawValue)",
            "strobe      "
                + (gpio.strobe.map { "offset \($0) (latches the inputs where an input sets use_strobe)" }
                    ?? "none (inputs taken after the settle window)"),
        ]
        lines += rows.map { row in
            (0..<3).map { row[$0] + String(repeating: " ", count: widths[$0] - row[$0].count + 2) }.joined() + row[3]
        }
        lines.append("serial      " + serial.devices.joined(separator: " "))
        return lines
    }

    /// The profile names (file stems of `*.toml`) in `directory`, sorted.
    public static func names(in directory: String) throws(BoardProfileError) -> [String] {
        guard let dir = opendir(directory) else { throw .unreadable(path: directory, errno: errno) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let file = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if file.hasSuffix(".toml"), !file.hasPrefix(".") { names.append(String(file.dropLast(5))) }
        }
        return names.sorted()
    }
}
