/// One `<Tag>value</Tag>` element of an info reply (PROTOCOLS.md §5).
/// JSON: `{"tag":"MACAddress","value":"00:11:22:33:44:55"}`.
public struct HeliospectraXMLElement: Codable, Sendable, Hashable {
    /// The tag name, e.g. `FwVersion`.
    public var tag: String
    /// The text between the tags, entities resolved.
    public var value: String

    /// Creates an element.
    public init(tag: String, value: String) {
        self.tag = tag
        self.value = value
    }
}

/// The device description a light sends as discovery command 6 (PROTOCOLS.md §5: "XML from
/// offset 16: MACAddress, IPAddress, FwVersion, SerialNr …").
///
/// The XML is read as a flat list of leaf elements in document order; every tag is kept,
/// known or not. The vendor's exact document is not public, so the reader is tolerant: an XML
/// declaration (`<?xml …?>`), comments, white space between elements, attributes, trailing NUL
/// padding and wrapping container elements (an element whose content is only other elements)
/// are accepted and not kept. The writer emits the leaf elements back to back, so
/// `decode(encode(info)) == info` but a device's own formatting is not reproduced.
/// JSON: `{"elements":[{"tag":"MACAddress","value":"00:11:22:33:44:55"}]}`.
public struct HeliospectraDeviceInfo: Codable, Sendable, Hashable {
    /// The leaf elements in document order.
    public var elements: [HeliospectraXMLElement]

    /// Creates an info record.
    public init(elements: [HeliospectraXMLElement]) {
        self.elements = elements
    }

    /// The value of the first element named `tag`, if any.
    public subscript(tag: String) -> String? {
        elements.first { $0.tag == tag }?.value
    }

    /// `MACAddress`.
    public var macAddress: String? { self["MACAddress"] }
    /// `IPAddress`.
    public var ipAddress: String? { self["IPAddress"] }
    /// `FwVersion`.
    public var firmwareVersion: String? { self["FwVersion"] }
    /// `SerialNr`.
    public var serialNumber: String? { self["SerialNr"] }
}

/// The tiny hand-written XML reader and writer behind ``HeliospectraDeviceInfo``.
enum HeliospectraXML {
    /// Deepest nesting of container elements accepted.
    static let maxDepth = 16

    // MARK: Writing

    /// The elements as `<Tag>value</Tag>` back to back, values escaped.
    static func write(_ info: HeliospectraDeviceInfo) throws(HeliospectraError) -> [UInt8] {
        var out: [UInt8] = []
        for element in info.elements {
            let tag = Array(element.tag.utf8)
            guard isName(tag[...]) else { throw .invalidXMLTag(element.tag) }
            out.append(UInt8(ascii: "<"))
            out += tag
            out.append(UInt8(ascii: ">"))
            for b in element.value.utf8 {
                switch b {
                case UInt8(ascii: "<"): out += Array("&lt;".utf8)
                case UInt8(ascii: ">"): out += Array("&gt;".utf8)
                case UInt8(ascii: "&"): out += Array("&amp;".utf8)
                case 0x09, 0x0A, 0x0D: out.append(b)
                case 0..<0x20, 0x7F:
                    throw .unencodableText(field: "XML value of \(element.tag)", text: element.value)
                default: out.append(b)
                }
            }
            out += [UInt8(ascii: "<"), UInt8(ascii: "/")]
            out += tag
            out.append(UInt8(ascii: ">"))
        }
        return out
    }

    // MARK: Reading

    /// Reads the leaf elements of `data`.
    static func read(_ data: UnsafeBufferPointer<UInt8>) throws(HeliospectraError) -> HeliospectraDeviceInfo {
        var end = data.count
        while end > 0 && data[end - 1] == 0 { end -= 1 }
        var reader = Reader(b: UnsafeBufferPointer(rebasing: data[0..<end]))
        return HeliospectraDeviceInfo(elements: try reader.elements())
    }

    static func isNameStart(_ c: UInt8) -> Bool {
        (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) || c == UInt8(ascii: "_")
    }

