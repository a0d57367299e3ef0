import CTermios

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Waits on descriptors (GPIO line events, a serial port) plus a stop pipe, so ``stop()`` wakes
/// a waiting thread at once (no periodic wake-up, no busy loop). For GPIO this is what
/// `gpiod_line_event_wait_bulk` does in libgpiod 1.6 (a `ppoll` over `gpiod_line_event_get_fd`
/// of each line) with one more descriptor, which the library call cannot take.
final class DescriptorPoller: Sendable {
    /// What one wait saw.
    enum Outcome: Equatable {
        /// The timeout passed.
        case timedOut
        /// ``stop()`` was called (now or before).
        case stopped
        /// These descriptors (indices into `descriptors`) have data.
        case ready([Int])
        /// This descriptor reported an error or hang-up (the chip went away).
        case failed(index: Int)
        /// `poll` itself failed.
        case error(errno: Int32)
    }

    /// The stop pipe's read end (polled) and write end (written once by ``stop()``).
    private let stopDescriptor: Int32
    private let stopWriter: Int32

    /// Creates a poller with its stop pipe (close-on-exec, non-blocking).
    init() throws(SystemCallFailure) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw SystemCallFailure(call: "pipe", errno: errno) }
        for fd in ends {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        stopDescriptor = ends[0]
        stopWriter = ends[1]
    }

    deinit {
        close(stopDescriptor)
        close(stopWriter)
    }

    /// Wakes the waiter; every later ``wait(on:timeoutNanoseconds:)`` returns `.stopped` (the
    /// byte is never read, so the pipe stays readable).
    func stop() {
        var one: UInt8 = 1
        _ = write(stopWriter, &one, 1)
    }

    /// Waits for `descriptors` to become readable, up to `timeoutNanoseconds` (`nil`: no
    /// limit). The timeout is rounded **up** to whole milliseconds so a wait never ends before
    /// the deadline it was computed from (which would spin).
    func wait(on descriptors: [Int32], timeoutNanoseconds: Int64?) -> Outcome {
        var fds = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        fds.append(pollfd(fd: stopDescriptor, events: Int16(POLLIN), revents: 0))
        let timeout: Int32 =
            timeoutNanoseconds.map { Int32(clamping: max(0, ($0 + 999_999) / 1_000_000)) } ?? -1
        let n = poll(&fds, nfds_t(fds.count), timeout)
        if n < 0 { return errno == EINTR ? .ready([]) : .error(errno: errno) }
        if fds[descriptors.count].revents != 0 { return .stopped }
        if n == 0 { return .timedOut }
        let bad = Int16(POLLERR | POLLHUP | POLLNVAL)
        if let index = fds.prefix(descriptors.count).firstIndex(where: { $0.revents & bad != 0 }) {
            return .failed(index: index)
        }
        return .ready(fds.indices.dropLast().filter { fds[$0].revents & Int16(POLLIN) != 0 })
    }

    /// What ``waitReadable(_:timeoutNanoseconds:)`` saw.
    enum ReadableOutcome: Equatable {
        /// The descriptor has data (or a pending error that a read will return).
        case readable
        /// The time-out passed.
        case timedOut
        /// ``stop()`` was called (now or before).
        case stopped
        /// Hang-up or error with nothing left to read.
        case hungUp
        /// A signal interrupted the wait: wait again.
        case interrupted
        /// `ppoll` itself failed.
        case error(errno: Int32)
    }

    /// Waits for `descriptor` to become readable, up to `timeoutNanoseconds` (`nil`: no limit;
    /// exact to the nanosecond, unlike ``wait(on:timeoutNanoseconds:)``): the serial reader's
    /// wait, once per read, so it allocates nothing.
    func waitReadable(_ descriptor: Int32, timeoutNanoseconds: Int64? = nil) -> ReadableOutcome {
        var fds = (
            pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: stopDescriptor, events: Int16(POLLIN), revents: 0)
        )
        let timeout = timeoutNanoseconds.map { max(0, $0) } ?? -1
        let n = withUnsafeMutableBytes(of: &fds) { raw -> Int32 in
            guard let base = raw.baseAddress else { return -1 }
            return lightbridge_ppoll(base.assumingMemoryBound(to: pollfd.self), 2, timeout)
        }
        if n < 0 { return errno == EINTR ? .interrupted : .error(errno: errno) }
        if fds.1.revents != 0 { return .stopped }
        if n == 0 { return .timedOut }
        if fds.0.revents & Int16(POLLIN) != 0 { return .readable }
        if fds.0.revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 { return .hungUp }
        return .interrupted
    }
}
