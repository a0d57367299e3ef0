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
        out.reserveCapacity(32)
        switch message {
        case .command(let command): try append(command, to: &out)
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

    /// The datagram bytes of `command`.
    public func encode(_ command: LightwaveCommand) throws(LightwaveError) -> [UInt8] {
        try encode(.command(command))
    }

    /// `message` followed by `\n`, for captures and the stream decoder.
    public func encodeLine(_ message: LightwaveMessage) throws(LightwaveError) -> [UInt8] {
        try encode(message) + [0x0A]
    }

    private func append(_ command: LightwaveCommand, to out: inout [UInt8]) throws(LightwaveError) {
        if let link = command.link {
            out.append(UInt8(ascii: ":"))
            out += Array(link.hexText.utf8)
            out.append(UInt8(ascii: ","))
        }
        if let trans = command.transaction {
            try checkRange("transaction id", Int(trans), LightwaveCommand.transactionRange)
            appendDecimal(UInt64(trans), to: &out)
        }
        out.append(UInt8(ascii: ","))
        let name = command.action.functionName
        switch command.action {
        case .device(let room, let device, let function):
            try checkRange("room", Int(room), LightwaveAction.roomRange)
            try checkRange("device", Int(device), LightwaveAction.deviceRange)
            out.append(contentsOf: "!R".utf8)
            appendDecimal(UInt64(room), to: &out)
            out.append(UInt8(ascii: "D"))
            appendDecimal(UInt64(device), to: &out)
            out.append(UInt8(ascii: "F"))
            switch function {
            case .on: out.append(UInt8(ascii: "1"))
            case .off: out.append(UInt8(ascii: "0"))
            case .dim(let level):
                try checkRange("dim level", Int(level), LightwaveDeviceFunction.dimLevelRange)
                out.append(contentsOf: "dP".utf8)
                appendDecimal(UInt64(level), to: &out)
            case .open: out.append(UInt8(ascii: "("))
            case .close: out.append(UInt8(ascii: ")"))
            case .stop: out.append(UInt8(ascii: "^"))
            case .lock: out.append(UInt8(ascii: "l"))
            case .fullLock: out.append(UInt8(ascii: "k"))
            case .unlock: out.append(UInt8(ascii: "u"))
            }
        case .room(let room, let function):
            try checkRange("room", Int(room), LightwaveAction.roomRange)
            out.append(contentsOf: "!R".utf8)
            appendDecimal(UInt64(room), to: &out)
            out.append(UInt8(ascii: "F"))
            switch function {
            case .allOff: out.append(UInt8(ascii: "a"))
            case .moodRecall(let mood):
                try checkRange("\(name) mood", Int(mood), LightwaveRoomFunction.moodRange)
                out += Array("mP\(mood)".utf8)
            case .moodStore(let mood):
                try checkRange("\(name) mood", Int(mood), LightwaveRoomFunction.moodRange)
                out += Array("sP\(mood)".utf8)
            }
        case .register: out += Array("!F*p".utf8)
        case .deregisterAll: out += Array("!F*xP".utf8)
        case .hubInfo: out += Array("@H".utf8)
        }
        try appendScreen(command.line1, command.line2, to: &out)
    }

    private func appendScreen(_ line1: String?, _ line2: String?, to out: inout [UInt8]) throws(LightwaveError) {
        guard let line1 else {
            if line2 != nil { throw .malformedCommand("screen line 2 given without line 1") }
            return
        }
        for line in [line1, line2] {
            guard let line else { continue }
            try Self.checkScreenLine(line)
            out.append(UInt8(ascii: "|"))
            out += Array(line.utf8)
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
