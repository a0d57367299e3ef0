/// Writes HelvarNet ASCII messages (PROTOCOLS.md §2; seed `003_689faa0b1f08db2f.txt`).
///
/// Parameters go in a fixed order — `V`, `C`, `G`, `B`, `S`, `F`, `L`, `P`, `K`, `O`, `A`, `Q`,
/// `T`, `D`, `N`, `E`, `Z`, `Y`, then `@` last — which matches the seed's example
/// (`>V:1,C:11,G:1234,B:5,S:6,F:3200#`) and the order aiohelvar 0.9.8's parser requires
/// (address after the other parameters). A reply longer than the message limit is split into
/// parts that each repeat the header and end in `$`, the last in `#`, never inside a UTF-8
/// character (aiohelvar parses every part on its own).
public struct HelvarEncoder: Sendable {
    /// Message limits.
    public let format: HelvarFormat

    /// Creates an encoder.
    public init(format: HelvarFormat = .standard) {
        self.format = format
    }

    /// The wire bytes of `message` (several parts for a long reply); throws when a value is out
    /// of range, a required parameter is missing or the answer cannot be sent.
    public func encode(_ message: HelvarMessage) throws(HelvarError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(48)
        try append(message, to: &out)
        return out
    }

    /// Appends the wire bytes of `message` to `out`.
    public func append(_ message: HelvarMessage, to out: inout [UInt8]) throws(HelvarError) {
        let start = out.count
        switch message {
        case .command(let c), .internalCommand(let c):
            try c.validate()
            out.append(message.startCharacter)
            appendHeader(c, to: &out)
            out.append(HelvarASCII.terminator)
        case .error(let e):
            try e.request.validate(requiringParameters: false)
            out.append(HelvarASCII.error)
            appendHeader(e.request, to: &out)
            out.append(HelvarASCII.answer)
            appendDecimal(UInt64(e.code.rawValue), to: &out)
            out.append(HelvarASCII.terminator)
        case .reply(let r):
            try r.request.validate()
            try appendReply(r, to: &out)
            return
        }
        if out.count - start > format.maxMessageLength {
            out.removeSubrange(start...)
            throw .messageTooLong(limit: format.maxMessageLength)
        }
    }

    private func appendReply(_ r: HelvarReply, to out: inout [UInt8]) throws(HelvarError) {
        var head: [UInt8] = [HelvarASCII.reply]
        appendHeader(r.request, to: &head)
        head.append(HelvarASCII.answer)
        let answer = Array(r.answer.utf8)
        if answer.contains(HelvarASCII.terminator) || answer.contains(HelvarASCII.partialTerminator) {
            throw .invalidAnswerText("it contains '#' or '$'")
        }
        if answer.count > format.maxReplyLength { throw .replyTooLong(limit: format.maxReplyLength) }
        let room = format.maxMessageLength - head.count - 1
        guard room > 0 else { throw .messageTooLong(limit: format.maxMessageLength) }
        var offset = 0
        repeat {
            var end = min(answer.count, offset + room)
            // Do not cut a UTF-8 sequence: back off over continuation bytes.
            while end < answer.count && end > offset && answer[end] & 0xC0 == 0x80 { end -= 1 }
            if end == offset { end = min(answer.count, offset + room) }
            out += head
            out += answer[offset..<end]
            offset = end
            out.append(offset < answer.count ? HelvarASCII.partialTerminator : HelvarASCII.terminator)
        } while offset < answer.count
    }

    /// Appends `V:…,C:…,` the other parameters and the address (no start, no terminator).
    func appendHeader(_ c: HelvarCommand, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "V"))
        out.append(HelvarASCII.idDelimiter)
        appendDecimal(UInt64(c.version), to: &out)
        out.append(HelvarASCII.delimiter)
        out.append(UInt8(ascii: "C"))
        out.append(HelvarASCII.idDelimiter)
        appendDecimal(UInt64(c.number.rawValue), to: &out)
        if let v = c.group { param("G", UInt64(v), &out) }
        if let v = c.block { param("B", UInt64(v), &out) }
        if let v = c.scene { param("S", UInt64(v), &out) }
        if let v = c.fade { param("F", UInt64(v), &out) }
        if let v = c.level {
            open("L", &out)
            v.append(to: &out)
        }
        if let v = c.proportion { signed("P", Int64(v), &out) }
        if let v = c.constantLight { param("K", v ? 1 : 0, &out) }
        if let v = c.forceStore { param("O", v ? 1 : 0, &out) }
        if let v = c.acknowledge { param("A", v ? 1 : 0, &out) }
        if let v = c.sequence { param("Q", UInt64(v), &out) }
        if let v = c.time { param("T", UInt64(v), &out) }
        if let v = c.display { param("D", UInt64(v), &out) }
        if let v = c.latitude { signed("N", Int64(v), &out) }
        if let v = c.longitude { signed("E", Int64(v), &out) }
        if let v = c.timeZone { signed("Z", Int64(v), &out) }
        if let v = c.daylightSaving { param("Y", v ? 1 : 0, &out) }
        if let a = c.address {
            out.append(HelvarASCII.delimiter)
            out.append(HelvarASCII.address)
            a.append(to: &out)
        }
    }

    @inline(__always) private func open(_ id: Unicode.Scalar, _ out: inout [UInt8]) {
        out.append(HelvarASCII.delimiter)
        out.append(UInt8(ascii: id))
        out.append(HelvarASCII.idDelimiter)
    }

    @inline(__always) private func param(_ id: Unicode.Scalar, _ value: UInt64, _ out: inout [UInt8]) {
        open(id, &out)
        appendDecimal(value, to: &out)
    }

    @inline(__always) private func signed(_ id: Unicode.Scalar, _ value: Int64, _ out: inout [UInt8]) {
        open(id, &out)
        appendSigned(value, to: &out)
    }
}
