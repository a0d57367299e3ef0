/// Everything that can be wrong with Heliospectra bytes, lines or values: the master
/// light-setting package, the `ABC321` discovery frames and the TCP control socket
/// (PROTOCOLS.md §5, seed `000_f8b5ddd0b5e923dc.txt`). Each case prints as one clear log line.
public enum HeliospectraError: Error, Sendable, Hashable, CustomStringConvertible {
    // MARK: Stream framing (all decoders)

    /// Bytes that do not start a package, frame or line were skipped (reported once per stretch).
    case garbage(byteCount: Int)

    // MARK: Master light-setting package

    /// A datagram shorter than the 24-byte package header.
    case packageTooShort(byteCount: Int)
    /// The command field is not the light-setting command of the format.
    case unexpectedCommand(UInt16, expected: UInt16)
    /// The command data (number of wavelengths) exceeds the format's maximum.
    case tooManyWavelengths(count: UInt32, max: Int)
    /// The data length field disagrees with the number of wavelengths.
    case dataLengthMismatch(declared: Int, expected: Int, wavelengthCount: Int)
    /// The datagram's size disagrees with the size its header announces.
    case packageSizeMismatch(expected: Int, actual: Int)
    /// The CRC-32 field does not match the bytes it covers.
    case crcMismatch(received: UInt32, computed: UInt32)
    /// A wavelength's relative power is above 1000.
    case relativePowerOutOfRange(wavelength: UInt16, value: UInt16)

    // MARK: Discovery frames

    /// A datagram shorter than the 16-byte `ABC321` header.
    case frameTooShort(byteCount: Int)
    /// A datagram that does not start with `ABC321`.
    case badMagic([UInt8])
    /// The byte after the command byte is not `0x00`.
    case nonZeroReservedByte(UInt8)
    /// The data length exceeds the format's maximum.
    case frameDataTooLong(length: Int, max: Int)
    /// The datagram's size disagrees with the size its header announces.
    case frameSizeMismatch(expected: Int, actual: Int)
    /// A frame whose command takes no data carries some.
    case unexpectedData(command: UInt8, byteCount: Int)
    /// The XML of an info reply cannot be read (`offset` counts from the start of the data,
    /// frame offset 16).
    case malformedXML(offset: Int, reason: String)
    /// An XML tag name that cannot be written (encoder).
    case invalidXMLTag(String)
    /// ``HeliospectraDiscoveryMessage/other(command:data:)`` was given a command that has its own case (encoder).
    case commandHasOwnCase(UInt8)

    // MARK: Control socket

    /// A line grew past the longest allowed line without a newline; it is discarded.
    case lineTooLong(max: Int)
    /// A line is not valid UTF-8 or holds control characters.
    case invalidLine([UInt8])
    /// A line's first word is not a known command.
    case unknownCommand(String)
    /// A command has the wrong number of arguments.
    case wrongArgumentCount(command: String, expected: String, actual: Int)
    /// An argument or reply field is not a number of the expected kind.
    case invalidNumber(field: String, text: String)
    /// A number is outside its field's range.
    case valueOutOfRange(field: String, value: Int, range: ClosedRange<Int>)
    /// An `OK` reply's payload does not fit the request it answers.
    case malformedReply(request: String, text: String)
    /// A text value cannot be written so that it reads back the same.
    case unencodableText(field: String, text: String)

    // MARK: Settings

    /// A format setting is unusable.
    case invalidFormat(String)

    public var description: String {
        switch self {
        case .garbage(let n): return "skipped \(n) byte(s) outside any Heliospectra package, frame or line"
        case .packageTooShort(let n): return "master package of \(n) byte(s) is shorter than its 24-byte header"
        case .unexpectedCommand(let c, let e): return "master package command \(c) is not the light-setting command \(e)"
        case .tooManyWavelengths(let c, let m): return "master package announces \(c) wavelengths, more than the maximum \(m)"
        case .dataLengthMismatch(let d, let e, let n):
            return "master package data length \(d) disagrees with \(n) wavelength(s) (expected \(e))"
        case .packageSizeMismatch(let e, let a): return "master package is \(a) byte(s), its header announces \(e)"
        case .crcMismatch(let r, let c):
            return
                "master package CRC-32 0x\(Hex.encode(HeliospectraBytes.bigEndian(r))) does not match computed 0x\(Hex.encode(HeliospectraBytes.bigEndian(c)))"
        case .relativePowerOutOfRange(let w, let v): return "relative power \(v) at \(w) nm is above 1000"
        case .frameTooShort(let n): return "discovery frame of \(n) byte(s) is shorter than its 16-byte header"
        case .badMagic(let b): return "discovery frame starts with '\(ASCII.escaped(b))', not 'ABC321'"
        case .nonZeroReservedByte(let b): return "discovery frame byte 13 is 0x\(Hex.encode([b])), not 0x00"
        case .frameDataTooLong(let l, let m): return "discovery frame data length \(l) exceeds the maximum \(m)"
        case .frameSizeMismatch(let e, let a): return "discovery frame is \(a) byte(s), its header announces \(e)"
        case .unexpectedData(let c, let n): return "discovery command \(c) takes no data, got \(n) byte(s)"
        case .malformedXML(let o, let r): return "info reply XML at offset \(o): \(r)"
        case .invalidXMLTag(let t): return "'\(t)' is not a valid XML tag name"
        case .commandHasOwnCase(let c): return "discovery command \(c) has its own message type, not 'other'"
        case .lineTooLong(let m): return "control line longer than \(m) bytes without a newline was discarded"
        case .invalidLine(let b): return "control line '\(ASCII.escaped(b))' is not printable UTF-8 text"
        case .unknownCommand(let w): return "unknown control command '\(w)'"
        case .wrongArgumentCount(let c, let e, let a): return "\(c) takes \(e) argument(s), got \(a)"
        case .invalidNumber(let f, let t): return "\(f) '\(t)' is not a valid number"
        case .valueOutOfRange(let f, let v, let r): return "\(f) \(v) is outside \(r.lowerBound)...\(r.upperBound)"
        case .malformedReply(let r, let t): return "reply '\(t)' does not fit request \(r)"
        case .unencodableText(let f, let t): return "\(f) '\(t)' cannot be written as one control line that reads back the same"
        case .invalidFormat(let reason): return "invalid Heliospectra format: \(reason)"
        }
    }
}

/// Throws ``HeliospectraError/valueOutOfRange(field:value:range:)`` unless `range` holds `value`.
@inline(__always)
func heliospectraCheck(_ field: String, _ value: Int, _ range: ClosedRange<Int>) throws(HeliospectraError) {
    guard range.contains(value) else { throw .valueOutOfRange(field: field, value: value, range: range) }
}
