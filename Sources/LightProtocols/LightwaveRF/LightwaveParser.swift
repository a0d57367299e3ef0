/// Parses one message without its line terminator (seed 004 "Command Package", "Example
/// Interactions", "Transmit Error Example"; PROTOCOLS.md §3).
///
/// Grammar (numbers are plain decimal: no sign, no leading zero):
/// ```
/// message  = event | [selector] [trans ","] body
/// event    = "*!" json-object
/// selector = ":" 6HEXDIG ","                     ; commands only
/// body     = command [ "|" line1 [ "|" line2 ] ]  ; lines: ≤ 16 printable, no "|"
///          | "OK" | "ERR," code "," DQUOTE text DQUOTE | "?V=" DQUOTE firmware DQUOTE
/// command  = "!R" room ["D" device] "F" fn ["P" param] | "!F*p" | "!F*xP" | "@H"
/// ```
/// A command's transaction id may be empty (`,!R3D1FdP12`) or absent (`!R1D1F1`); both decode
/// to `nil` and re-encode as the empty form. A reply's absent id re-encodes absent.
enum LightwaveParser {
    static func parse(_ line: [UInt8]) throws(LightwaveError) -> LightwaveMessage {
        guard !line.isEmpty else { throw .emptyMessage }
        guard line.count <= LightwaveUDP.maxLineLength else { throw .lineTooLong(limit: LightwaveUDP.maxLineLength) }
        if line.count >= 2 && line[0] == UInt8(ascii: "*") && line[1] == UInt8(ascii: "!") {
            for (i, b) in line.enumerated() where b == 0x0A || b == 0x0D {
                throw .invalidCharacter(byte: b, offset: i)
            }
            return .event(try parseEvent(line))
        }
        for (i, b) in line.enumerated() where !ASCII.isPrintable(b) {
            throw .invalidCharacter(byte: b, offset: i)
        }
        var rest = line[...]
        var link: LightwaveLinkSelector? = nil
        if rest.first == UInt8(ascii: ":") {
            guard let comma = rest.firstIndex(of: UInt8(ascii: ",")) else { throw .invalidLinkSelector(text(rest)) }
            let digits = rest[(rest.startIndex + 1)..<comma]
            guard digits.count == 6, digits.allSatisfy({ Hex.value($0) != nil }),
                let selector = LightwaveLinkSelector(text(digits))
            else { throw .invalidLinkSelector(text(rest[...comma])) }
            link = selector
            rest = rest[(comma + 1)...]
        }
        var trans: Int? = nil
        var i = rest.startIndex
        while i < rest.endIndex && ASCII.isDigit(rest[i]) { i += 1 }
        if i < rest.endIndex && rest[i] == UInt8(ascii: ",") {
            if i > rest.startIndex { trans = try number("transaction id", rest[rest.startIndex..<i]) }
            rest = rest[(i + 1)...]
        }
        switch rest.first {
        case UInt8(ascii: "!"), UInt8(ascii: "@"):
            if let trans { try checkRange("transaction id", trans, LightwaveCommand.transactionRange) }
            return .command(try parseCommand(rest, link: link, transaction: trans.map { UInt16($0) }))
        default:
            guard link == nil else { throw .selectorOnReply }
            if let trans { try checkRange("transaction id", trans, LightwaveMessage.replyTransactionRange) }
            return try parseReply(rest, transaction: trans.map { UInt16($0) })
        }
    }

    // MARK: Link → client

    private static func parseReply(_ body: ArraySlice<UInt8>, transaction: UInt16?) throws(LightwaveError) -> LightwaveMessage {
        if body.elementsEqual("OK".utf8) { return .ok(transaction: transaction) }
        if body.starts(with: "ERR,".utf8) {
            let afterTag = body.dropFirst(4)
            guard let comma = afterTag.firstIndex(of: UInt8(ascii: ",")) else { throw .malformedReply(text(body)) }
            let code = try number("error code", afterTag[..<comma])
            try checkRange("error code", code, LightwaveErrorReply.codeRange)
            guard let quoted = quotedText(body[(comma + 1)...]) else { throw .malformedReply(text(body)) }
            return .error(LightwaveErrorReply(transaction: transaction, code: UInt16(code), text: quoted))
        }
        if body.starts(with: "?V=".utf8) {
            guard let firmware = quotedText(body.dropFirst(3)) else { throw .malformedReply(text(body)) }
            return .version(transaction: transaction, firmware: firmware)
        }
        throw .unknownMessage(text(body))
    }

    /// The text between a leading and a trailing `"`, or `nil`.
    private static func quotedText(_ s: ArraySlice<UInt8>) -> String? {
        guard s.count >= 2, s.first == UInt8(ascii: "\""), s.last == UInt8(ascii: "\"") else { return nil }
        return text(s.dropFirst().dropLast())
    }

    private static func parseEvent(_ line: [UInt8]) throws(LightwaveError) -> LightwaveEvent {
        let value: JSONValue
        do {
            value = try JSONParser.parse(Array(line[2...]))
        } catch {
            throw .invalidJSON(offset: error.offset + 2, reason: error.reason)
        }
        guard case .object(let members) = value else { throw .eventNotAnObject }
        return LightwaveEvent(members: members)
    }

    // MARK: Client → Link

