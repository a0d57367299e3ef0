/// The Caron Smart Light command model shared by the RS232 frames and the TCP/USB packets.
///
/// Source: seed `002_5fdeac084bbe168a.txt` ("Protocols", Smart Light knowledge base) and
/// `../shared/PROTOCOLS.md` §1.1 (model) and §1.3 (enumerations: the vendor's tables exist only
/// as images, so the codes and their order are this project's configurable assumption).

/// A segment, level or run-light colour. The binary code is the case's index (§1.3: red = 0 …
/// off = 7); the RS232 character comes from ``SmartLightCodeTable``.
public enum SmartLightColour: String, CaseIterable, Codable, Sendable, Hashable {
    case red, green, blue, yellow, orange, white, user, off
}

/// How a segment shows its colour (§1.3: solid = 0, blink = 1, flash = 2).
public enum SmartLightSegmentType: String, CaseIterable, Codable, Sendable, Hashable {
    case solid, blink, flash
}

/// Blink frequency or run speed, five steps (§1.3: binary 1 … 5).
public enum SmartLightSpeed: String, CaseIterable, Codable, Sendable, Hashable {
    case verySlow, slow, medium, fast, veryFast
}

/// The buzzer pattern (§1.3: off = 0, continuous = 1, slow pulse = 2, fast pulse = 3).
public enum SmartLightBuzzer: String, CaseIterable, Codable, Sendable, Hashable {
    case off, continuous, slowPulse, fastPulse
}

/// Which end a level display fills from (§1.3: top = 0, bottom = 1).
public enum SmartLightLevelType: String, CaseIterable, Codable, Sendable, Hashable {
    case fillFromTop, fillFromBottom
}

/// A Smart Light enumeration whose wire code is its position in a fixed order (§1.3).
protocol OrderedCode: CaseIterable, Hashable where AllCases == [Self] {
    /// All cases in wire order, computed once (`allCases` builds a new array on every call).
    static var ordered: [Self] { get }
}

extension OrderedCode {
    /// The position of this case in the wire order: its binary code.
    @inline(__always) var caseIndex: Int {
        let all = Self.ordered
        var i = 0
        while i < all.count {
            if all[i] == self { return i }
            i += 1
        }
        return 0
    }
}

extension SmartLightColour: OrderedCode { static let ordered = allCases }
extension SmartLightSegmentType: OrderedCode { static let ordered = allCases }
extension SmartLightSpeed: OrderedCode { static let ordered = allCases }
extension SmartLightBuzzer: OrderedCode { static let ordered = allCases }
extension SmartLightLevelType: OrderedCode { static let ordered = allCases }

/// One segment of a segment-mode display.
public struct SmartLightSegment: Codable, Sendable, Hashable {
    /// The segment's colour.
    public var colour: SmartLightColour
    /// Solid, blink or flash.
    public var type: SmartLightSegmentType

    /// Creates a segment.
    public init(colour: SmartLightColour, type: SmartLightSegmentType) {
        self.colour = colour
        self.type = type
    }
}

/// Segment mode (direct set): 1–5 segments, a blink frequency and a buzzer (§1.1).
public struct SmartLightSegmentMode: Codable, Sendable, Hashable {
    /// Valid segment counts.
    public static let segmentCountRange = 1...5
    /// The segments, top first; 1–5 of them.
    public var segments: [SmartLightSegment]
    /// Blink frequency for segments of type blink.
    public var blinkFrequency: SmartLightSpeed
    /// Buzzer pattern.
    public var buzzer: SmartLightBuzzer

    /// Creates a segment-mode setting (the count is checked when encoding).
    public init(segments: [SmartLightSegment], blinkFrequency: SmartLightSpeed, buzzer: SmartLightBuzzer) {
        self.segments = segments
        self.blinkFrequency = blinkFrequency
        self.buzzer = buzzer
    }
}

/// Level mode (direct set): a bar of 0–20 lights filling from one end (§1.1).
public struct SmartLightLevelMode: Codable, Sendable, Hashable {
    /// Valid light counts.
    public static let lightCountRange = 0...20
    /// Fill direction.
    public var levelType: SmartLightLevelType
    /// Colour of the lit part.
    public var colour: SmartLightColour
    /// Number of lights lit, 0–20.
    public var lightCount: UInt8
    /// Buzzer pattern.
    public var buzzer: SmartLightBuzzer

