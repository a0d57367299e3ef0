import LightProtocols

/// What `lightbridge ports` prints (issue 5, item 4): the serial ports as an aligned table with
/// their links and `ID_PATH` underneath, or as JSON. Pure, so it is tested on recorded udev
/// properties.
public enum SerialPortListing {
    /// The ports among `devices`, sorted by node (`/dev/ttyUSB2` before `/dev/ttyUSB10`).
    /// `sysfs` gives the facts only sysfs has for a device (by syspath).
    public static func entries(
        _ devices: [DeviceInfo], includeOnboard: Bool = false,
        sysfs: (DeviceInfo) -> SerialPortEntry.Sysfs = { _ in SerialPortEntry.Sysfs() }
    ) -> [SerialPortEntry] {
        devices.compactMap { SerialPortEntry(device: $0, sysfs: sysfs($0), includeOnboard: includeOnboard) }
            .sorted { naturalOrder($0.device, $1.device) }
    }

    /// The table: a header, one row per port (node, kind, VID:PID, driver, serial, vendor and
    /// model), then indented `by-id`, `by-path` and `path` lines. Unknown values are `-`.
    public static func text(_ entries: [SerialPortEntry]) -> [String] {
        let header = ["DEVICE", "TYPE", "VID:PID", "DRIVER", "SERIAL", "VENDOR / MODEL"]
        let rows = entries.map { entry in
            [
                entry.device, entry.kind.rawValue, entry.usbID ?? "-", entry.driver ?? "-", entry.serial ?? "-",
                [entry.vendor, entry.model].compactMap { $0 }.joined(separator: " / "),
            ]
        }
        let widths = header.indices.dropLast().map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            var out = ""
            for (column, cell) in cells.enumerated() {
                if column < widths.count {
                    out += cell + String(repeating: " ", count: widths[column] - cell.count + 2)
                } else {
                    out += cell.isEmpty ? "-" : cell
                }
            }
            return out
        }
        let indent = String(repeating: " ", count: (widths.first ?? 0) + 2)
        var lines = [line(header)]
        for (entry, row) in zip(entries, rows) {
            lines.append(line(row))
            for link in entry.byIDLinks { lines.append(indent + "by-id    " + link) }
            for link in entry.byPathLinks { lines.append(indent + "by-path  " + link) }
            if let idPath = entry.idPath { lines.append(indent + "ID_PATH  " + idPath) }
        }
        return lines
    }

    /// A JSON array, one object per port; unknown values are `null`.
    public static func json(_ entries: [SerialPortEntry]) -> JSONValue {
        .array(entries.map(json))
    }

    /// One port as a JSON object (keys in a fixed order).
    public static func json(_ entry: SerialPortEntry) -> JSONValue {
        func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
        return .object([
            JSONMember("device", .string(entry.device)),
            JSONMember("type", .string(entry.kind.rawValue)),
            JSONMember("byId", .array(entry.byIDLinks.map { .string($0) })),
            JSONMember("byPath", .array(entry.byPathLinks.map { .string($0) })),
            JSONMember("vendorId", text(entry.vendorID)),
            JSONMember("productId", text(entry.productID)),
            JSONMember("vendor", text(entry.vendor)),
            JSONMember("model", text(entry.model)),
            JSONMember("serial", text(entry.serial)),
            JSONMember("interface", text(entry.interface)),
            JSONMember("driver", text(entry.driver)),
            JSONMember("idPath", text(entry.idPath)),
            JSONMember("syspath", .string(entry.syspath)),
        ])
    }

    /// `a` before `b`, comparing digit runs as numbers (`ttyUSB2` < `ttyUSB10`).
    static func naturalOrder(_ a: String, _ b: String) -> Bool {
        func split(_ text: String) -> [(String, Int?)] {
            var parts: [(String, Int?)] = []
            var current = ""
            var digits = false
            for character in text {
                let isDigit = character.isASCII && character.isNumber
                if !current.isEmpty && isDigit != digits {
                    parts.append((current, digits ? Int(current) : nil))
                    current = ""
                }
                digits = isDigit
                current.append(character)
            }
            if !current.isEmpty { parts.append((current, digits ? Int(current) : nil)) }
            return parts
        }
        for (left, right) in zip(split(a), split(b)) where left.0 != right.0 {
            if let l = left.1, let r = right.1, l != r { return l < r }
            return left.0 < right.0
        }
        return a.count < b.count
    }
}
