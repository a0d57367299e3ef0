import BridgeIO
import NIOConcurrencyHelpers
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The serial reader thread over real pseudo-terminals (issue 5 item 7).
@Suite struct SerialReaderTests {
    /// What a reader handed over, and when it ended. Every read that contains a `!` leaves a
    /// follow-up, which records the bytes read so far.
    final class Log: SerialReadConsumer {
        private struct State {
            var bytes: [UInt8] = []
            var pending = false
            /// Bytes read when each follow-up ran, and when it ran.
            var followUps: [(seen: Int, at: ContinuousClock.Instant)] = []
            var readAt: [ContinuousClock.Instant] = []
            var ended: [SerialReader.End] = []
            var followUpsBeforeEnd: [Int] = []
        }
        private let box = NIOLockedValueBox(State())

        func consume(_ bytes: UnsafeRawBufferPointer) -> Bool {
            box.withLockedValue {
                $0.bytes += bytes
                $0.readAt.append(.now)
                if bytes.contains(UInt8(ascii: "!")) { $0.pending = true }
                return $0.pending
            }
        }
        func runFollowUps() {
            box.withLockedValue {
                if $0.pending { $0.followUps.append(($0.bytes.count, .now)) }
                $0.pending = false
            }
        }
        func ended(_ end: SerialReader.End) {
            box.withLockedValue {
                $0.ended.append(end)
                $0.followUpsBeforeEnd.append($0.followUps.count)
            }
        }
        var bytes: [UInt8] { box.withLockedValue { $0.bytes } }
        var ends: [SerialReader.End] { box.withLockedValue { $0.ended } }
        var followUps: [(seen: Int, at: ContinuousClock.Instant)] { box.withLockedValue { $0.followUps } }
        var readAt: [ContinuousClock.Instant] { box.withLockedValue { $0.readAt } }
        var followUpsBeforeEnd: [Int] { box.withLockedValue { $0.followUpsBeforeEnd } }

        func wait(forBytes count: Int) async -> Bool {
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(15)
            while clock.now < deadline {
                if bytes.count >= count { return true }
                try? await Task.sleep(for: .milliseconds(2))
            }
            return bytes.count >= count
        }
    }

    func start(_ pty: PseudoTerminal, _ log: Log, followUpDelay: Duration = .milliseconds(1)) throws -> SerialReader {
        let reader = try SerialReader.start(
            SerialPort(path: pty.path, settings: SerialSettings()), bufferSize: 64, followUpDelay: followUpDelay,
            consumer: log)
        pty.releaseSlave()
        return reader
    }

    func wait(_ condition: () -> Bool) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(15)
        while clock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return condition()
    }

    @Test func followUpsRunAfterTheDelayOnceForAllReadsMeanwhile() async throws {
        let pty = try PseudoTerminal()
        let log = Log()
        let reader = try start(pty, log, followUpDelay: .milliseconds(300))
        pty.write("~~~~~M1~~!")
        #expect(await log.wait(forBytes: 10))
        pty.write("~~~~~M2~~!")  // within the delay: joins the same follow-up run
        #expect(await log.wait(forBytes: 20))
        #expect(await wait { log.followUps.count == 1 })
        let followUp = try #require(log.followUps.first)
        let firstRead = try #require(log.readAt.first)
        #expect(followUp.at - firstRead >= .milliseconds(300))  // never before its delay
        // Both reads were in when the follow-up ran (unless the machine stalled 300 ms between
        // two writes; then it ran for the first alone, and the second leaves its own).
        if followUp.seen < 20 { #expect(await wait { log.followUps.count == 2 }) }
        // A read without follow-up work leaves none.
        pty.write("~~~~~M3~~")
        #expect(await log.wait(forBytes: 29))
        let runs = log.followUps.count
        try await Task.sleep(for: .milliseconds(400))
        #expect(log.followUps.count == runs)
        await reader.close()
    }

    @Test func pendingFollowUpsRunBeforeTheEndWhenStoppedEarly() async throws {
        let pty = try PseudoTerminal()
        let log = Log()
        let reader = try start(pty, log, followUpDelay: .seconds(60))
        pty.write("~~~~~M1~~!")
        #expect(await log.wait(forBytes: 10))
        #expect(log.followUps.isEmpty)  // 60 s away
        #expect(await reader.close() == .closed)
        #expect(log.followUps.count == 1)  // not dropped:
        #expect(log.followUpsBeforeEnd == [1])  // run before `ended`
    }

    @Test func everyByteArrivesInOrderAcrossManySmallReads() async throws {
        let pty = try PseudoTerminal()
        let log = Log()
        let reader = try start(pty, log)
        var sent: [UInt8] = []
        for n in 1...300 {
            let frame = Array("~~~~~M\(n)~~".utf8)
            sent += frame
            pty.write(frame)
        }
        #expect(await log.wait(forBytes: sent.count))
        #expect(log.bytes == sent)  // a 64-byte buffer: many reads, nothing lost or reordered
        #expect(await reader.close() == .closed)
    }

    /// The names of this process's threads (`/proc/self/task/*/comm`).
    func threadNames() -> [String] {
        guard let directory = opendir("/proc/self/task") else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let id = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard id.first?.isNumber == true else { continue }
            let fd = open("/proc/self/task/\(id)/comm", O_RDONLY)
            guard fd >= 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = read(fd, &buffer, buffer.count)
            close(fd)
            if count > 0 { names.append(String(decoding: buffer[..<count], as: UTF8.self).trimmingSuffixNewline) }
        }
        return names
    }

    @Test func theThreadIsNamedAfterItsDeviceAndEndsWithIt() async throws {
        let pty = try PseudoTerminal()
        let name = String(decoding: "serial \(pty.path.split(separator: "/").last ?? "")".utf8.prefix(15), as: UTF8.self)
        let reader = try start(pty, Log())
        #expect(await wait { threadNames().contains(name) }, "\(threadNames())")
        await reader.close()
        // Detached, it is gone soon after it ended (a leaked thread would stay).
        #expect(await wait { !threadNames().contains(name) }, "\(threadNames())")
    }

    @Test func closeWakesAnIdleReaderAndClosesTheDescriptor() async throws {
        let pty = try PseudoTerminal()
        let log = Log()
        let reader = try start(pty, log)
        #expect(reader.end == nil)
        #expect(await reader.close() == .closed)
        #expect(log.ends == [.closed])  // `ended` ran, once, before close returned
        // No slave descriptor is left open: the master side now reads EIO.
        var byte: UInt8 = 0
        #expect(read(pty.master, &byte, 1) == -1 && errno == EIO)
        // Closing again changes nothing.
        #expect(await reader.close() == .closed)
        #expect(log.ends == [.closed])
    }

    @Test func aHangUpEndsReadingForEveryWaiterWithItsReason() async throws {
        let pty = try PseudoTerminal()
        let log = Log()
        let reader = try start(pty, log)
        pty.write("~~~~~M7~~")
        #expect(await log.wait(forBytes: 9))
        async let first = reader.waitUntilEnded()
        async let second = reader.waitUntilEnded()
        pty.hangUp()
        let ends = await [first, second]
        guard case .gone(let reason) = ends[0] else {
            Issue.record("expected .gone, got \(ends[0])")
            return
        }
        #expect(reason.contains("device gone"))
        #expect(ends[1] == ends[0])
        #expect(log.ends == [ends[0]])
        #expect(log.bytes == Array("~~~~~M7~~".utf8))
        // A close after the hang-up keeps the reason.
        #expect(await reader.close() == ends[0])
    }
}

extension String {
    fileprivate var trimmingSuffixNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
