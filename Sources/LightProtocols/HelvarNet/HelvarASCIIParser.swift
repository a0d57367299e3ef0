/// Parses one framed ASCII message straight from the bytes, with no intermediate strings
/// (PROTOCOLS.md §2; seed 003 "Message Formatting"): `start ID:value,…,@address[=answer]end`,
/// parameters in any order, upper-case IDs, address without a colon.
enum HelvarASCIIParser {
    /// Parses the message in `b[0...end]`: `b[0]` is the start character, `b[end]` the
    /// terminator, `equals` the index of the first `=` (or -1).
    static func parse(_ b: UnsafeBufferPointer<UInt8>, equals: Int, end: Int) -> Result<HelvarMessage, HelvarError> {
        do throws(HelvarError) {
            return .success(try message(b, equals: equals, end: end))
        } catch {
            return .failure(error)
        }
    }

    static func message(_ b: UnsafeBufferPointer<UInt8>, equals: Int, end: Int) throws(HelvarError) -> HelvarMessage {
        let start = b[0]
        let partial = b[end] == HelvarASCII.partialTerminator
        switch start {
        case HelvarASCII.command, HelvarASCII.internalCommand:
            guard equals < 0 else { throw .unexpectedAnswer }
            guard !partial else { throw .partialTerminatorOnNonReply }
            let command = try header(b, 1, end, requiring: true)
            return start == HelvarASCII.command ? .command(command) : .internalCommand(command)
        case HelvarASCII.reply:
            guard equals >= 0 else { throw .missingAnswer }
            let request = try header(b, 1, equals, requiring: true)
            let answer = String(decoding: UnsafeBufferPointer(rebasing: b[(equals + 1)..<end]), as: UTF8.self)
            return .reply(HelvarReply(request: request, answer: answer))
        default:
            guard equals >= 0 else { throw .missingAnswer }
            guard !partial else { throw .partialTerminatorOnNonReply }
            let request = try header(b, 1, equals, requiring: false)
            let text = UnsafeBufferPointer(rebasing: b[(equals + 1)..<end])
            guard let value = try? unsigned(b, equals + 1, end, "error code", maxDigits: 3),
                let code = HelvarErrorCode(rawValue: UInt8(truncatingIfNeeded: value)), value <= 255
            else { throw .unknownErrorCode(String(decoding: text, as: UTF8.self)) }
            return .error(HelvarErrorReply(request: request, code: code))
        }
    }

    /// Parses the parameters in `b[from..<to]` into a command and checks it.
    static func header(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, requiring: Bool) throws(HelvarError)
        -> HelvarCommand
    {
        guard from < to else { throw .missingCommandNumber }
        var number: HelvarCommandNumber?
        var command = HelvarCommand(.recallSceneGroup)
        var seen: UInt32 = 0
        var i = from
        while true {
            let id = b[i]
            var j: Int
            if id == HelvarASCII.address {
                j = i + 1
                while j < to && b[j] != HelvarASCII.delimiter { j += 1 }
                try mark(&seen, 0, "@")
                command.address = try HelvarAddress.parse(b, i + 1, j)
            } else {
                guard i + 1 < to, b[i + 1] == HelvarASCII.idDelimiter else {
                    var k = i
                    while k < to && b[k] != HelvarASCII.delimiter && b[k] != HelvarASCII.idDelimiter { k += 1 }
                    let text = String(decoding: UnsafeBufferPointer(rebasing: b[i..<k]), as: UTF8.self)
                    if k < to, b[k] == HelvarASCII.idDelimiter, k > i { throw .unknownParameter(text) }
                    throw .malformed(
                        reason: "expected 'ID:value' at '\(ASCII.escaped(UnsafeBufferPointer(rebasing: b[i..<min(to, i + 16)])))'"
                    )
                }
                let s = i + 2
                j = s
                while j < to && b[j] != HelvarASCII.delimiter { j += 1 }
                switch id {
                case UInt8(ascii: "V"):
                    try mark(&seen, 17, "V")
                    command.version = UInt8(try ranged(b, s, j, "V", "version", HelvarCommand.versionRange))
                case UInt8(ascii: "C"):
                    try mark(&seen, 18, "C")
                    let value = try unsigned(b, s, j, "C", maxDigits: 5)
                    guard let known = HelvarCommandNumber(rawValue: UInt16(truncatingIfNeeded: value)), value <= 0xFFFF else {
                        throw .unknownCommand(Int64(value))
                    }
                    number = known
                case UInt8(ascii: "G"):
                    try mark(&seen, 1, "G")
                    command.group = UInt16(try ranged(b, s, j, "G", "group", HelvarCommand.groupRange))
                case UInt8(ascii: "B"):
                    try mark(&seen, 2, "B")
                    command.block = UInt8(try ranged(b, s, j, "B", "block", HelvarCommand.blockRange))
                case UInt8(ascii: "S"):
                    try mark(&seen, 3, "S")
                    command.scene = UInt8(try ranged(b, s, j, "S", "scene", HelvarCommand.sceneRange))
                case UInt8(ascii: "F"):
                    try mark(&seen, 4, "F")
                    command.fade = UInt32(try ranged(b, s, j, "F", "fade", 0...Int64(UInt32.max)))
                case UInt8(ascii: "L"):
                    try mark(&seen, 5, "L")
                    command.level = try parseLevel(b, s, j, "L")
                case UInt8(ascii: "P"):
                    try mark(&seen, 6, "P")
                    command.proportion = Int8(try signedRanged(b, s, j, "P", "proportion", HelvarCommand.proportionRange))
                case UInt8(ascii: "A"):
                    try mark(&seen, 7, "A")
                    command.acknowledge = try flag(b, s, j, "A", "acknowledge")
                case UInt8(ascii: "Q"):
                    try mark(&seen, 8, "Q")
                    command.sequence = UInt32(try ranged(b, s, j, "Q", "sequence", 0...Int64(UInt32.max)))
                case UInt8(ascii: "O"):
                    try mark(&seen, 9, "O")
                    command.forceStore = try flag(b, s, j, "O", "force store")
                case UInt8(ascii: "K"):
                    try mark(&seen, 10, "K")
                    command.constantLight = try flag(b, s, j, "K", "constant light")
                case UInt8(ascii: "T"):
                    try mark(&seen, 11, "T")
                    command.time = UInt32(try ranged(b, s, j, "T", "time", 0...Int64(UInt32.max)))
                case UInt8(ascii: "D"):
                    try mark(&seen, 12, "D")
                    command.display = UInt32(try ranged(b, s, j, "D", "display", 0...Int64(UInt32.max)))
                case UInt8(ascii: "N"):
                    try mark(&seen, 13, "N")
                    command.latitude = Int32(try signedRanged(b, s, j, "N", "latitude", Int64(Int32.min)...Int64(Int32.max)))
                case UInt8(ascii: "E"):
                    try mark(&seen, 14, "E")
                    command.longitude = Int32(try signedRanged(b, s, j, "E", "longitude", Int64(Int32.min)...Int64(Int32.max)))
                case UInt8(ascii: "Z"):
                    try mark(&seen, 15, "Z")
                    command.timeZone = Int32(try signedRanged(b, s, j, "Z", "time zone", Int64(Int32.min)...Int64(Int32.max)))
                case UInt8(ascii: "Y"):
                    try mark(&seen, 16, "Y")
                    command.daylightSaving = try flag(b, s, j, "Y", "daylight saving")
                default:
                    throw .unknownParameter(String(decoding: CollectionOfOne(id), as: UTF8.self))
                }
            }
            if j >= to { break }
            i = j + 1
            guard i < to else { throw .malformed(reason: "empty parameter after ','") }
        }
        guard let number else { throw .missingCommandNumber }
        command.number = number
        if requiring { try command.checkRequirements() }
        return command
    }

