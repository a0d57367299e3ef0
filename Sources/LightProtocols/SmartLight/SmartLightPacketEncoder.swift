/// Writes Smart Light binary packets (seed 002 "TCP/IP Protocol"; PROTOCOLS.md §1.4).
public struct SmartLightPacketEncoder: Sendable {
    /// Layout settings (mode-number byte order).
    public let format: SmartLightPacketFormat

    /// Creates an encoder.
    public init(format: SmartLightPacketFormat = SmartLightPacketFormat()) {
        self.format = format
    }

    /// The wire bytes of `packet`; throws when a value is out of its range.
    public func encode(_ packet: SmartLightPacket) throws(SmartLightError) -> [UInt8] {
        var out: [UInt8] = [packet.id, 0, packet.payload.commandByte]
        switch packet.payload {
        case .modeSet(let mode):
            let hi = UInt8(mode >> 8), lo = UInt8(mode & 0xFF)
            out += format.modeByteOrder == .msbFirst ? [hi, lo] : [lo, hi]
        case .segment(let s):
            try check("segment count", s.segments.count, SmartLightSegmentMode.segmentCountRange)
            out += [SmartLightPacketFormat.segmentSubtype, UInt8(s.segments.count)]
            for segment in s.segments {
                out += [UInt8(segment.colour.caseIndex), UInt8(segment.type.caseIndex)]
            }
            out += [UInt8(s.blinkFrequency.caseIndex + 1), UInt8(s.buzzer.caseIndex)]
        case .level(let l):
            try check("level light count", Int(l.lightCount), SmartLightLevelMode.lightCountRange)
            out += [
                SmartLightPacketFormat.levelSubtype, UInt8(l.levelType.caseIndex), UInt8(l.colour.caseIndex), l.lightCount,
                UInt8(l.buzzer.caseIndex),
            ]
        case .runLight(let r):
            try check("run segment count", Int(r.segmentCount), SmartLightRunLight.segmentCountRange)
            out += [
                SmartLightPacketFormat.runLightSubtype, r.segmentCount, UInt8(r.runColour.caseIndex),
                UInt8(r.backColour.caseIndex),
                UInt8(r.speed.caseIndex + 1), UInt8(r.buzzer.caseIndex),
            ]
        case .userColour(let rgb):
            out += [rgb.red, rgb.green, rgb.blue]
        case .reply(let command):
            guard SmartLightPacketFormat.requestCommands.contains(command) else {
                throw .unknownPacketCommand(command)
            }
            out.append(0)
        case .refused(let command, let reason):
            guard SmartLightPacketFormat.requestCommands.contains(command) else {
                throw .unknownPacketCommand(command)
            }
            out += [command, reason.rawValue]
        }
        out[1] = UInt8(out.count)
        return out
    }
}

extension SmartLightPacketFormat {
    /// Command bytes a client may send (and a reply may echo).
    public static let requestCommands: Set<UInt8> = [directSetCommand, modeSetCommand, userColourCommand]
}
