/// A load level 0–100 % in tenths (PROTOCOLS.md §2: level 0–100). The seed shows whole
/// numbers; aiohelvar 0.9.8 sends one decimal (`L:39.2`), so one decimal digit is accepted and
/// kept. ASCII: `50` or `39.2`. JSON: a number, e.g. `50` or `39.2`.
public struct HelvarLevel: Sendable, Hashable, Comparable {
    /// Valid levels in tenths of a percent.
    public static let tenthsRange: ClosedRange<Int64> = 0...1000

    /// Tenths of a percent, 0–1000.
    public let tenths: UInt16

    /// A level in tenths of a percent; throws outside 0–1000.
    public init(tenths: Int) throws(HelvarError) {
        try checkRange("level (tenths)", Int64(tenths), Self.tenthsRange)
        self.tenths = UInt16(tenths)
    }

    /// A whole-percent level; throws outside 0–100.
    public init(percent: Int) throws(HelvarError) {
        try checkRange("level", Int64(percent), 0...100)
        self.tenths = UInt16(percent * 10)
    }

    init(uncheckedTenths: UInt16) { tenths = uncheckedTenths }

    /// The level in percent.
    public var percent: Double { Double(tenths) / 10 }

    /// The level rounded to a whole percent (what the raw form carries).
    public var wholePercent: Int { (Int(tenths) + 5) / 10 }

    public static func < (a: HelvarLevel, b: HelvarLevel) -> Bool { a.tenths < b.tenths }

    func append(to out: inout [UInt8]) {
        appendDecimal(UInt64(tenths / 10), to: &out)
        if tenths % 10 != 0 {
            out.append(UInt8(ascii: "."))
            out.append(0x30 &+ UInt8(tenths % 10))
        }
    }
}

extension HelvarLevel: CustomStringConvertible, Codable {
    /// `50` or `39.2`.
    public var description: String {
        var out: [UInt8] = []
        append(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer().decode(Double.self)
        let scaled = (value * 10).rounded()
        guard abs(value * 10 - scaled) < 1e-6, scaled >= 0, scaled <= 1000 else {
            throw JSONDecodingError(path: "level", reason: "level \(value) is not 0...100 in steps of 0.1")
        }
        tenths = UInt16(scaled)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if tenths % 10 == 0 {
            try c.encode(Int(tenths / 10))
        } else {
            try c.encode(percent)
        }
    }
}
