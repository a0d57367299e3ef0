#if canImport(Glibc)
    import Glibc
#endif

/// A real pseudo-terminal pair for serial-port tests: the code under test opens `path` (the
/// slave) as it would a serial device; the test plays the PLC on `master`.
final class PseudoTerminal {
    let master: Int32
    private var slave: Int32
    let path: String

    init() throws {
        var m: Int32 = -1
        var s: Int32 = -1
        var name = [CChar](repeating: 0, count: 128)
        guard openpty(&m, &s, &name, nil, nil) == 0 else { throw PTYError.openpty(errno) }
        master = m
        slave = s
        path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // The master is read without blocking forever: tests poll with a deadline.
        _ = fcntl(m, F_SETFL, fcntl(m, F_GETFL) | O_NONBLOCK)
    }

    /// Closes the test's own slave descriptor, so that only the code under test holds the slave.
    func releaseSlave() {
        if slave >= 0 { close(slave) }
        slave = -1
    }

    /// Writes bytes as the PLC.
    func write(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.write(master, $0.baseAddress, $0.count) }
    }

    func write(_ text: String) { write(Array(text.utf8)) }

    /// Reads what the code under test wrote, waiting up to `milliseconds` for `count` bytes.
    func read(count: Int, milliseconds: Int32 = 2000) -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var waited: Int32 = 0
        while out.count < count && waited < milliseconds {
            var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            _ = poll(&fds, 1, 10)
            waited += 10
            let n = buffer.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress, $0.count) }
            if n > 0 { out += buffer[0..<n] }
        }
        return out
    }

    /// Hangs up: the slave side then reads EIO, as a pulled USB adapter does.
    func hangUp() {
        close(master)
    }

    deinit {
        releaseSlave()
    }
}

enum PTYError: Error { case openpty(Int32) }
