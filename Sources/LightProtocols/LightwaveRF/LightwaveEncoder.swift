/// Writes LightwaveRF Link messages as the text of one UDP datagram, without a line
/// terminator (seed `004_ba308fd4a8628ac7.txt`; PROTOCOLS.md §3).
///
/// Every value is range-checked the way ``LightwaveParser`` checks it, so what the encoder
/// writes the decoder reads back unchanged. A command with no transaction id is written with
/// an empty one (`,!R3D1FdP12`); a reply with none has no prefix (`OK`).
public struct LightwaveEncoder: Sendable {
    /// Creates an encoder.
    public init() {}

    /// The datagram bytes of `message`; throws when a value is out of its range.
    public func encode(_ message: LightwaveMessage) throws(LightwaveError) -> [UInt8] {
        var out: [UInt8] = []
        switch message {
        case .command(let command): return try encode(command)
        case .ok(let trans):
            try appendReplyTransaction(trans, to: &out)
            out += Array("OK".utf8)
        case .error(let reply):
            try appendReplyTransaction(reply.transaction, to: &out)
            try checkRange("error code", Int(reply.code), LightwaveErrorReply.codeRange)
            try checkPrintable(reply.text, offset: 0)
            out += Array("ERR,\(reply.code),\"".utf8)
            out += Array(reply.text.utf8)
            out.append(UInt8(ascii: "\""))
        case .version(let trans, let firmware):
            try appendReplyTransaction(trans, to: &out)
            try checkPrintable(firmware, offset: 0)
            out += Array("?V=\"".utf8)
            out += Array(firmware.utf8)
            out.append(UInt8(ascii: "\""))
        case .event(let event):
            guard Self.isFinite(event.jsonValue) else { throw .invalidJSON(offset: 0, reason: "a number is not finite") }
            out += Array("*!".utf8)
            out += Array(event.jsonValue.jsonText.utf8)
        }
        guard out.count <= LightwaveUDP.maxLineLength else { throw .lineTooLong(limit: LightwaveUDP.maxLineLength) }
        return out
    }

    /// The datagram bytes of `command`: every value is checked first, then the text is written
    /// into the array's storage in one pass (``ASCIIWriter``).
    public func encode(_ command: LightwaveCommand) throws(LightwaveError) -> [UInt8] {
        try check(command)
        let (bytes, overflowed) = ASCIIWriter.bytes(capacity: LightwaveUDP.maxLineLength) { write(command, to: &$0) }
        guard !overflowed else { throw .lineTooLong(limit: LightwaveUDP.maxLineLength) }
        return bytes
    }

    /// `command` checked and written once, but for its transaction id, which
    /// ``LightwavePreparedCommand/write(transaction:into:)`` fills in (a driver prepares each
    /// configured command when the mode table changes). `command.transaction` is ignored.
    public func prepare(_ command: LightwaveCommand) throws(LightwaveError) -> LightwavePreparedCommand {
        var withoutID = command
        withoutID.transaction = nil
        try check(withoutID)
        let (bytes, overflowed) = ASCIIWriter.bytes(capacity: LightwaveUDP.maxLineLength - 3) {
            write(withoutID, to: &$0)
        }
        guard !overflowed else { throw .lineTooLong(limit: LightwaveUDP.maxLineLength) }
        let idOffset = command.link.map { $0.hexText.utf8.count + 2 } ?? 0
        return LightwavePreparedCommand(command: withoutID, bytes: bytes, idOffset: idOffset)
    }

    /// `message` followed by `\n`, for captures and the stream decoder.
    public func encodeLine(_ message: LightwaveMessage) throws(LightwaveError) -> [UInt8] {
        try encode(message) + [0x0A]
    }

