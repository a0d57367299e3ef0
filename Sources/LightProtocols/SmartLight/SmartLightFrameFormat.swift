/// RS232 framing settings: the delimiter and the code table (PROTOCOLS.md §1.2, §1.3).
///
/// A frame is `DDDDD<letter><params>DD`: five delimiters, a command letter, its parameters and
/// two delimiters, ASCII (seed 002, "RS232 Protocols"). The delimiter is one character chosen in
/// the site's recipe; this project's default is `~`.
public struct SmartLightFrameFormat: Sendable {
    /// The default delimiter, `~` (the seed leaves it to the recipe).
    public static let defaultDelimiter: UInt8 = UInt8(ascii: "~")
    /// Delimiters that open a frame.
    public static let startDelimiterCount = 5
    /// Delimiters that close a frame.
    public static let endDelimiterCount = 2
    /// The longest valid body: `S`, count, five colour/type pairs, frequency, buzzer.
    public static let maxBodyLength = 14
    /// The most digits a mode number may have (mode numbers are 16-bit, §1.4).
    public static let maxModeDigits = 5

    /// The delimiter byte.
    public let delimiter: UInt8
    /// The code table.
    public let codes: SmartLightCodeTable

    /// The lookup tables, shared by reference so copying a format (or a decoder) is cheap.
    let lookups: SmartLightCodeLookups
    var commands: CodeLookup { lookups.commands }
    var colours: CodeLookup { lookups.colours }
    var segmentTypes: CodeLookup { lookups.segmentTypes }
    var speeds: CodeLookup { lookups.speeds }
    var buzzers: CodeLookup { lookups.buzzers }
    var levelTypes: CodeLookup { lookups.levelTypes }

    /// The default format: `~` and the §1.3 table.
    public static let standard: SmartLightFrameFormat = {
        do {
            return try SmartLightFrameFormat(delimiter: defaultDelimiter, codes: .standard)
        } catch {
            preconditionFailure("the built-in Smart Light table is valid: \(error)")
        }
    }()

    /// Checks and prepares a format. Every code must be one printable ASCII character, unique in
    /// its field; the delimiter must be printable, not alphanumeric (mode numbers and user
    /// colours are digits and hex letters) and not any code.
    public init(delimiter: UInt8 = defaultDelimiter, codes: SmartLightCodeTable = .standard) throws(SmartLightError) {
        guard ASCII.isPrintable(delimiter), delimiter != 0x20 else {
            throw .invalidFormat("the delimiter must be a printable ASCII character other than space")
        }
        guard !ASCII.isDigit(delimiter), Hex.value(delimiter) == nil,
            !((0x41...0x5A).contains(delimiter) || (0x61...0x7A).contains(delimiter))
        else {
            throw .invalidFormat("the delimiter '\(ASCII.escaped([delimiter]))' must not be a letter or digit")
        }
        var lookups: [CodeLookup] = []
        for field in codes.fields {
            let bytes = Array(field.codes.utf8)
            guard bytes.count == field.count else {
                throw .invalidFormat("\(field.name) codes '\(field.codes)' must be exactly \(field.count) characters")
            }
            guard bytes.allSatisfy({ ASCII.isPrintable($0) && $0 != 0x20 }) else {
                throw .invalidFormat("\(field.name) codes '\(field.codes)' must be printable ASCII")
            }
            guard Set(bytes).count == bytes.count else {
                throw .invalidFormat("\(field.name) codes '\(field.codes)' repeat a character")
            }
            guard !bytes.contains(delimiter) else {
                throw .invalidFormat("\(field.name) codes '\(field.codes)' contain the delimiter")
            }
            lookups.append(CodeLookup(bytes))
        }
        self.delimiter = delimiter
        self.codes = codes
        self.lookups = SmartLightCodeLookups(
            delimiter: delimiter, commands: lookups[0], colours: lookups[1], segmentTypes: lookups[2], speeds: lookups[3],
            buzzers: lookups[4], levelTypes: lookups[5])
    }
}

/// The byte ↔ code tables of one format, immutable and shared by reference.
final class SmartLightCodeLookups: Sendable {
    let delimiter: UInt8
    let commands: CodeLookup
    let colours: CodeLookup
    let segmentTypes: CodeLookup
    let speeds: CodeLookup
    let buzzers: CodeLookup
    let levelTypes: CodeLookup

    init(
        delimiter: UInt8, commands: CodeLookup, colours: CodeLookup, segmentTypes: CodeLookup, speeds: CodeLookup,
        buzzers: CodeLookup, levelTypes: CodeLookup
    ) {
        self.delimiter = delimiter
        self.commands = commands
        self.colours = colours
        self.segmentTypes = segmentTypes
        self.speeds = speeds
        self.buzzers = buzzers
        self.levelTypes = levelTypes
    }
}
