import BridgeIO
import Glibc
import Logging
import Testing

/// sd_notify over a real Unix datagram socket, and the journald line format (issue 5 item 2).
@Suite struct SystemdNotifierTests {
    /// Binds a datagram socket at `path` (abstract when it starts with `@`) and returns its fd.
    func listen(_ path: String) -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(path.utf8)
        if bytes.first == UInt8(ascii: "@") { bytes[0] = 0 }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        return fd
    }

    func receive(_ fd: Int32) -> String? {
        var pollFD = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&pollFD, 1, 5000) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        return n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : nil
    }

    @Test(arguments: ["path", "abstract"])
    func notificationsArrive(_ kind: String) {
        let path =
            kind == "path"
            ? "/tmp/lb-notify-\(getpid())-\(Int.random(in: 0..<1_000_000))"
            : "@lb-notify-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        let fd = listen(path)
        defer {
            close(fd)
            if kind == "path" { unlink(path) }
        }
        let notifier = SystemdNotifier(socketPath: path)
        #expect(notifier.ready(status: "6 lights, 2 inputs"))
        #expect(receive(fd) == "READY=1\nSTATUS=6 lights, 2 inputs")
        #expect(notifier.watchdog())
        #expect(receive(fd) == "WATCHDOG=1")
        #expect(notifier.status("mode 3"))
        #expect(receive(fd) == "STATUS=mode 3")
    }

    /// A receiver that reads nothing (its queue holds 10 datagrams) must not stall the bridge's
    /// event path, which sends a status line after every mode: found by the latency benchmark,
    /// where the bridge stopped after its twelfth mode.
    @Test func statusLinesNeverBlockOnAFullReceiver() async {
        let path = "/tmp/lb-notify-full-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        let fd = listen(path)
        defer {
            close(fd)
            unlink(path)
        }
        let notifier = SystemdNotifier(socketPath: path)
        // Raced against a generous deadline so a regression fails instead of hanging the suite.
        let results = await withTaskGroup(of: [Bool]?.self) { group in
            group.addTask { await Task.detached { (0..<200).map { notifier.status("mode \($0)") } }.value }
            group.addTask {
                try? await Task.sleep(for: .seconds(30))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        #expect(results != nil, "status() blocked on a receiver that reads nothing")
        guard let results else { return }
        #expect(results.first == true)
        #expect(results.contains(false))
        #expect(receive(fd) == "STATUS=mode 0")
    }

    @Test func withoutSystemdNothingIsSent() {
        #expect(!SystemdNotifier(socketPath: nil).ready(status: "x"))
        #expect(!SystemdNotifier(socketPath: "").watchdog())
        #expect(!SystemdNotifier(socketPath: "/nonexistent/socket").watchdog())
    }

    @Test func journalLinesCarryTheirPriority() {
        let handler = JournalLogHandler(label: "lightbridge.test", level: .debug)
        #expect(
            String(decoding: handler.line(level: .warning, message: "light down", metadata: nil), as: UTF8.self)
                == "<4>lightbridge.test: light down\n")
        #expect(
            String(decoding: handler.line(level: .info, message: "two\nlines", metadata: ["light": "h"]), as: UTF8.self)
                == "<6>lightbridge.test: two lines light=h\n")
        #expect(JournalLogHandler.priority(.error) == 3 && JournalLogHandler.priority(.debug) == 7)
    }
}
