import BridgeCore
import BridgeIO
import Glibc
import LightProtocols
import Testing

@testable import Bridge

/// What the bridge does after the lights got an event (issue 5 item 2): STATUS= and the
/// persisted mode, both kept off the moments that matter for latency (BENCHMARKS.md item 7).
@Suite struct BookkeepingTests {
    /// A bridge with one light nobody answers for, and modes 1 to 20 for it.
    func configuration(stateDirectory: String) throws -> BridgeConfiguration {
        var text = """
            [bridge]
            state_directory = "\(stateDirectory)"

            [lights.link]
            protocol = "lightwave"
            host = "127.0.0.1"
            port = 9
            reply_port = 0
            pacing_ms = 0

            """
        for mode in 1...20 { text += "[modes.\(mode)]\nlink = { room = 1, device = 1, level = \(mode) }\n" }
        return try BridgeConfiguration(toml: text)
    }

    @Test func aBurstOfModesGivesOneStatusLineWithTheLatest() async throws {
        let path = "/tmp/lb-status-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        let socket = try #require(DatagramListener(path: path))
        defer { socket.close() }
        let directory = temporaryDirectory()
        defer { StateStore(directory: directory).remove() }
        let bridge = Bridge(
            configuration: try configuration(stateDirectory: directory),
            notifier: SystemdNotifier(socketPath: path), logger: quietLogger)
        await bridge.start()
        for mode in UInt16(1)...20 { await bridge.handle(.command(.modeSet(mode: mode), from: SourceID("test"))) }
        var lines: [String] = []
        #expect(
            await eventually {
                lines += socket.drain()
                return lines.last?.hasPrefix("STATUS=mode 20;") == true
            })
        // One per 200 ms at most: the 20 modes took far less, unless the box stalled.
        #expect(lines.count < 5, "\(lines)")
        await bridge.stop()
    }

    @Test func deferredBookkeepingKeepsTheInputsOrder() async throws {
        let directory = temporaryDirectory()
        defer { StateStore(directory: directory).remove() }
        let bridge = Bridge(
            configuration: try configuration(stateDirectory: directory), logger: quietLogger)
        await bridge.start()
        // From two threads at once, as two inputs would: each thread's modes stay in order.
        let sink = bridge.sink
        async let first: Void = Task.detached {
            for mode in UInt16(1)...10 { sink(.command(.modeSet(mode: mode), from: SourceID("a"))) }
        }.value
        async let second: Void = Task.detached { for _ in 1...30 { sink(.command(.modeSet(mode: 20), from: SourceID("b"))) } }
            .value
        _ = await (first, second)
        for mode in UInt16(11)...19 { sink(.command(.modeSet(mode: mode), from: SourceID("a"))) }
        #expect(await eventually { await bridge.status.events == 49 })
        #expect(await bridge.status.lastMode == 19, "the last event recorded is the last one sent")
        await bridge.stop()
    }

    @Test func aBurstOfSavesWritesTheNewestModeOnce() async throws {
        let directory = temporaryDirectory()
        let store = StateStore(directory: directory)
        defer { store.remove() }
        let queue = PersistenceQueue(store: store, logger: quietLogger, settle: .seconds(1))
        queue.save(1)
        queue.save(2)
        queue.save(3)
        #expect(store.load() == nil, "nothing is written before the burst settles")
        await queue.drain()
        #expect(store.load() == 3)
        // The same mode again is not rewritten: the file stays the one written above.
        let before = try #require(inode(of: store.path))
        queue.save(3)
        await queue.drain()
        #expect(inode(of: store.path) == before)
        queue.save(4)
        await queue.drain()
        #expect(store.load() == 4)
        #expect(inode(of: store.path) != before, "each save replaces the file atomically")
    }

    func inode(of path: String) -> ino_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_ino : nil
    }
}

/// A Unix datagram socket standing in for systemd's notification socket.
final class DatagramListener {
    let descriptor: Int32
    let path: String

    init?(path: String) {
        self.path = path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + path.utf8.count)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        if bound != 0 {
            Glibc.close(descriptor)
            return nil
        }
    }

    /// Every datagram waiting, without blocking.
    func drain() -> [String] {
        var out: [String] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { return out }
            out.append(String(decoding: buffer[0..<n], as: UTF8.self))
        }
    }

    func close() {
        Glibc.close(descriptor)
        unlink(path)
    }
}
