import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The engine's end of a serial line (PROTOCOLS.md §4: RS-232/USB-serial 115200 8N1, no flow
/// control): a new pseudo-terminal, whose slave path a client opens as its serial device, or
/// a given tty. The descriptor is raw, 8N1, 115200 baud, non-blocking, for SwiftNIO's
/// `NIOPipeBootstrap` to own.
final class LumencorSerialEndpoint: Sendable {
    /// The descriptor SwiftNIO reads and writes (the pty master, or the tty).
    let descriptor: Int32
    /// The path a client opens: the pty slave, or the given tty.
    let path: String
    /// The pty slave descriptor held open so the master never reads a hang-up between
    /// clients (-1 for a given tty, or once released).
    private let heldSlave: Mutex<Int32>

    init(descriptor: Int32, path: String, heldSlave: Int32) {
        self.descriptor = descriptor
        self.path = path
        self.heldSlave = Mutex(heldSlave)
    }

    /// Why the serial side could not be opened.
    struct OpenError: Error, CustomStringConvertible {
        let call: String
        let path: String
        let errno: Int32
        var description: String { "\(call) \(path) failed (errno \(errno))" }
    }

    /// Opens a new pseudo-terminal pair.
    static func pseudoTerminal() throws(OpenError) -> LumencorSerialEndpoint {
        var master: Int32 = -1
        var slave: Int32 = -1
        var name = [CChar](repeating: 0, count: 128)
        guard openpty(&master, &slave, &name, nil, nil) == 0 else { throw OpenError(call: "openpty", path: "", errno: errno) }
        let path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // Raw on the slave side: no echo of the engine's answers back to it, no CR/LF mapping.
        makeRaw(slave)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(slave, F_SETFD, FD_CLOEXEC)
        return LumencorSerialEndpoint(descriptor: master, path: path, heldSlave: slave)
    }

    /// Opens a tty (a real serial port, or one end of a `socat` pty pair).
    static func device(_ path: String) throws(OpenError) -> LumencorSerialEndpoint {
        let fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw OpenError(call: "open", path: path, errno: errno) }
        guard isatty(fd) == 1 else {
            let e = errno
            close(fd)
            throw OpenError(call: "isatty", path: path, errno: e)
        }
        makeRaw(fd)
        return LumencorSerialEndpoint(descriptor: fd, path: path, heldSlave: -1)
    }

    /// Raw mode, 8N1, no flow control, 115200 baud (speed is ignored by a pty).
    private static func makeRaw(_ fd: Int32) {
        var tio = termios()
        guard tcgetattr(fd, &tio) == 0 else { return }
        cfmakeraw(&tio)
        tio.c_cflag &= ~(tcflag_t(CSTOPB) | tcflag_t(PARENB) | tcflag_t(CRTSCTS))
        tio.c_cflag |= tcflag_t(CLOCAL) | tcflag_t(CREAD) | tcflag_t(CS8)
        cfsetispeed(&tio, speed_t(B115200))
        cfsetospeed(&tio, speed_t(B115200))
        _ = tcsetattr(fd, TCSANOW, &tio)
    }

    /// Closes the held slave, once: a second call does nothing (a second `close` of a
    /// number the kernel has since given to someone else would close their descriptor).
    /// SwiftNIO closes ``descriptor``.
    func releaseSlave() {
        let fd = heldSlave.withLock { held in
            defer { held = -1 }
            return held
        }
        if fd >= 0 { close(fd) }
    }
}
