/// Writes Smart Light commands as RS232 frames `DDDDD<letter><params>DD`
/// (seed 002 "RS232 Protocols"; PROTOCOLS.md §1.1–§1.3).
public struct SmartLightFrameEncoder: Sendable {
    /// The delimiter and code table in use.
    public let format: SmartLightFrameFormat

    /// Creates an encoder for `format`.
    public init(format: SmartLightFrameFormat = .standard) {
        self.format = format
    }

    /// The complete frame for `command`; throws when a value is out of its range.
    public func encode(_ command: SmartLightCommand) throws(SmartLightError) -> [UInt8] {
        var out = [UInt8](repeating: format.delimiter, count: SmartLightFrameFormat.startDelimiterCount)
        out.reserveCapacity(SmartLightFrameFormat.startDelimiterCount + SmartLightFrameFormat.maxBodyLength + 2)
        try appendBody(of: command, to: &out)
        out.append(format.delimiter)
        out.append(format.delimiter)
        return out
    }

    /// Appends the frame body (letter and parameters, no delimiters) for `command`.
    public func appendBody(of command: SmartLightCommand, to out: inout [UInt8]) throws(SmartLightError) {
        let letters = format.commands.byteOfIndex
        switch command {
        case .modeSet(let mode):
            out.append(letters[0])
            out.append(contentsOf: String(mode).utf8)
        case .segment(let s):
            try check("segment count", s.segments.count, SmartLightSegmentMode.segmentCountRange)
            out.append(letters[1])
            out.append(UInt8(ascii: "0") + UInt8(s.segments.count))
            for segment in s.segments {
                out.append(format.colours.byteOfIndex[segment.colour.caseIndex])
                out.append(format.segmentTypes.byteOfIndex[segment.type.caseIndex])
            }
            out.append(format.speeds.byteOfIndex[s.blinkFrequency.caseIndex])
            out.append(format.buzzers.byteOfIndex[s.buzzer.caseIndex])
        case .level(let l):
            try check("level light count", Int(l.lightCount), SmartLightLevelMode.lightCountRange)
            out.append(letters[2])
            out.append(format.levelTypes.byteOfIndex[l.levelType.caseIndex])
            out.append(format.colours.byteOfIndex[l.colour.caseIndex])
            out.append(UInt8(ascii: "0") + l.lightCount / 10)
            out.append(UInt8(ascii: "0") + l.lightCount % 10)
            out.append(format.buzzers.byteOfIndex[l.buzzer.caseIndex])
        case .runLight(let r):
            try check("run segment count", Int(r.segmentCount), SmartLightRunLight.segmentCountRange)
            out.append(letters[3])
            out.append(UInt8(ascii: "0") + r.segmentCount)
            out.append(format.colours.byteOfIndex[r.runColour.caseIndex])
            out.append(format.colours.byteOfIndex[r.backColour.caseIndex])
            out.append(format.speeds.byteOfIndex[r.speed.caseIndex])
            out.append(format.buzzers.byteOfIndex[r.buzzer.caseIndex])
        case .userColour(let rgb):
            out.append(letters[4])
            for channel in [rgb.red, rgb.green, rgb.blue] {
                out.append(Hex.upperDigit(channel >> 4))
                out.append(Hex.upperDigit(channel & 0x0F))
            }
        case .clear:
            out.append(letters[5])
        }
    }
}

@inline(__always)
func check(_ field: String, _ value: Int, _ range: ClosedRange<Int>) throws(SmartLightError) {
    guard range.contains(value) else { throw .valueOutOfRange(field: field, value: value, range: range) }
}