    static func isNameByte(_ c: UInt8) -> Bool {
        isNameStart(c) || ASCII.isDigit(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c == UInt8(ascii: ":")
    }

    static func isName(_ name: ArraySlice<UInt8>) -> Bool {
        guard let first = name.first, isNameStart(first) else { return false }
        return name.allSatisfy(isNameByte)
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    private struct Reader {
        let b: UnsafeBufferPointer<UInt8>
        var i = 0
        var open: [ArraySlice<UInt8>] = []

        init(b: UnsafeBufferPointer<UInt8>) { self.b = b }

        func fail(_ reason: String, at offset: Int? = nil) -> HeliospectraError {
            .malformedXML(offset: offset ?? i, reason: reason)
        }

        mutating func skipSpace() {
            while i < b.count && isSpace(b[i]) { i += 1 }
        }

        func starts(with text: String, at offset: Int) -> Bool {
            var j = offset
            for c in text.utf8 {
                guard j < b.count, b[j] == c else { return false }
                j += 1
            }
            return true
        }

        /// Moves past the next occurrence of `terminator`.
        mutating func skip(past terminator: String, what: String) throws(HeliospectraError) {
            let start = i
            while i < b.count {
                if starts(with: terminator, at: i) {
                    i += terminator.utf8.count
                    return
                }
                i += 1
            }
            throw fail("unterminated \(what)", at: start)
        }

        mutating func name() throws(HeliospectraError) -> ArraySlice<UInt8> {
            let start = i
            while i < b.count && isNameByte(b[i]) { i += 1 }
            let n = ArraySlice(UnsafeBufferPointer(rebasing: b[start..<i]))
            guard isName(n) else { throw fail("expected a tag name", at: start) }
            return n
        }

        mutating func elements() throws(HeliospectraError) -> [HeliospectraXMLElement] {
            var out: [HeliospectraXMLElement] = []
            while true {
                skipSpace()
                guard i < b.count else { break }
                guard b[i] == UInt8(ascii: "<") else { throw fail("text outside an element") }
                if starts(with: "<?", at: i) {
                    try skip(past: "?>", what: "declaration")
                } else if starts(with: "<!--", at: i) {
                    try skip(past: "-->", what: "comment")
                } else if starts(with: "</", at: i) {
                    let at = i
                    i += 2
                    let n = try name()
                    skipSpace()
                    guard i < b.count, b[i] == UInt8(ascii: ">") else { throw fail("expected '>'") }
                    i += 1
                    guard let top = open.last, top.elementsEqual(n) else {
                        throw fail("unexpected closing tag </\(String(decoding: n, as: UTF8.self))>", at: at)
                    }
                    open.removeLast()
                } else {
                    if let element = try openTag() { out.append(element) }
                }
            }
            if let top = open.last { throw fail("unclosed <\(String(decoding: top, as: UTF8.self))>") }
            return out
        }

        /// Reads `<Tag …>`: a leaf element (returned) or a container (pushed).
        mutating func openTag() throws(HeliospectraError) -> HeliospectraXMLElement? {
            i += 1
            let n = try name()
            var selfClosing = false
            while true {
                guard i < b.count else { throw fail("unterminated tag") }
                let c = b[i]
                i += 1
                if c == UInt8(ascii: ">") { break }
                if c == UInt8(ascii: "/") && i < b.count && b[i] == UInt8(ascii: ">") {
                    i += 1
                    selfClosing = true
                    break
                }
                guard c != UInt8(ascii: "<") else { throw fail("'<' inside a tag", at: i - 1) }
            }
            let tag = String(decoding: n, as: UTF8.self)
            if selfClosing { return HeliospectraXMLElement(tag: tag, value: "") }
            let textStart = i
            while i < b.count && b[i] != UInt8(ascii: "<") { i += 1 }
            guard i < b.count else { throw fail("unclosed <\(tag)>") }
            var closing = "</"
            closing += tag
            closing += ">"
            if starts(with: closing, at: i) {
                let value = try text(textStart..<i)
                i += closing.utf8.count
                return HeliospectraXMLElement(tag: tag, value: value)
            }
            guard UnsafeBufferPointer(rebasing: b[textStart..<i]).allSatisfy(isSpace) else {
                throw fail("text mixed with elements inside <\(tag)>", at: textStart)
            }
            guard open.count < maxDepth else { throw fail("elements nested deeper than \(maxDepth)") }
            open.append(n)
            return nil
        }

        /// The text in `range` with entities resolved; must be UTF-8 without control characters.
        func text(_ range: Range<Int>) throws(HeliospectraError) -> String {
            var out: [UInt8] = []
            var j = range.lowerBound
            while j < range.upperBound {
                let c = b[j]
                if c == UInt8(ascii: "&") {
                    guard let semi = (j..<range.upperBound).first(where: { b[$0] == UInt8(ascii: ";") }), semi - j <= 10 else {
                        throw fail("unterminated entity", at: j)
                    }
                    let entity = String(decoding: UnsafeBufferPointer(rebasing: b[(j + 1)..<semi]), as: UTF8.self)
                    guard let scalar = Self.entity(entity) else { throw fail("unknown entity &\(entity);", at: j) }
                    out += Array(String(Character(scalar)).utf8)
                    j = semi + 1
                    continue
                }
                guard c >= 0x20 || c == 0x09 || c == 0x0A || c == 0x0D, c != 0x7F else {
                    throw fail("control character 0x\(Hex.encode([c])) in a value", at: j)
                }
                out.append(c)
                j += 1
            }
            guard let s = String(validating: out, as: UTF8.self) else { throw fail("value is not UTF-8", at: range.lowerBound) }
            return s
        }

        static func entity(_ name: String) -> Unicode.Scalar? {
            switch name {
            case "lt": return "<"
            case "gt": return ">"
            case "amp": return "&"
            case "quot": return "\""
            case "apos": return "'"
            default:
                let u = Array(name.utf8)
                guard u.count >= 2, u[0] == UInt8(ascii: "#") else { return nil }
                var value: UInt32 = 0
                if u[1] | 0x20 == UInt8(ascii: "x") {
                    guard u.count > 2, u.count <= 8 else { return nil }
                    for c in u[2...] {
                        guard let d = Hex.value(c) else { return nil }
                        value = value << 4 | UInt32(d)
                    }
                } else {
                    guard let v = ASCII.parseUnsigned(u[1...], maxDigits: 7) else { return nil }
                    value = UInt32(v)
                }
                guard let scalar = Unicode.Scalar(value), value >= 0x20 || value == 0x09 || value == 0x0A || value == 0x0D,
                    value != 0x7F
                else { return nil }
                return scalar
            }
        }
    }
}
