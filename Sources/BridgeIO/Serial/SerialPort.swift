import CTermios

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// An open serial port: a tty in raw mode with the given settings (issue 3; DESIGN.md Glibc
/// pitfalls). Opening never pulses DTR or RTS: `HUPCL` is cleared so closing does not drop them
/// either, and each line is only set when its setting says so.
///
/// The descriptor is non-blocking and close-on-exec. Hand it to ``SerialChannel`` for event-loop
/// I/O or to ``SerialReader`` for a reader thread (either then owns and closes it), or close it
/// with ``close()``.
public final class SerialPort: @unchecked Sendable {
    /// The device path it was opened by.
    public let path: String
    /// The file descriptor; -1 once closed or handed over.
    public private(set) var descriptor: Int32

    /// Opens and configures `path`.
    public init(path: String, settings: SerialSettings) throws(SerialPortError) {
        try settings.validate()
        let fd = Glibc.open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            switch e {
            case ENOENT, ENODEV, ENXIO: throw .notFound(path: path)
            case EACCES, EPERM: throw .permissionDenied(path: path)
            case EBUSY: throw .busy(path: path)
            default: throw .system(path: path, call: "open", errno: e)
            }
        }
        self.path = path
        self.descriptor = fd
        do throws(SerialPortError) {
            guard isatty(fd) == 1 else { throw SerialPortError.notATerminal(path: path) }
            try configure(settings)
        } catch {
            Glibc.close(fd)
            descriptor = -1
            throw error
        }
    }

    deinit {
        if descriptor >= 0 { Glibc.close(descriptor) }
    }

    /// Closes the port (if it was not handed over).
    public func close() {
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }

    /// Gives up ownership of the descriptor (to SwiftNIO or a reader thread) and returns it.
    func takeDescriptor() -> Int32 {
        defer { descriptor = -1 }
        return descriptor
    }

    private func fail(_ call: String) -> SerialPortError {
        .system(path: path, call: call, errno: errno)
    }

    private func configure(_ settings: SerialSettings) throws(SerialPortError) {
        let fd = descriptor
        if settings.exclusive, ioctl(fd, UInt(TIOCEXCL)) != 0 { throw fail("ioctl(TIOCEXCL)") }
        var tio = termios()
        guard tcgetattr(fd, &tio) == 0 else { throw fail("tcgetattr") }
        SerialPort.apply(settings, to: &tio)
        let standard = SerialPort.standardRates[settings.baudRate]
        if let speed = standard {
            cfsetispeed(&tio, speed)
            cfsetospeed(&tio, speed)
        }
        guard tcsetattr(fd, TCSANOW, &tio) == 0 else { throw fail("tcsetattr") }
        if standard == nil, lightbridge_set_custom_baud(fd, UInt32(settings.baudRate)) != 0 {
            throw .unsupported(path: path, setting: "baud rate \(settings.baudRate)", errno: errno)
        }
        try setModemLine(TIOCM_DTR, settings.dtr, "DTR")
        if settings.flowControl != .rtsCts { try setModemLine(TIOCM_RTS, settings.rts, "RTS") }
        tcflush(fd, TCIOFLUSH)
    }

    /// Raw mode plus `settings` (data bits, parity, stop bits, flow control) on a termios
    /// value; the speed is set separately. `HUPCL` is cleared so closing never drops DTR.
    static func apply(_ settings: SerialSettings, to tio: inout termios) {
        cfmakeraw(&tio)
        tio.c_cflag |= tcflag_t(CLOCAL | CREAD)
        tio.c_cflag &= ~tcflag_t(HUPCL)
        tio.c_cflag &= ~tcflag_t(CSIZE)
        switch settings.dataBits {
        case 5: tio.c_cflag |= tcflag_t(CS5)
        case 6: tio.c_cflag |= tcflag_t(CS6)
        case 7: tio.c_cflag |= tcflag_t(CS7)
        default: tio.c_cflag |= tcflag_t(CS8)
        }
        tio.c_cflag &= ~tcflag_t(PARENB | PARODD)
        tio.c_iflag &= ~tcflag_t(INPCK)
        switch settings.parity {
        case .none: break
        case .even:
            tio.c_cflag |= tcflag_t(PARENB)
            tio.c_iflag |= tcflag_t(INPCK)
        case .odd:
            tio.c_cflag |= tcflag_t(PARENB | PARODD)
            tio.c_iflag |= tcflag_t(INPCK)
        }
        if settings.stopBits == 2 { tio.c_cflag |= tcflag_t(CSTOPB) } else { tio.c_cflag &= ~tcflag_t(CSTOPB) }
        tio.c_cflag &= ~tcflag_t(CRTSCTS)
        tio.c_iflag &= ~tcflag_t(IXON | IXOFF | IXANY)
        switch settings.flowControl {
        case .none: break
        case .rtsCts: tio.c_cflag |= tcflag_t(CRTSCTS)
        case .xonXoff: tio.c_iflag |= tcflag_t(IXON | IXOFF)
        }
        // Return whatever is there at once; the event loop does the waiting.
        withUnsafeMutableBytes(of: &tio.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
    }

    private func setModemLine(_ bit: Int32, _ state: SerialSettings.ModemLine, _ name: String) throws(SerialPortError) {
        var bits = bit
        switch state {
        case .unchanged: return
        case .on:
            if ioctl(descriptor, UInt(TIOCMBIS), &bits) != 0 {
                throw .unsupported(path: path, setting: "\(name) on", errno: errno)
            }
        case .off:
            if ioctl(descriptor, UInt(TIOCMBIC), &bits) != 0 {
                throw .unsupported(path: path, setting: "\(name) off", errno: errno)
            }
        }
    }

    /// The settings as the kernel now has them (modem lines read as `unchanged` where the
    /// driver has no modem control, as on a pseudo-terminal).
    public func currentSettings() throws(SerialPortError) -> SerialSettings {
        var tio = termios()
        guard tcgetattr(descriptor, &tio) == 0 else { throw fail("tcgetattr") }
        var baud: UInt32 = 0
        guard lightbridge_get_baud(descriptor, &baud) == 0 else { throw fail("ioctl(TCGETS2)") }
        var settings = SerialPort.settings(from: tio, baudRate: Int(baud))
        var exclusive: Int32 = 0
        settings.exclusive = ioctl(descriptor, SerialPort.tiocgexcl, &exclusive) == 0 && exclusive != 0
        var lines: Int32 = 0
        if ioctl(descriptor, UInt(TIOCMGET), &lines) == 0 {
            settings.dtr = lines & TIOCM_DTR != 0 ? .on : .off
            settings.rts = lines & TIOCM_RTS != 0 ? .on : .off
        }
        return settings
    }

    /// The data bits, parity, stop bits and flow control a termios value holds.
    static func settings(from tio: termios, baudRate: Int) -> SerialSettings {
        var settings = SerialSettings(baudRate: baudRate)
        switch tio.c_cflag & tcflag_t(CSIZE) {
        case tcflag_t(CS5): settings.dataBits = 5
        case tcflag_t(CS6): settings.dataBits = 6
        case tcflag_t(CS7): settings.dataBits = 7
        default: settings.dataBits = 8
        }
        if tio.c_cflag & tcflag_t(PARENB) != 0 {
            settings.parity = tio.c_cflag & tcflag_t(PARODD) != 0 ? .odd : .even
        }
        settings.stopBits = tio.c_cflag & tcflag_t(CSTOPB) != 0 ? 2 : 1
        if tio.c_cflag & tcflag_t(CRTSCTS) != 0 {
            settings.flowControl = .rtsCts
        } else if tio.c_iflag & tcflag_t(IXON) != 0 {
            settings.flowControl = .xonXoff
        }
        return settings
    }

    /// `TIOCGEXCL` (Linux ≥ 3.8; glibc's headers lack it): `_IOR('T', 0x40, int)` in the
    /// asm-generic ioctl numbering that x86-64 and arm64 share.
    static let tiocgexcl: UInt = 0x8004_5440

    /// Baud rates termios names with a `B` constant; others go through termios2.
    static let standardRates: [Int: speed_t] = [
        50: speed_t(B50), 75: speed_t(B75), 110: speed_t(B110), 134: speed_t(B134), 150: speed_t(B150), 200: speed_t(B200),
        300: speed_t(B300), 600: speed_t(B600), 1200: speed_t(B1200), 1800: speed_t(B1800), 2400: speed_t(B2400),
        4800: speed_t(B4800), 9600: speed_t(B9600), 19200: speed_t(B19200), 38400: speed_t(B38400),
        57600: speed_t(B57600), 115_200: speed_t(B115200), 230_400: speed_t(B230400), 460_800: speed_t(B460800),
        500_000: speed_t(B500000), 576_000: speed_t(B576000), 921_600: speed_t(B921600), 1_000_000: speed_t(B1000000),
        1_152_000: speed_t(B1152000), 1_500_000: speed_t(B1500000), 2_000_000: speed_t(B2000000),
        2_500_000: speed_t(B2500000), 3_000_000: speed_t(B3000000), 3_500_000: speed_t(B3500000),
        4_000_000: speed_t(B4000000),
    ]
}
