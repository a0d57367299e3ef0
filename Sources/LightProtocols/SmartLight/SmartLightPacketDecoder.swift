/// Incremental decoder of Smart Light binary packets (seed 002 "TCP/IP Protocol";
/// PROTOCOLS.md §1.4).
///
/// Each packet's length byte is checked against its command before the decoder waits for the
/// rest, so a bogus length never stalls the stream. A malformed packet (length disagrees,
/// unknown command or subtype) is reported once and the decoder then slides forward a byte at a
/// time, silently, until a well-formed packet parses again. A well-formed packet whose field
/// values are out of range is consumed whole and reported (a server refuses it with code 1).
/// ``SmartLightError/closesConnection`` tells a server which errors end the connection.
public struct SmartLightPacketDecoder: StreamDecoder {
    /// Layout settings.
    public let format: SmartLightPacketFormat
    private var queue = ByteQueue()
    private var resynchronising = false

    /// Creates a decoder.
    public init(format: SmartLightPacketFormat = SmartLightPacketFormat()) {
        self.format = format
    }

    public var bufferedByteCount: Int { queue.count }

    public mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        queue.append(bytes)
    }

    public mutating func next() -> Result<SmartLightPacket, SmartLightError>? {
        while queue.count >= 3 {
            switch expectedLength() {
            case .failure(let error):
                queue.consume(1)
                if resynchronising { continue }
                resynchronising = true
                return .failure(error)
            case .success(let length):
                guard queue.count >= length else { return nil }
                let bytes = queue.bytes(0..<length)
                let result = parse(bytes)
                if case .failure = result, resynchronising {
                    queue.consume(1)
                    continue
                }
                queue.consume(length)
                resynchronising = false
                return result
            }
        }
        return nil
    }

    /// The total length the header announces, once it is consistent with the command.
    private func expectedLength() -> Result<Int, SmartLightError> {
        let length = Int(queue[1])
        let command = queue[2]
        switch command {
        case SmartLightPacketFormat.modeSetCommand, SmartLightPacketFormat.userColourCommand:
            let request = command == SmartLightPacketFormat.modeSetCommand ? 5 : 6
            guard length == request || length == 4 else {
                return .failure(.badPacketLength(command: command, declared: length, expected: "\(request) (or 4 for a reply)"))
            }
            return .success(length)
        case SmartLightPacketFormat.directSetCommand:
            if length == 4 { return .success(4) }
            guard queue.count >= 4 else { return .success(max(length, 5)) }
            switch queue[3] {
            case SmartLightPacketFormat.segmentSubtype:
                guard queue.count >= 5 else { return .success(max(length, 9)) }
                let count = Int(queue[4])
                guard SmartLightSegmentMode.segmentCountRange.contains(count) else {
                    // Length cannot be checked against a bad count; the count is the error.
                    return length >= 9 && length <= 17 && (length - 7) % 2 == 0
                        ? .success(length)
                        : .failure(.badPacketLength(command: command, declared: length, expected: "7 + 2 × segment count"))
                }
                guard length == 7 + 2 * count else {
                    return .failure(.badPacketLength(command: command, declared: length, expected: "\(7 + 2 * count)"))
                }
                return .success(length)
            case SmartLightPacketFormat.levelSubtype:
                guard length == 8 else { return .failure(.badPacketLength(command: command, declared: length, expected: "8")) }
                return .success(8)
            case SmartLightPacketFormat.runLightSubtype:
                guard length == 9 else { return .failure(.badPacketLength(command: command, declared: length, expected: "9")) }
                return .success(9)
            default:
                return .failure(.unknownDirectSetType(queue[3]))
            }
        case SmartLightPacketFormat.refusedCommand:
            guard length == 5 else { return .failure(.badPacketLength(command: command, declared: length, expected: "5")) }
            return .success(5)
        default:
            return .failure(.unknownPacketCommand(command))
        }
    }

    /// Parses one complete packet whose length is already consistent.
    func parse(_ b: [UInt8]) -> Result<SmartLightPacket, SmartLightError> {
        do throws(SmartLightError) {
            return .success(SmartLightPacket(id: b[0], payload: try payload(b)))
        } catch {
            return .failure(error)
        }
    }

    private func payload(_ b: [UInt8]) throws(SmartLightError) -> SmartLightPacketPayload {
        let command = b[2]
        if b.count == 4 {
            guard b[3] == 0 else { throw .unknownRefusalCode(b[3]) }
            return .reply(command: command)
        }
        switch command {
        case SmartLightPacketFormat.modeSetCommand:
            let mode = format.modeByteOrder == .msbFirst ? UInt16(b[3]) << 8 | UInt16(b[4]) : UInt16(b[4]) << 8 | UInt16(b[3])
            return .modeSet(mode: mode)
        case SmartLightPacketFormat.userColourCommand:
            return .userColour(SmartLightRGB(red: b[3], green: b[4], blue: b[5]))
        case SmartLightPacketFormat.refusedCommand:
            guard SmartLightPacketFormat.requestCommands.contains(b[3]) else { throw .unknownPacketCommand(b[3]) }
            guard let reason = SmartLightRefusal(rawValue: b[4]) else { throw .unknownRefusalCode(b[4]) }
            return .refused(command: b[3], reason: reason)
        default:
            switch b[3] {
            case SmartLightPacketFormat.segmentSubtype:
                let count = Int(b[4])
                try check("segment count", count, SmartLightSegmentMode.segmentCountRange)
                var segments: [SmartLightSegment] = []
                for s in 0..<count {
                    segments.append(
                        SmartLightSegment(
                            colour: try enumValue(b[5 + 2 * s], "colour"), type: try enumValue(b[6 + 2 * s], "segment type")))
                }
                return .segment(
                    SmartLightSegmentMode(
                        segments: segments, blinkFrequency: try speed(b[5 + 2 * count], "blink frequency"),
                        buzzer: try enumValue(b[6 + 2 * count], "buzzer")))
            case SmartLightPacketFormat.levelSubtype:
                try check("level light count", Int(b[6]), SmartLightLevelMode.lightCountRange)
                return .level(
                    SmartLightLevelMode(
                        levelType: try enumValue(b[4], "level type"), colour: try enumValue(b[5], "colour"), lightCount: b[6],
                        buzzer: try enumValue(b[7], "buzzer")))
            default:
                try check("run segment count", Int(b[4]), SmartLightRunLight.segmentCountRange)
                return .runLight(
                    SmartLightRunLight(
                        segmentCount: b[4], runColour: try enumValue(b[5], "run colour"),
                        backColour: try enumValue(b[6], "back colour"),
                        speed: try speed(b[7], "run speed"), buzzer: try enumValue(b[8], "buzzer")))
            }
        }
    }

    private func enumValue<T: OrderedCode>(_ byte: UInt8, _ field: String) throws(SmartLightError) -> T {
        guard Int(byte) < T.ordered.count else {
            throw .valueOutOfRange(field: field, value: Int(byte), range: 0...(T.ordered.count - 1))
        }
        return T.ordered[Int(byte)]
    }

    private func speed(_ byte: UInt8, _ field: String) throws(SmartLightError) -> SmartLightSpeed {
        guard (1...5).contains(byte) else { throw .valueOutOfRange(field: field, value: Int(byte), range: 1...5) }
        return SmartLightSpeed.ordered[Int(byte) - 1]
    }
}
