import Testing

@testable import BridgeIO

#if canImport(Glibc)
    import Glibc
#endif

/// termios serial ports on real pseudo-terminals (issue 3, item 1).
@Suite struct SerialPortTests {
    /// Every combination of framing and flow control survives termios and back. (A pty forces
    /// CS8 and no parity on its slave, so data bits and parity are read back from the kernel
    /// only on a real UART: the QEMU ftdi_sio test covers that.)
    @Test func everyFramingRoundTripsThroughTermios() {
        for dataBits in 5...8 {
            for parity in SerialSettings.Parity.allCases {
                for stopBits in 1...2 {
                    for flow in SerialSettings.FlowControl.allCases {
                        let wanted = SerialSettings(dataBits: dataBits, parity: parity, stopBits: stopBits, flowControl: flow)
                        var tio = termios()
                        tio.c_cflag = tcflag_t(HUPCL | CS8 | PARENB)
                        SerialPort.apply(wanted, to: &tio)
                        let back = SerialPort.settings(from: tio, baudRate: 9600)
                        #expect(back.dataBits == dataBits && back.parity == parity && back.stopBits == stopBits)
                        #expect(back.flowControl == flow)
                        #expect(tio.c_cflag & tcflag_t(HUPCL) == 0, "closing must not drop DTR")
                        #expect(tio.c_lflag & tcflag_t(ICANON | ECHO) == 0, "raw mode")
                    }
                }
            }
        }
    }

    @Test func settingsAreAppliedAndReadBackFromTheKernel() throws {
        let pty = try PseudoTerminal()
        let wanted = SerialSettings(baudRate: 115_200, stopBits: 2, flowControl: .xonXoff)
        let port = try SerialPort(path: pty.path, settings: wanted)
        defer { port.close() }
        let actual = try port.currentSettings()
        #expect(actual.baudRate == 115_200)
        #expect(actual.stopBits == 2)
        #expect(actual.flowControl == .xonXoff)
        #expect(actual.exclusive)
    }

    @Test(arguments: [250_000, 31_250, 115_200, 9600])
    func standardAndCustomBaudRates(_ rate: Int) throws {
        let pty = try PseudoTerminal()
        let port = try SerialPort(path: pty.path, settings: SerialSettings(baudRate: rate, flowControl: .rtsCts))
        defer { port.close() }
        let actual = try port.currentSettings()
        #expect(actual.baudRate == rate)
        #expect(actual.flowControl == .rtsCts)
    }

    @Test func bytesFlowBothWays() throws {
        let pty = try PseudoTerminal()
        let port = try SerialPort(path: pty.path, settings: SerialSettings())
        defer { port.close() }
        pty.releaseSlave()
        let out = Array("~~~~~M7~~".utf8)
        #expect(out.withUnsafeBytes { write(port.descriptor, $0.baseAddress, $0.count) } == out.count)
        #expect(pty.read(count: out.count) == out)
        pty.write([0x00, 0xFF, 0x0D, 0x0A, 0x7E])
        var buffer = [UInt8](repeating: 0, count: 16)
        var n = 0
        for _ in 0..<200 where n == 0 {
            n = max(0, buffer.withUnsafeMutableBytes { read(port.descriptor, $0.baseAddress, $0.count) })
            if n == 0 { usleep(5000) }
        }
        // Raw mode: no CR/LF translation, no stripping of the high bit.
        #expect(Array(buffer[0..<n]) == [0x00, 0xFF, 0x0D, 0x0A, 0x7E])
    }

    @Test func typedErrorsForMissingDevicesAndBadSettings() throws {
        #expect(throws: SerialPortError.notFound(path: "/dev/ttyNOPE9")) {
            try SerialPort(path: "/dev/ttyNOPE9", settings: SerialSettings())
        }
        #expect(throws: SerialPortError.notATerminal(path: "/dev/null")) {
            try SerialPort(path: "/dev/null", settings: SerialSettings())
        }
        let pty = try PseudoTerminal()
        #expect(throws: SerialPortError.self) { try SerialPort(path: pty.path, settings: SerialSettings(dataBits: 9)) }
        #expect(throws: SerialPortError.self) { try SerialPort(path: pty.path, settings: SerialSettings(stopBits: 3)) }
        #expect(throws: SerialPortError.self) { try SerialPort(path: pty.path, settings: SerialSettings(baudRate: 10)) }
    }
}
