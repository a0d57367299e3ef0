#if canImport(Glibc)
    import Glibc
#endif

/// A real pseudo-terminal pair standing in for a PLC's serial line (tests and `lightbridge
/// demo`): the code under test opens ``path`` (the slave) as it would a serial device; the
/// PLC side writes and reads on ``master``.
public final class PseudoTerminal: @unchecked Sendable {
    /// The master descriptor (non-blocking): the PLC's end.
    public let master: Int32
    private var slave: Int32
    private var masterOpen = true
    /// The slave's device path, e.g. `/dev/pts/3`.
    public let path: String

    /// Opens a new pair.
    public init() throws(PTYError) {
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
    public func releaseSlave() {
        if slave >= 0 { close(slave) }
        slave = -1
    }

    /// Writes bytes as the PLC.
    public func write(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.write(master, $0.baseAddress, $0.count) }
    }

    /// Writes text as the PLC.
    public func write(_ text: String) { write(Array(text.utf8)) }

    /// Reads what the code under test wrote, waiting up to `milliseconds` for `count` bytes.
    /// It blocks the calling thread: async code uses ``read(count:within:)``.
    public func read(count: Int, milliseconds: Int32 = 2000) -> [UInt8] {
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

    /// Reads what the code under test wrote, waiting up to `deadline` for `count` bytes, without
    /// ever blocking a thread: between non-blocking reads it sleeps, so a test awaiting a line
    /// leaves Swift concurrency's small pool (one thread per core) to the code under test.
    public func read(count: Int, within deadline: Duration) async -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: deadline)
        while out.count < count {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress, $0.count) }
            if n > 0 {
                out += buffer[0..<n]
                continue
            }
            if clock.now >= end { break }
            do { try await Task.sleep(for: .milliseconds(2)) } catch { break }
        }
        return out
    }

    /// Hangs up: the slave side then reads EIO, as a pulled USB adapter does.
    public func hangUp() {
        if masterOpen { close(master) }
        masterOpen = false
    }

    deinit {
        releaseSlave()
        hangUp()
    }
}

/// Why a pseudo-terminal could not be opened.
public enum PTYError: Error, Sendable, Equatable {
    /// `openpty` failed with this errno.
    case openpty(Int32)
}
