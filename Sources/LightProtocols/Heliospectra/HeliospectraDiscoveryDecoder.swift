/// Decoder of `ABC321` discovery frames (PROTOCOLS.md §5).
///
/// Each frame is one UDP datagram: ``decodeDatagram(_:)`` is the main entry and requires the
/// datagram to be exactly one frame. As a ``StreamDecoder`` (captures, replays) it scans for
/// `ABC321` to find a frame start:
/// - bytes before a magic are skipped and reported once per bad stretch as
///   ``HeliospectraError/garbage(byteCount:)`` (the count is what could be skipped when the
///   stretch was first seen; the rest of the stretch is skipped silently);
/// - a bad header (reserved byte not `0x00`, data longer than the format allows) is reported
///   and the decoder moves one byte on and scans for the next magic; bytes skipped while doing
///   so belong to the same bad stretch and are not reported again;
/// - a frame whose framing is right but whose content is bad (malformed XML, data on a query)
///   is consumed whole and reported.
/// The buffer never holds more than one header plus ``HeliospectraDiscoveryFormat/maxDataLength``.
public struct HeliospectraDiscoveryDecoder: StreamDecoder {
    /// Limits.
    public let format: HeliospectraDiscoveryFormat
    private var queue = ByteQueue()
    private var resynchronising = false

    /// Creates a decoder.
    public init(format: HeliospectraDiscoveryFormat = .standard) {
        self.format = format
    }

    public var bufferedByteCount: Int { queue.count }

    public mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        queue.append(bytes)
    }

    /// Decodes one datagram that must hold exactly one frame.
    public func decodeDatagram(_ datagram: [UInt8]) throws(HeliospectraError) -> HeliospectraDiscoveryFrame {
        let result = datagram.withUnsafeBufferPointer { b -> Result<HeliospectraDiscoveryFrame, HeliospectraError> in
            guard b.count >= HeliospectraDiscoveryFormat.headerLength else { return .failure(.frameTooShort(byteCount: b.count)) }
            guard b.starts(with: HeliospectraDiscoveryFormat.magic) else { return .failure(.badMagic(Array(b[0..<6]))) }
            switch dataLength(b) {
            case .failure(let error): return .failure(error)
            case .success(let length):
                let total = HeliospectraDiscoveryFormat.headerLength + length
                guard total == b.count else { return .failure(.frameSizeMismatch(expected: total, actual: b.count)) }
                return parse(b)
            }
        }
        return try result.get()
    }

    public mutating func next() -> Result<HeliospectraDiscoveryFrame, HeliospectraError>? {
        while !queue.isEmpty {
            let start = magicCandidate()
            if start > 0 {
                queue.consume(start)
                if !resynchronising {
                    resynchronising = true
                    return .failure(.garbage(byteCount: start))
                }
                continue
            }
            guard queue.count >= HeliospectraDiscoveryFormat.headerLength else { return nil }
            switch queue.withUnreadBytes({ dataLength($0) }) {
            case .failure(let error):
                queue.consume(1)
                if resynchronising { continue }
                resynchronising = true
                return .failure(error)
            case .success(let length):
                let total = HeliospectraDiscoveryFormat.headerLength + length
                guard queue.count >= total else { return nil }
                let result = queue.withUnreadBytes { parse(UnsafeBufferPointer(rebasing: $0[0..<total])) }
                queue.consume(total)
                resynchronising = false
                return result
            }
        }
        return nil
    }

    /// Offset of the first position where `ABC321` starts, or where a prefix of it runs to the
    /// end of the buffer (it may complete), or the buffer's length.
    private func magicCandidate() -> Int {
        let magic = HeliospectraDiscoveryFormat.magic
        return queue.withUnreadBytes { b in
            var i = 0
            while i < b.count {
                if b[i] == magic[0] {
                    var k = 1
                    while k < magic.count && i + k < b.count && b[i + k] == magic[k] { k += 1 }
                    if k == magic.count || i + k == b.count { return i }
                }
                i += 1
            }
            return b.count
        }
    }

    /// Checks the reserved byte and the data length of a header that starts with the magic.
    func dataLength(_ b: UnsafeBufferPointer<UInt8>) -> Result<Int, HeliospectraError> {
        guard b[13] == 0 else { return .failure(.nonZeroReservedByte(b[13])) }
        let length = Int(b[14]) | Int(b[15]) << 8
        guard length <= format.validMaxDataLength else {
            return .failure(.frameDataTooLong(length: length, max: format.validMaxDataLength))
        }
        return .success(length)
    }

    /// Parses a complete frame whose header is valid.
    func parse(_ b: UnsafeBufferPointer<UInt8>) -> Result<HeliospectraDiscoveryFrame, HeliospectraError> {
        let mac = HeliospectraMAC(unchecked: Array(b[6..<12]))
        let data = UnsafeBufferPointer(rebasing: b[HeliospectraDiscoveryFormat.headerLength...])
        let command = b[12]
        let message: HeliospectraDiscoveryMessage
        switch command {
        case HeliospectraDiscoveryFormat.queryCommand:
            guard data.isEmpty else { return .failure(.unexpectedData(command: command, byteCount: data.count)) }
            message = .query
        case HeliospectraDiscoveryFormat.infoCommand:
            do throws(HeliospectraError) {
                message = .info(try HeliospectraXML.read(data))
            } catch {
                return .failure(error)
            }
        case HeliospectraDiscoveryFormat.masterAnnounceCommand: message = .masterAnnounce(data: Array(data))
        case HeliospectraDiscoveryFormat.masterRelativePowerCommand: message = .masterRelativePower(data: Array(data))
        default: message = .other(command: command, data: Array(data))
        }
        return .success(HeliospectraDiscoveryFrame(mac: mac, message: message))
    }
}