    private static func parseCommand(
        _ body: ArraySlice<UInt8>, link: LightwaveLinkSelector?, transaction: UInt16?
    ) throws(LightwaveError) -> LightwaveCommand {
        var head = body
        var line1: String? = nil
        var line2: String? = nil
        if let bar = body.firstIndex(of: UInt8(ascii: "|")) {
            head = body[..<bar]
            let lines = body[(bar + 1)...].split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false)
            guard lines.count <= 2 else { throw .tooManyScreenLines(count: lines.count) }
            line1 = text(lines[0])
            line2 = lines.count == 2 ? text(lines[1]) : nil
            for line in [line1, line2] {
                if let line { try LightwaveEncoder.checkScreenLine(line) }
            }
        }
        return LightwaveCommand(link: link, transaction: transaction, action: try parseAction(head), line1: line1, line2: line2)
    }

    private static func parseAction(_ head: ArraySlice<UInt8>) throws(LightwaveError) -> LightwaveAction {
        if head.first == UInt8(ascii: "@") {
            guard head.elementsEqual("@H".utf8) else { throw .unknownFunction(text(head)) }
            return .hubInfo
        }
        var p = head.dropFirst()  // "!"
        if p.first == UInt8(ascii: "F") {
            if p.elementsEqual("F*p".utf8) { return .register }
            if p.elementsEqual("F*xP".utf8) { return .deregisterAll }
            throw .unknownFunction(text(p))
        }
        guard p.first == UInt8(ascii: "R") else { throw .malformedCommand(text(head)) }
        p = p.dropFirst()
        let roomDigits = p.prefix(while: ASCII.isDigit)
        p = p.dropFirst(roomDigits.count)
        var deviceDigits: ArraySlice<UInt8>? = nil
        if p.first == UInt8(ascii: "D") {
            p = p.dropFirst()
            let digits = p.prefix(while: ASCII.isDigit)
            p = p.dropFirst(digits.count)
            deviceDigits = digits
        }
        guard p.first == UInt8(ascii: "F"), p.count >= 2 else { throw .malformedCommand(text(head)) }
        let room = try number("room", roomDigits)
        try checkRange("room", room, LightwaveAction.roomRange)
        let device = try deviceDigits.map { (d) throws(LightwaveError) -> Int in
            let n = try number("device", d)
            try checkRange("device", n, LightwaveAction.deviceRange)
            return n
        }
        // The function code runs from after "F" to "P" or the end.
        let code = p.dropFirst().prefix(while: { $0 != UInt8(ascii: "P") })
        let paramDigits: ArraySlice<UInt8>? = code.endIndex < p.endIndex ? p[(code.endIndex + 1)...] : nil
        guard code.count == 1, let function = FunctionCode(rawValue: code[code.startIndex]) else {
            throw .unknownFunction("F" + text(code))
        }
        let name = function.name
        let param = try paramDigits.map { (d) throws(LightwaveError) -> Int in try number("\(name) parameter", d) }
        switch function {
        case .on, .off, .open, .close, .stop, .lock, .fullLock, .unlock, .dim:
            guard let device else { throw .wrongTarget(function: name, expected: "a room and a device") }
            let f: LightwaveDeviceFunction
            switch function {
            case .on: f = .on
            case .off: f = .off
            case .open: f = .open
            case .close: f = .close
            case .stop: f = .stop
            case .lock: f = .lock
            case .fullLock: f = .fullLock
            case .unlock: f = .unlock
            default:
                guard let param else { throw .missingParameter(function: name) }
                try checkRange("dim level", param, LightwaveDeviceFunction.dimLevelRange)
                return .device(room: UInt8(room), device: UInt8(device), .dim(level: UInt8(param)))
            }
            guard param == nil else { throw .unexpectedParameter(function: name) }
            return .device(room: UInt8(room), device: UInt8(device), f)
        case .allOff:
            guard device == nil else { throw .wrongTarget(function: name, expected: "a room and no device") }
            guard param == nil else { throw .unexpectedParameter(function: name) }
            return .room(room: UInt8(room), .allOff)
        case .moodRecall, .moodStore:
            guard device == nil else { throw .wrongTarget(function: name, expected: "a room and no device") }
            guard let param else { throw .missingParameter(function: name) }
            try checkRange("\(name) mood", param, LightwaveRoomFunction.moodRange)
            let mood = UInt8(param)
            return .room(room: UInt8(room), function == .moodRecall ? .moodRecall(mood: mood) : .moodStore(mood: mood))
        }
    }

    /// The single characters after `F` in a room or device command.
    private enum FunctionCode: UInt8 {
        case on = 0x31, off = 0x30, dim = 0x64, allOff = 0x61, moodRecall = 0x6D, moodStore = 0x73
        case open = 0x28, close = 0x29, stop = 0x5E, lock = 0x6C, fullLock = 0x6B, unlock = 0x75

        var name: String {
            switch self {
            case .on: return "on"
            case .off: return "off"
            case .dim: return "dim"
            case .allOff: return "allOff"
            case .moodRecall: return "moodRecall"
            case .moodStore: return "moodStore"
            case .open: return "open"
            case .close: return "close"
            case .stop: return "stop"
            case .lock: return "lock"
            case .fullLock: return "fullLock"
            case .unlock: return "unlock"
            }
        }
    }

    // MARK: Helpers

    /// A plain decimal number of at most 9 digits (range checks are the caller's).
    private static func number(_ field: String, _ digits: ArraySlice<UInt8>) throws(LightwaveError) -> Int {
        guard !digits.isEmpty, digits.count <= 9, digits.first != UInt8(ascii: "0") || digits.count == 1,
            let value = ASCII.parseUnsigned(digits)
        else { throw .invalidNumber(field: field, text: text(digits)) }
        return Int(value)
    }

    /// ASCII bytes as a string (callers have checked they are printable).
    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
