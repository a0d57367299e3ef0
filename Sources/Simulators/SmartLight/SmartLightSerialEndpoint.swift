#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Opens the serial side of the simulated Smart Light (PROTOCOLS.md §1.2): a new
/// pseudo-terminal, or an existing tty in raw mode. The simulator reads the returned descriptor
/// with SwiftNIO; for a pseudo-terminal it also keeps the slave open, so a client that closes
/// and reopens the path does not hang the master up.
enum SmartLightSerialEndpoint {
    /// An opened endpoint.
    struct Opened {
        /// The descriptor to read (pty master or the tty itself).
        var descriptor: Int32
        /// The slave descriptor kept open (pseudo-terminal only).
        var keptOpen: Int32?
        /// The path a client opens.
        var path: String
    }

    /// Why the serial side could not be opened.
    struct OpenError: Error, CustomStringConvertible {
        /// What failed.
        var description: String
    }

    static func open(_ serial: SmartLightDeviceSimulatorSettings.Serial) throws -> Opened {
        switch serial {
        case .pseudoTerminal:
            var master: Int32 = -1
            var slave: Int32 = -1
            var name = [CChar](repeating: 0, count: 128)
            guard openpty(&master, &slave, &name, nil, nil) == 0 else { throw OpenError(description: "openpty: errno \(errno)") }
            makeRaw(slave, baudRate: nil)
            let path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return Opened(descriptor: master, keptOpen: slave, path: path)
        case .device(let path, let baudRate):
            guard standardRates[baudRate] != nil else {
                throw OpenError(description: "baud rate \(baudRate) is not one of \(standardRates.keys.sorted())")
            }
            let fd = Glibc.open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
            guard fd >= 0 else { throw OpenError(description: "\(path): open failed, errno \(errno)") }
            guard isatty(fd) == 1 else {
                close(fd)
                throw OpenError(description: "\(path): not a terminal device")
            }
            makeRaw(fd, baudRate: baudRate)
            return Opened(descriptor: fd, keptOpen: nil, path: path)
        }
    }

    /// Raw mode, 8N1, no flow control, reads return at once.
    private static func makeRaw(_ fd: Int32, baudRate: Int?) {
        var tio = termios()
        guard tcgetattr(fd, &tio) == 0 else { return }
        cfmakeraw(&tio)
        tio.c_cflag |= tcflag_t(CLOCAL | CREAD)
        if let baudRate, let speed = standardRates[baudRate] {
            cfsetispeed(&tio, speed)
            cfsetospeed(&tio, speed)
        }
        _ = tcsetattr(fd, TCSANOW, &tio)
    }

    /// Baud rates the simulator's tty side accepts.
    static let standardRates: [Int: speed_t] = [
        1200: speed_t(B1200), 2400: speed_t(B2400), 4800: speed_t(B4800), 9600: speed_t(B9600), 19200: speed_t(B19200),
        38400: speed_t(B38400), 57600: speed_t(B57600), 115_200: speed_t(B115200),
    ]
}
