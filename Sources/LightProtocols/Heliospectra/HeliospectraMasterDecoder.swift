/// Decoder of master light-setting packages (seed `000_f8b5ddd0b5e923dc.txt`; PROTOCOLS.md §5).
///
/// Each package is one UDP datagram, so a receiver calls ``decodeDatagram(_:)`` per datagram.
/// A package is rejected, each with its own ``HeliospectraError``, when
/// - it is shorter than the 24-byte header (``HeliospectraError/packageTooShort(byteCount:)``),
/// - its command is not the format's light-setting command (``HeliospectraError/unexpectedCommand(_:expected:)``),
/// - its wavelength count exceeds the format's maximum (``HeliospectraError/tooManyWavelengths(count:max:)``),
/// - its data length disagrees with the wavelength count (``HeliospectraError/dataLengthMismatch(declared:expected:wavelengthCount:)``),
/// - the datagram's size disagrees with the header (``HeliospectraError/packageSizeMismatch(expected:actual:)``),
/// - the CRC-32 fails (``HeliospectraError/crcMismatch(received:computed:)``),
/// - a relative power is above 1000 (``HeliospectraError/relativePowerOutOfRange(wavelength:value:)``).
///
/// As a ``StreamDecoder`` it reads concatenated packages (a capture, a replay file): the header
/// is checked before the decoder waits for the rest, so the buffer never exceeds
/// ``HeliospectraMasterFormat/maxPackageLength``. After a bad header or a CRC failure the first
/// error is reported and the decoder slides forward one byte at a time, silently, until a
/// package parses again. A package with a good CRC but a bad relative power is consumed whole.
public struct HeliospectraMasterDecoder: StreamDecoder {
    /// The settings for the unpublished details.
    public let format: HeliospectraMasterFormat
    private var queue = ByteQueue()
    private var resynchronising = false

    /// Creates a decoder.
    public init(format: HeliospectraMasterFormat = .standard) {
        self.format = format
    }

    public var bufferedByteCount: Int { queue.count }

    public mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        queue.append(bytes)
    }

    /// Decodes one datagram that must hold exactly one package.
    public func decodeDatagram(_ datagram: [UInt8]) throws(HeliospectraError) -> HeliospectraMasterPackage {
        let result = datagram.withUnsafeBufferPointer { b -> Result<HeliospectraMasterPackage, HeliospectraError> in
            guard b.count >= HeliospectraMasterFormat.headerLength else { return .failure(.packageTooShort(byteCount: b.count)) }
            switch announcedLength(b) {
            case .failure(let error): return .failure(error)
            case .success(let total):
                guard total == b.count else { return .failure(.packageSizeMismatch(expected: total, actual: b.count)) }
                return parse(b)
            }
        }
        return try result.get()
    }

    public mutating func next() -> Result<HeliospectraMasterPackage, HeliospectraError>? {
        while queue.count >= HeliospectraMasterFormat.headerLength {
            let header = queue.withUnreadBytes { announcedLength($0) }
            switch header {
            case .failure(let error):
                if let reported = slide(error) { return reported }
            case .success(let total):
                guard queue.count >= total else { return nil }
                let result = queue.withUnreadBytes { parse(UnsafeBufferPointer(rebasing: $0[0..<total])) }
                if case .failure(.crcMismatch) = result {
                    if let reported = slide(result.error) { return reported }
                    continue
                }
                queue.consume(total)
                resynchronising = false
                return result
            }
        }
        return nil
    }

    /// Drops one byte; returns the error the first time in a bad stretch.
    private mutating func slide(_ error: HeliospectraError?) -> Result<HeliospectraMasterPackage, HeliospectraError>? {
        queue.consume(1)
        guard !resynchronising, let error else { return nil }
        resynchronising = true
        return .failure(error)
    }

    /// Checks the header's command, count and data length; the package's total size.
    func announcedLength(_ b: UnsafeBufferPointer<UInt8>) -> Result<Int, HeliospectraError> {
        let dataLength = Int(HeliospectraBytes.u16(b, 12))
        let command = HeliospectraBytes.u16(b, 14)
        let count = HeliospectraBytes.u32(b, 16)
        guard command == format.command else { return .failure(.unexpectedCommand(command, expected: format.command)) }
        let max = format.validMaxWavelengthCount
        guard count <= UInt32(max) else { return .failure(.tooManyWavelengths(count: count, max: max)) }
        let n = Int(count)
        let expected = format.dataLengthValue(wavelengthCount: n)
        guard dataLength == expected else {
            return .failure(.dataLengthMismatch(declared: dataLength, expected: expected, wavelengthCount: n))
        }
        return .success(HeliospectraMasterFormat.headerLength + 4 * n)
    }

    /// Checks the CRC and the powers of a package whose header and size are right.
    func parse(_ b: UnsafeBufferPointer<UInt8>) -> Result<HeliospectraMasterPackage, HeliospectraError> {
        if format.crcScope != .unchecked {
            let received = HeliospectraBytes.u32(b, 8)
            let computed = format.crc(of: b)
            guard received == computed else { return .failure(.crcMismatch(received: received, computed: computed)) }
        }
        var timestamp: UInt64 = 0
        for i in 0..<8 { timestamp = timestamp << 8 | UInt64(b[i]) }
        var channels: [HeliospectraChannel] = []
        let count = (b.count - HeliospectraMasterFormat.headerLength) / 4
        channels.reserveCapacity(count)
        for i in 0..<count {
            let at = HeliospectraMasterFormat.headerLength + 4 * i
            let channel = HeliospectraChannel(
                wavelength: HeliospectraBytes.u16(b, at), relativePower: HeliospectraBytes.u16(b, at + 2))
            guard channel.relativePower <= HeliospectraChannel.relativePowerRange.upperBound else {
                return .failure(.relativePowerOutOfRange(wavelength: channel.wavelength, value: channel.relativePower))
            }
            channels.append(channel)
        }
        return .success(
            HeliospectraMasterPackage(
                timestamp: timestamp, multicast: IPv4Address(HeliospectraBytes.u32(b, 20)), channels: channels))
    }
}

extension Result {
    /// The failure, or `nil`.
    fileprivate var error: Failure? {
        if case .failure(let e) = self { return e }
        return nil
    }
}
