/// A LightwaveRF Link command written ahead but for its transaction id (PROTOCOLS.md §3; seed
/// `004_ba308fd4a8628ac7.txt` "Command Package"): the wire form
/// `[:<MAC>,]<trans>,!R<room>D<device>F<fn>…` is two fixed runs of bytes around the id, so a
/// driver that prepares each configured command once only copies them and writes 1–3 digits
/// when it sends (the trigger path: no value checks, no text building; BENCHMARKS.md item 11).
///
/// Made by ``LightwaveEncoder/prepare(_:)``, which checks every value; the bytes written for a
/// transaction id equal ``LightwaveEncoder/encode(_:)`` of the command with that id.
/// A class, so handing one around costs a retain.
public final class LightwavePreparedCommand: Sendable {
    /// The command as prepared (its own transaction id is ignored).
    public let command: LightwaveCommand
    /// The datagram without its transaction id.
    private let bytes: [UInt8]
    /// Where the transaction id goes in ``bytes`` (after the `:<MAC>,` selector, if any).
    private let idOffset: Int

    init(command: LightwaveCommand, bytes: [UInt8], idOffset: Int) {
        self.command = command
        self.bytes = bytes
        self.idOffset = idOffset
    }

    /// The action the command carries.
    public var action: LightwaveAction { command.action }

    /// The longest datagram this command makes (with a three-digit transaction id).
    public var maxLength: Int { bytes.count + 3 }

    /// Writes the datagram with transaction id `transaction` (1–999) into `buffer`; returns its
    /// length. Throws ``LightwaveError/valueOutOfRange(field:value:range:)`` for an id outside
    /// 1–999 and ``LightwaveError/lineTooLong(limit:)`` when `buffer` is too short.
    public func write(transaction: UInt16, into buffer: UnsafeMutableRawBufferPointer) throws(LightwaveError) -> Int {
        let range = LightwaveCommand.transactionRange
        guard range.contains(Int(transaction)) else {
            throw .valueOutOfRange(field: "transaction id", value: Int(transaction), range: range)
        }
        let digits = transaction >= 100 ? 3 : transaction >= 10 ? 2 : 1
        let length = bytes.count + digits
        guard let base = buffer.baseAddress, buffer.count >= length else {
            throw .lineTooLong(limit: min(buffer.count, LightwaveUDP.maxLineLength))
        }
        bytes.withUnsafeBytes { source in
            guard let from = source.baseAddress else { return }
            base.copyMemory(from: from, byteCount: idOffset)
            var value = transaction
            for position in stride(from: idOffset + digits - 1, through: idOffset, by: -1) {
                base.storeBytes(of: UInt8(ascii: "0") + UInt8(value % 10), toByteOffset: position, as: UInt8.self)
                value /= 10
            }
            (base + idOffset + digits).copyMemory(from: from + idOffset, byteCount: bytes.count - idOffset)
        }
        return length
    }

    /// The command with transaction id `transaction`.
    public func command(transaction: UInt16) -> LightwaveCommand {
        var command = self.command
        command.transaction = transaction
        return command
    }
}
