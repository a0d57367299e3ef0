/// How a serial port is configured when it is opened (issue 3: termios serial ports).
public struct SerialSettings: Sendable, Hashable, Codable {
    /// Parity bit.
    public enum Parity: String, Sendable, Hashable, Codable, CaseIterable { case none, even, odd }
    /// Flow control.
    public enum FlowControl: String, Sendable, Hashable, Codable, CaseIterable { case none, rtsCts, xonXoff }
    /// What to do with a modem control line (DTR or RTS) when the port is opened. `unchanged`
    /// leaves it as the kernel has it; the port never pulses a line.
    public enum ModemLine: String, Sendable, Hashable, Codable { case unchanged, on, off }

    /// Speed in baud: a standard rate, or any other rate through termios2 (`BOTHER`).
    public var baudRate: Int
    /// Data bits, 5–8.
    public var dataBits: Int
    /// Parity.
    public var parity: Parity
    /// Stop bits, 1 or 2.
    public var stopBits: Int
    /// Flow control.
    public var flowControl: FlowControl
    /// DTR on open.
    public var dtr: ModemLine
    /// RTS on open (ignored with RTS/CTS flow control, where the driver owns RTS).
    public var rts: ModemLine
    /// Take the port exclusively (`TIOCEXCL`): other opens fail with `EBUSY` while it is open.
    public var exclusive: Bool

    /// Creates settings; the defaults are 9600 8N1, no flow control, exclusive.
    public init(
        baudRate: Int = 9600, dataBits: Int = 8, parity: Parity = .none, stopBits: Int = 1, flowControl: FlowControl = .none,
        dtr: ModemLine = .unchanged, rts: ModemLine = .unchanged, exclusive: Bool = true
    ) {
        self.baudRate = baudRate
        self.dataBits = dataBits
        self.parity = parity
        self.stopBits = stopBits
        self.flowControl = flowControl
        self.dtr = dtr
        self.rts = rts
        self.exclusive = exclusive
    }

    /// Checks every field; the first problem found is thrown.
    public func validate() throws(SerialPortError) {
        guard (50...16_000_000).contains(baudRate) else {
            throw .invalidSetting("baud rate \(baudRate) is outside 50...16000000")
        }
        guard (5...8).contains(dataBits) else { throw .invalidSetting("data bits \(dataBits) is outside 5...8") }
        guard stopBits == 1 || stopBits == 2 else { throw .invalidSetting("stop bits \(stopBits) is not 1 or 2") }
    }
}
