import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// What a ``SerialReader`` hands its bytes to, on the reader thread, one call at a time.
public protocol SerialReadConsumer: Sendable {
    /// One read's bytes (valid only during the call). Returns `true` when it left follow-up
    /// work for ``runFollowUps()``.
    func consume(_ bytes: UnsafeRawBufferPointer) -> Bool
    /// Runs the follow-up work that reads left: ``SerialReader``'s `followUpDelay` after the
    /// first read that left some, and always before ``ended(_:)``.
    func runFollowUps()
    /// Reading stopped; called once.
    func ended(_ end: SerialReader.End)
}

/// Reads an open ``SerialPort`` on a thread of its own, the way `socat` does: the thread sleeps
/// in `ppoll` on the port (and a stop pipe), reads what arrived and hands it to its consumer
/// right there, then sleeps again. A PLC frame's whole trigger path (decode, route, the light's
/// datagram) so runs in the read's own wake-up, with no event-loop turn, task or thread hop
/// before the light's packet leaves (issue 5 item 7; BENCHMARKS.md item 9).
///
/// What the consumer leaves for later (waking a light's worker on the event loop, which then
/// waits for the light's reply) runs `followUpDelay` after the read, from the same thread,
/// unless the thread is stopped first (then right away): between the packet and that work the
/// thread sleeps, so a process that the packet woke on this CPU runs first.
///
/// A hang-up (`EIO`, end of file, `POLLHUP` with nothing left to read) ends the thread with
/// ``End/gone(_:)`` — "device gone", never a crash or a busy loop; ``close()`` ends it with
/// ``End/closed``. Either way the descriptor is closed and the consumer's `ended` is called,
/// once, on the thread, before anyone waiting in ``waitUntilEnded()`` resumes.
public final class SerialReader: Sendable {
    /// Why reading ended.
    public enum End: Sendable, Hashable, CustomStringConvertible {
        /// ``close()`` ended it.
        case closed
        /// The device went away or failed; why.
        case gone(String)

        public var description: String {
            switch self {
            case .closed: return "closed"
            case .gone(let reason): return reason
            }
        }
    }

    private struct State {
        var end: End?
        var waiters: [CheckedContinuation<End, Never>] = []
    }

    /// The device path, for logs.
    public let path: String
    private let poller: DescriptorPoller
    private let state = Mutex(State())

    private init(path: String, poller: DescriptorPoller) {
        self.path = path
        self.poller = poller
    }

    /// How long follow-up work waits by default (see the type's documentation).
    public static let defaultFollowUpDelay: Duration = .microseconds(200)

    /// Takes over `port`'s descriptor and starts the reader thread, which hands every read to
    /// `consumer`.
    public static func start(
        _ port: SerialPort, bufferSize: Int = 4096, followUpDelay: Duration = defaultFollowUpDelay,
        consumer: any SerialReadConsumer
    ) throws(SerialPortError) -> SerialReader {
        let path = port.path
        let poller: DescriptorPoller
        do { poller = try DescriptorPoller() } catch { throw .system(path: path, call: error.call, errno: error.errno) }
        let reader = SerialReader(path: path, poller: poller)
        let descriptor = port.takeDescriptor()
        do {
            let device = path.split(separator: "/").last.map(String.init) ?? path
            let thread = try EventThread.start(name: "serial \(device)") {
                let end = reader.readUntilEnd(
                    descriptor, bufferSize: max(1, bufferSize), followUpDelay: followUpDelay, consumer: consumer)
                closeDescriptor(descriptor)
                consumer.runFollowUps()
                consumer.ended(end)
                reader.finish(end)
            }
            thread.detach()
        } catch {
            closeDescriptor(descriptor)
            throw .system(path: path, call: error.call, errno: error.errno)
        }
        return reader
    }

    /// Why reading ended, or `nil` while it goes on.
    public var end: End? { state.withLock { $0.end } }

    /// Stops reading (the descriptor is closed) and waits until the thread is done. Reading
    /// that had ended already keeps its ``End``.
    @discardableResult
    public func close() async -> End {
        poller.stop()
        return await waitUntilEnded()
    }

    /// Waits until reading ends, by ``close()`` or because the device went away.
    @discardableResult
    public func waitUntilEnded() async -> End {
        await withCheckedContinuation { continuation in
            let ended = state.withLock { state -> End? in
                if let end = state.end { return end }
                state.waiters.append(continuation)
                return nil
            }
            if let ended { continuation.resume(returning: ended) }
        }
    }

    private func finish(_ end: End) {
        let waiters = state.withLock { state -> [CheckedContinuation<End, Never>] in
            state.end = end
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: end) }
    }

    /// The thread's loop: wait, read, hand over, until stopped or gone.
    private func readUntilEnd(
        _ descriptor: Int32, bufferSize: Int, followUpDelay: Duration, consumer: any SerialReadConsumer
    ) -> End {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 1)
        defer { buffer.deallocate() }
        let clock = ContinuousClock()
        var followUpsDue: ContinuousClock.Instant?
        while true {
            let timeout = followUpsDue.map { due -> Int64 in
                let (seconds, attoseconds) = (due - clock.now).components
                return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
            }
            switch poller.waitReadable(descriptor, timeoutNanoseconds: timeout) {
            case .stopped: return .closed
            case .interrupted: continue
            case .timedOut:
                followUpsDue = nil
                consumer.runFollowUps()
                continue
            case .error(let code): return .gone("poll failed: \(errnoText(code))")
            case .hungUp: return .gone("hang-up (device gone)")
            case .readable: break
            }
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count > 0 {
                if consumer.consume(UnsafeRawBufferPointer(rebasing: buffer[..<count])), followUpsDue == nil {
                    if followUpDelay <= .zero {
                        consumer.runFollowUps()
                    } else {
                        followUpsDue = clock.now + followUpDelay
                    }
                }
                continue
            }
            if count == 0 { return .gone("end of file (device gone)") }
            let code = errno
            switch code {
            case EINTR, EAGAIN: continue
            case EIO: return .gone("input/output error (device gone)")
            default: return .gone("read failed: \(errnoText(code))")
            }
        }
    }
}

/// `close(2)` (inside ``SerialReader``, `close` names its method).
private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}
