import NIOCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A UDP socket a driver binds itself, so that SwiftNIO reads it (the replies) while the driver
/// sends with one `sendto` from whatever thread it is on (issue 5 item 7; BENCHMARKS.md item 9).
/// SwiftNIO's `writeAndFlush` from a thread other than the channel's event loop first hops to
/// that loop, which would put the loop's wake-up between a PLC frame read on a serial reader
/// thread and its light's datagram.
///
/// The socket has two descriptors: one for SwiftNIO (`DatagramBootstrap.withBoundSocket`), which
/// closes it with the channel, and this object's own, closed by ``close()``. A send after
/// ``close()`` fails with `EBADF` and never reaches a descriptor number reused meanwhile.
final class DirectDatagramSocket: Sendable {
    /// A system call that failed while the socket was set up.
    struct SetupError: Error, CustomStringConvertible {
        let call: String
        let errno: Int32
        var description: String { "\(call) failed: \(String(cString: strerror(errno))) (errno \(errno))" }
    }

    private let descriptor: Mutex<Int32>

    private init(descriptor: Int32) {
        self.descriptor = Mutex(descriptor)
    }

    deinit { close() }

    /// Binds a new socket to `address` (with `SO_REUSEADDR` and `SO_REUSEPORT`, and
    /// `SO_BROADCAST` when `broadcast`); returns it and the descriptor SwiftNIO is to own.
    static func bind(
        _ address: SocketAddress, broadcast: Bool
    ) throws(SetupError) -> (socket: DirectDatagramSocket, forNIO: Int32) {
        let fd = socket(address.protocol.rawValue, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SetupError(call: "socket", errno: errno) }
        func fail(_ call: String) -> SetupError {
            let error = SetupError(call: call, errno: errno)
            closeSocket(fd)
            return error
        }
        for (option, on) in [(SO_REUSEADDR, true), (SO_REUSEPORT, true), (SO_BROADCAST, broadcast)] {
            var value: Int32 = on ? 1 : 0
            guard setsockopt(fd, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
                throw fail("setsockopt")
            }
        }
        guard address.withSockAddr({ Glibc.bind(fd, $0, socklen_t($1)) }) == 0 else { throw fail("bind") }
        let own = fcntl(fd, F_DUPFD_CLOEXEC, 0)
        guard own >= 0 else { throw fail("fcntl(F_DUPFD_CLOEXEC)") }
        return (DirectDatagramSocket(descriptor: own), fd)
    }

    /// Sends `bytes` as one datagram to `address` without blocking. Returns `nil` when the
    /// kernel took it, else the `errno` (`EAGAIN` when the send buffer is full).
    func send(_ bytes: [UInt8], to address: SocketAddress) -> Int32? {
        bytes.withUnsafeBytes { send($0, to: address) }
    }

    /// Sends `data` as one datagram to `address`, like the array form.
    func send(_ data: UnsafeRawBufferPointer, to address: SocketAddress) -> Int32? {
        descriptor.withLock { fd -> Int32? in
            guard fd >= 0 else { return EBADF }
            let sent = address.withSockAddr { sendto(fd, data.baseAddress, data.count, Int32(MSG_DONTWAIT), $0, socklen_t($1)) }
            return sent < 0 ? errno : nil
        }
    }

    /// Closes this object's descriptor (SwiftNIO closes its own with the channel).
    func close() {
        descriptor.withLock { fd in
            if fd >= 0 { closeSocket(fd) }
            fd = -1
        }
    }
}

/// `close(2)` (inside ``DirectDatagramSocket``, `close` names its method).
private func closeSocket(_ descriptor: Int32) {
    _ = close(descriptor)
}
