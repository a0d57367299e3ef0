/// The single-character RS232 codes for every Smart Light field (PROTOCOLS.md §1.3).
///
/// The vendor publishes these tables only as images, so the defaults are this project's
/// assumption and every field is configurable: each is a string whose characters are the codes
/// in the order of the field's `allCases` (e.g. `colours = "RGBYOWUX"` means red = `R` … off = `X`).
public struct SmartLightCodeTable: Codable, Sendable, Hashable {
    /// Command letters in the order mode set, segment, level, run light, user colour, clear.
    public var commands: String
    /// Colour codes in ``SmartLightColour`` order.
    public var colours: String
    /// Segment type codes in ``SmartLightSegmentType`` order.
    public var segmentTypes: String
    /// Blink frequency / run speed codes, very slow first.
    public var speeds: String
    /// Buzzer codes in ``SmartLightBuzzer`` order.
    public var buzzers: String
    /// Level type codes: fill from top, fill from bottom.
    public var levelTypes: String

    /// The §1.3 defaults.
    public static let standard = SmartLightCodeTable(
        commands: "MSLRUC", colours: "RGBYOWUX", segmentTypes: "SBF", speeds: "12345", buzzers: "0123", levelTypes: "TB")

    /// Creates a table from code strings.
    public init(commands: String, colours: String, segmentTypes: String, speeds: String, buzzers: String, levelTypes: String) {
        self.commands = commands
        self.colours = colours
        self.segmentTypes = segmentTypes
        self.speeds = speeds
        self.buzzers = buzzers
        self.levelTypes = levelTypes
    }

    /// Each field with its name and required length, for validation and lookup tables.
    var fields: [(name: String, codes: String, count: Int)] {
        [
            ("command letter", commands, 6), ("colour", colours, SmartLightColour.allCases.count),
            ("segment type", segmentTypes, SmartLightSegmentType.allCases.count),
            ("speed", speeds, SmartLightSpeed.allCases.count), ("buzzer", buzzers, SmartLightBuzzer.allCases.count),
            ("level type", levelTypes, SmartLightLevelType.allCases.count),
        ]
    }
}

/// Precomputed byte ↔ index tables for one code field (decoding is a single array load).
struct CodeLookup: Sendable {
    /// Index of each byte's code, or `0xFF` when the byte is not a code of this field.
    let indexOfByte: [UInt8]
    /// The code byte of each index.
    let byteOfIndex: [UInt8]

    init(_ codes: [UInt8]) {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (i, b) in codes.enumerated() { table[Int(b)] = UInt8(i) }
        indexOfByte = table
        byteOfIndex = codes
    }

    @inline(__always) func index(of byte: UInt8) -> Int? {
        let i = indexOfByte[Int(byte)]
        return i == 0xFF ? nil : Int(i)
    }
}
