import ArgumentParser
import LightProtocols

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Writes all of `bytes` to a file descriptor, retrying short writes.
private func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
    bytes.withUnsafeBytes { buffer in
        guard let base = buffer.baseAddress else { return }
        var offset = 0
        while offset < buffer.count {
            let n = write(fd, base + offset, buffer.count - offset)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }
}

/// Writes one line to stderr.
func printError(_ line: String) {
    writeAll(2, Array((line + "\n").utf8))
}

/// Writes one line to stdout.
func printLine(_ line: String) {
    writeAll(1, Array((line + "\n").utf8))
}

/// Writes raw bytes to stdout.
func writeStandardOutput(_ bytes: [UInt8]) {
    writeAll(1, bytes)
}

/// Reads stdin to its end.
func readAllStandardInput() -> [UInt8] {
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
        if n <= 0 { break }
        out.append(contentsOf: chunk[0..<n])
    }
    return out
}

/// The bytes named by a `decode` INPUT argument.
func readInput(_ input: String, hex: Bool) throws -> [UInt8] {
    let text = input == "-" ? String(decoding: readAllStandardInput(), as: UTF8.self) : input
    if hex {
        guard let bytes = Hex.decode(text) else { throw ValidationError("INPUT is not valid hex") }
        return bytes
    }
    return input == "-" ? Array(text.utf8) : try unescape(text)
}

/// Resolves C-style escapes (`\r`, `\n`, `\t`, `\\`, `\xNN`) in a command-line argument.
func unescape(_ text: String) throws -> [UInt8] {
    let bytes = Array(text.utf8)
    var out: [UInt8] = []
    var i = 0
    while i < bytes.count {
        guard bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count else {
            out.append(bytes[i])
            i += 1
            continue
        }
        switch bytes[i + 1] {
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "x"):
            guard i + 3 < bytes.count, let hi = Hex.value(bytes[i + 2]), let lo = Hex.value(bytes[i + 3]) else {
                throw ValidationError("bad \\x escape in INPUT")
            }
            out.append(hi << 4 | lo)
            i += 4
            continue
        default:
            out.append(bytes[i])
            i += 1
            continue
        }
        i += 2
    }
    return out
}

/// One JSON value, a JSON array of them, or one per line.
func splitJSONMessages(_ text: String) throws -> [JSONValue] {
    if let whole = try? JSONParser.parse(text) {
        if case .array(let items) = whole { return items }
        return [whole]
    }
    var messages: [JSONValue] = []
    for line in text.split(whereSeparator: { $0 == "\n" }) where !line.allSatisfy({ $0 == " " || $0 == "\r" }) {
        messages.append(try JSONParser.parse(String(line)))
    }
    return messages
}

/// The command-line options `decode` and `encode` share.
struct CodecOptionArguments: ParsableArguments {
    @Option(help: "Smart Light RS232 delimiter character (default ~).")
    var delimiter: String?

    @Option(help: "Smart Light binary mode-number byte order: msb (default) or lsb.")
    var modeByteOrder: String?

    /// The options as ``CodecOptions``.
    func parsed() throws -> CodecOptions {
        var options = CodecOptions()
        if let delimiter {
            let bytes = try unescape(delimiter)
            guard bytes.count == 1 else { throw ValidationError("--delimiter takes exactly one character") }
            options.delimiter = bytes[0]
        }
        switch modeByteOrder {
        case nil, "msb": options.modeByteOrder = .msbFirst
        case "lsb": options.modeByteOrder = .lsbFirst
        default: throw ValidationError("--mode-byte-order is msb or lsb")
        }
        return options
    }
}