    @inline(__always)
    private static func mark(_ seen: inout UInt32, _ bit: UInt32, _ id: StaticString) throws(HelvarError) {
        let m: UInt32 = 1 << bit
        guard seen & m == 0 else { throw .duplicateParameter("\(id)") }
        seen |= m
    }

    /// An unsigned decimal of 1…`maxDigits` digits.
    @inline(__always)
    static func unsigned(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, _ id: String, maxDigits: Int = 10)
        throws(HelvarError) -> UInt64
    {
        guard e > s, e - s <= maxDigits else { throw invalid(b, s, e, id) }
        var value: UInt64 = 0
        var i = s
        while i < e {
            let d = b[i] &- 0x30
            guard d < 10 else { throw invalid(b, s, e, id) }
            value = value &* 10 &+ UInt64(d)
            i += 1
        }
        return value
    }

    @inline(__always)
    private static func ranged(
        _ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, _ id: String, _ field: String, _ range: ClosedRange<Int64>
    ) throws(HelvarError) -> Int64 {
        let v = Int64(try unsigned(b, s, e, id))
        guard range.contains(v) else { throw .valueOutOfRange(field: field, value: v, range: range) }
        return v
    }

    private static func signedRanged(
        _ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, _ id: String, _ field: String, _ range: ClosedRange<Int64>
    ) throws(HelvarError) -> Int64 {
        let negative = e > s && b[s] == UInt8(ascii: "-")
        let magnitude = Int64(try unsigned(b, negative ? s + 1 : s, e, id))
        let v = negative ? -magnitude : magnitude
        guard range.contains(v) else { throw .valueOutOfRange(field: field, value: v, range: range) }
        return v
    }

    private static func flag(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, _ id: String, _ field: String)
        throws(HelvarError) -> Bool
    {
        try ranged(b, s, e, id, field, 0...1) == 1
    }

    static func invalid(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, _ id: String) -> HelvarError {
        .invalidNumber(parameter: id, text: String(decoding: UnsafeBufferPointer(rebasing: b[s..<max(s, e)]), as: UTF8.self))
    }
}

/// A level `0`…`100` with at most one decimal digit (`39.2`).
func parseLevel(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, _ id: String) throws(HelvarError) -> HelvarLevel {
    var dot = s
    while dot < e && b[dot] != UInt8(ascii: ".") { dot += 1 }
    let whole = try HelvarASCIIParser.unsigned(b, s, dot, id, maxDigits: 3)
    var tenths = Int64(whole) * 10
    if dot < e {
        guard e - dot == 2 else { throw HelvarASCIIParser.invalid(b, s, e, id) }
        tenths += Int64(try HelvarASCIIParser.unsigned(b, dot + 1, e, id, maxDigits: 1))
    }
    guard HelvarLevel.tenthsRange.contains(tenths) else {
        throw tenths % 10 == 0
            ? .valueOutOfRange(field: "level", value: tenths / 10, range: 0...100)
            : .valueOutOfRange(field: "level (tenths)", value: tenths, range: HelvarLevel.tenthsRange)
    }
    return HelvarLevel(uncheckedTenths: UInt16(tenths))
}
