#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// `sd_notify` without libsystemd (issue 5 item 2): datagrams such as `READY=1`,
/// `WATCHDOG=1` and `STATUS=…` to the Unix socket named by `$NOTIFY_SOCKET` (a path, or an
/// abstract name when it starts with `@`). Without the variable (not run by systemd) every call
/// does nothing.
public struct SystemdNotifier: Sendable {
    /// The socket address, or `nil` when not under systemd.
    public let socketPath: String?

    /// Reads `$NOTIFY_SOCKET` (or takes `socketPath` for tests).
    public init(socketPath: String? = SystemdNotifier.environmentSocket()) {
        self.socketPath = socketPath.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `$NOTIFY_SOCKET`, if set.
    public static func environmentSocket() -> String? {
        getenv("NOTIFY_SOCKET").map { String(cString: $0) }
    }

    /// The watchdog interval systemd asked for (`$WATCHDOG_USEC`, when `$WATCHDOG_PID` is unset
    /// or ours); ping at half of it.
    public static func watchdogInterval() -> Duration? {
        guard let text = getenv("WATCHDOG_USEC").map({ String(cString: $0) }), let usec = Int64(text), usec > 0 else {
            return nil
        }
        if let pidText = getenv("WATCHDOG_PID").map({ String(cString: $0) }), let pid = Int32(pidText), pid != getpid() {
            return nil
        }
        return .microseconds(usec)
    }

    /// Sends one notification (lines joined by `\n`); returns whether it was sent. With
    /// `wait: false` it is dropped instead when the receiver's queue is full (a Unix datagram
    /// socket holds only `net.unix.max_dgram_qlen`, 10 by default, unread messages), so a
    /// receiver that falls behind never holds up the caller.
    @discardableResult
    public func notify(_ state: String, wait: Bool = true) -> Bool {
        guard let socketPath else { return false }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(socketPath.utf8)
        if pathBytes.first == UInt8(ascii: "@") { pathBytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count)
        let message = Array(state.utf8)
        let flags = Int32(MSG_NOSIGNAL) | (wait ? 0 : Int32(MSG_DONTWAIT))
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                message.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, flags, socketAddress, length) }
            }
        }
        return sent == message.count
    }

    /// `READY=1` with a status line.
    @discardableResult
    public func ready(status: String) -> Bool { notify("READY=1\nSTATUS=\(status)") }

    /// `RELOADING=1` (SIGHUP handling starts).
    @discardableResult
    public func reloading() -> Bool { notify("RELOADING=1") }

    /// `STATUS=…`, sent after every mode on the bridge's event path: dropped rather than waited
    /// for when the receiver is behind (the next status line replaces it anyway).
    @discardableResult
    public func status(_ text: String) -> Bool { notify("STATUS=\(text)", wait: false) }

    /// `WATCHDOG=1`.
    @discardableResult
    public func watchdog() -> Bool { notify("WATCHDOG=1") }

    /// `STOPPING=1`.
    @discardableResult
    public func stopping() -> Bool { notify("STOPPING=1") }
}