    /// Throws unless every value of `command` is in its range.
    private func check(_ command: LightwaveCommand) throws(LightwaveError) {
        if let trans = command.transaction {
            try checkRange("transaction id", Int(trans), LightwaveCommand.transactionRange)
        }
        switch command.action {
        case .device(let room, let device, let function):
            try checkRange("room", Int(room), LightwaveAction.roomRange)
            try checkRange("device", Int(device), LightwaveAction.deviceRange)
            if case .dim(let level) = function {
                try checkRange("dim level", Int(level), LightwaveDeviceFunction.dimLevelRange)
            }
        case .room(let room, let function):
            try checkRange("room", Int(room), LightwaveAction.roomRange)
            switch function {
            case .allOff: break
            case .moodRecall(let mood), .moodStore(let mood):
                try checkRange("\(command.action.functionName) mood", Int(mood), LightwaveRoomFunction.moodRange)
            }
        case .register, .deregisterAll, .hubInfo: break
        }
        guard let line1 = command.line1 else {
            if command.line2 != nil { throw .malformedCommand("screen line 2 given without line 1") }
            return
        }
        try Self.checkScreenLine(line1)
        if let line2 = command.line2 { try Self.checkScreenLine(line2) }
    }

    /// Writes `command`, already checked.
    private func write(_ command: LightwaveCommand, to out: inout ASCIIWriter) {
        if let link = command.link {
            out.byte(UInt8(ascii: ":"))
            out.text(link.hexText)
            out.byte(UInt8(ascii: ","))
        }
        if let trans = command.transaction { out.decimal(UInt64(trans)) }
        out.byte(UInt8(ascii: ","))
        switch command.action {
        case .device(let room, let device, let function):
            out.text("!R")
            out.decimal(UInt64(room))
            out.byte(UInt8(ascii: "D"))
            out.decimal(UInt64(device))
            out.byte(UInt8(ascii: "F"))
            switch function {
            case .on: out.byte(UInt8(ascii: "1"))
            case .off: out.byte(UInt8(ascii: "0"))
            case .dim(let level):
                out.text("dP")
                out.decimal(UInt64(level))
            case .open: out.byte(UInt8(ascii: "("))
            case .close: out.byte(UInt8(ascii: ")"))
            case .stop: out.byte(UInt8(ascii: "^"))
            case .lock: out.byte(UInt8(ascii: "l"))
            case .fullLock: out.byte(UInt8(ascii: "k"))
            case .unlock: out.byte(UInt8(ascii: "u"))
            }
        case .room(let room, let function):
            out.text("!R")
            out.decimal(UInt64(room))
            out.byte(UInt8(ascii: "F"))
            switch function {
            case .allOff: out.byte(UInt8(ascii: "a"))
            case .moodRecall(let mood):
                out.text("mP")
                out.decimal(UInt64(mood))
            case .moodStore(let mood):
                out.text("sP")
                out.decimal(UInt64(mood))
            }
        case .register: out.text("!F*p")
        case .deregisterAll: out.text("!F*xP")
        case .hubInfo: out.text("@H")
        }
        if let line1 = command.line1 {
            out.byte(UInt8(ascii: "|"))
            out.text(line1)
        }
        if let line2 = command.line2 {
            out.byte(UInt8(ascii: "|"))
            out.text(line2)
        }
    }

    /// Throws unless `line` is ≤ 16 printable ASCII characters without `|`.
    static func checkScreenLine(_ line: String) throws(LightwaveError) {
        for b in line.utf8 where !ASCII.isPrintable(b) || b == UInt8(ascii: "|") {
            throw .invalidScreenLine(line)
        }
        guard line.utf8.count <= LightwaveCommand.maxScreenLineLength else {
            throw .screenLineTooLong(line: line, length: line.utf8.count)
        }
    }

    private func appendReplyTransaction(_ trans: UInt16?, to out: inout [UInt8]) throws(LightwaveError) {
        guard let trans else { return }
        try checkRange("transaction id", Int(trans), LightwaveMessage.replyTransactionRange)
        out += Array("\(trans),".utf8)
    }

    private func checkPrintable(_ text: String, offset: Int) throws(LightwaveError) {
        for (i, b) in text.utf8.enumerated() where !ASCII.isPrintable(b) {
            throw .invalidCharacter(byte: b, offset: offset + i)
        }
    }

    private static func isFinite(_ value: JSONValue) -> Bool {
        switch value {
        case .double(let d): return d.isFinite
        case .array(let items): return items.allSatisfy(isFinite)
        case .object(let members): return members.allSatisfy { isFinite($0.value) }
        default: return true
        }
    }
}

@inline(__always)
func checkRange(_ field: String, _ value: Int, _ range: ClosedRange<Int>) throws(LightwaveError) {
    guard range.contains(value) else { throw .valueOutOfRange(field: field, value: value, range: range) }
}