    /// Creates a level-mode setting (the count is checked when encoding).
    public init(levelType: SmartLightLevelType, colour: SmartLightColour, lightCount: UInt8, buzzer: SmartLightBuzzer) {
        self.levelType = levelType
        self.colour = colour
        self.lightCount = lightCount
        self.buzzer = buzzer
    }
}

/// Run-light mode (direct set): 1–3 running segments over a background colour (§1.1).
public struct SmartLightRunLight: Codable, Sendable, Hashable {
    /// Valid run segment counts.
    public static let segmentCountRange = 1...3
    /// Number of running segments, 1–3.
    public var segmentCount: UInt8
    /// Colour of the running segments.
    public var runColour: SmartLightColour
    /// Background colour.
    public var backColour: SmartLightColour
    /// Run speed.
    public var speed: SmartLightSpeed
    /// Buzzer pattern.
    public var buzzer: SmartLightBuzzer

    /// Creates a run-light setting (the count is checked when encoding).
    public init(
        segmentCount: UInt8, runColour: SmartLightColour, backColour: SmartLightColour,
        speed: SmartLightSpeed, buzzer: SmartLightBuzzer
    ) {
        self.segmentCount = segmentCount
        self.runColour = runColour
        self.backColour = backColour
        self.speed = speed
        self.buzzer = buzzer
    }
}

/// A temporary user colour, each channel 0–255 (§1.1).
public struct SmartLightRGB: Codable, Sendable, Hashable {
    /// Red, 0–255.
    public var red: UInt8
    /// Green, 0–255.
    public var green: UInt8
    /// Blue, 0–255.
    public var blue: UInt8

    /// Creates a colour.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }
}

/// One Smart Light command as the PLC sends it (RS232 command letters, §1.2/§1.3).
///
/// JSON: a flat object with a `type` discriminator, e.g. `{"type":"modeSet","mode":5}`,
/// `{"type":"level","levelType":"fillFromBottom","colour":"green","lightCount":7,"buzzer":"off"}`.
public enum SmartLightCommand: Sendable, Hashable {
    /// `M`: switch to recipe mode `mode` (0 = clear).
    case modeSet(mode: UInt16)
    /// `S`: segment mode, direct.
    case segment(SmartLightSegmentMode)
    /// `L`: level mode, direct.
    case level(SmartLightLevelMode)
    /// `R`: run-light mode, direct.
    case runLight(SmartLightRunLight)
    /// `U`: temporary user colour.
    case userColour(SmartLightRGB)
    /// `C`: clear, the same as mode 0.
    case clear
}

enum TypeKey: String, CodingKey { case type }

extension SmartLightCommand: Codable {
    private enum ModeKey: String, CodingKey { case mode }

    public init(from decoder: any Decoder) throws {
        let tag = try decoder.container(keyedBy: TypeKey.self).decode(String.self, forKey: .type)
        switch tag {
        case "modeSet": self = .modeSet(mode: try decoder.container(keyedBy: ModeKey.self).decode(UInt16.self, forKey: .mode))
        case "segment": self = .segment(try SmartLightSegmentMode(from: decoder))
        case "level": self = .level(try SmartLightLevelMode(from: decoder))
        case "runLight": self = .runLight(try SmartLightRunLight(from: decoder))
        case "userColour": self = .userColour(try SmartLightRGB(from: decoder))
        case "clear": self = .clear
        default:
            throw JSONDecodingError(
                path: "type",
                reason: "unknown Smart Light command '\(tag)' (modeSet, segment, level, runLight, userColour, clear)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var tag = encoder.container(keyedBy: TypeKey.self)
        switch self {
        case .modeSet(let mode):
            try tag.encode("modeSet", forKey: .type)
            var c = encoder.container(keyedBy: ModeKey.self)
            try c.encode(mode, forKey: .mode)
        case .segment(let s):
            try tag.encode("segment", forKey: .type)
            try s.encode(to: encoder)
        case .level(let l):
            try tag.encode("level", forKey: .type)
            try l.encode(to: encoder)
        case .runLight(let r):
            try tag.encode("runLight", forKey: .type)
            try r.encode(to: encoder)
        case .userColour(let rgb):
            try tag.encode("userColour", forKey: .type)
            try rgb.encode(to: encoder)
        case .clear:
            try tag.encode("clear", forKey: .type)
        }
    }
}
