import BridgeCore
import Glibc
import Testing

@testable import BridgeIO

/// The libgpiod 1.6 path as far as this machine allows: it has no GPIO chip (no
/// `/dev/gpiochip*`; the edge-event path runs against a gpio-sim chip in the QEMU tests,
/// issue 6), so these tests cover the real library's lookups and errors, and the poller and
/// thread the event loop is built on.
@Suite struct GPIOModeSourceTests {
    let chips = GPIOChip.availableChips()

    func eightLines() -> [GPIOLineSelector] { (0..<8).map { .offset($0) } }

    @Test func theStaticLibgpiodIsLinked() {
        #expect(GPIOModeSource.libgpiodVersion == "1.6.3")
    }

    @Test func aMissingChipByLabelIsATypedErrorListingTheChips() {
        let configuration = ModeLinesConfiguration(chip: "lightbridge-no-such-chip", inputs: eightLines())
        let source = GPIOModeSource(configuration: configuration, sink: { _ in })
        #expect(throws: GPIOError.noSuchChip(chip: "lightbridge-no-such-chip", available: chips)) { try source.start() }
        #expect(!source.isStarted)
        source.stop()  // harmless when never started
    }

    @Test(arguments: ["/dev/gpiochip250", "gpiochip250", "250"])
    func aMissingChipByPathNameOrNumber(chip: String) {
        #expect(throws: GPIOError.noSuchChip(chip: chip, available: chips)) { try GPIOChip.open(chip) }
    }

    @Test func aDeviceThatIsNotAChipIsRefusedByTheLibrary() throws {
        #expect(throws: GPIOError.notAGPIOChip(path: "/dev/null")) { try GPIOChip.open("/dev/null") }
        let path = "/tmp/lightbridge-not-a-chip-\(getpid())"
        let fd = open(path, O_CREAT | O_WRONLY, 0o600)
        try #require(fd >= 0)
        close(fd)
        defer { unlink(path) }
        #expect(throws: GPIOError.notAGPIOChip(path: path)) { try GPIOChip.open(path) }
    }

    @Test func aLineNameFoundOnNoChipIsATypedError() {
        let configuration = ModeLinesConfiguration(chip: nil, inputs: (0..<8).map { .name("LB_NO_SUCH_LINE_\($0)") })
        let source = GPIOModeSource(configuration: configuration, sink: { _ in })
        #expect(throws: GPIOError.noSuchLine(chip: "any chip", line: .name("LB_NO_SUCH_LINE_0"), lineCount: nil)) {
            try source.start()
        }
    }

    @Test func anInvalidConfigurationIsRefusedBeforeTheHardware() {
        let configuration = ModeLinesConfiguration(chip: "gpiochip0", inputs: [.offset(0), .offset(0)])
        let source = GPIOModeSource(configuration: configuration, sink: { _ in })
        #expect(
            throws: GPIOError.invalidConfiguration(
                ModeLinesConfigurationError(problems: [.inputCount(2), .duplicateLine(.offset(0))]))
        ) { try source.start() }
    }

    @Test func errorTextsSayWhatToDo() {
        #expect(
            GPIOError.permissionDenied(path: "/dev/gpiochip0").description
                == "/dev/gpiochip0: permission denied (is the user in group gpio?)")
        #expect(
            GPIOError.lineBusy(chip: "gpiochip0 [pinctrl-bcm2711]", offset: 17, consumer: "gpio-keys").description
                == "GPIO chip gpiochip0 [pinctrl-bcm2711] line 17 is busy (used by \"gpio-keys\")")
        #expect(
            GPIOError.noSuchChip(chip: "pinctrl-rp1", available: []).description
                == "GPIO chip \"pinctrl-rp1\" not found; no GPIO chips at all (no /dev/gpiochip*)")
        #expect(
            GPIOError.noSuchLine(chip: "gpiochip0 [x]", line: .offset(60), lineCount: 58).description
                == "GPIO chip gpiochip0 [x] has no offset 60 (it has 58 lines)")
    }

    @Test func eventTimestampsOnAnotherClockAreReplacedByTheReadTime() {
        let read = MonotonicInstant(nanoseconds: 5_000_000_000)
        let recent = timespec(tv_sec: 4, tv_nsec: 990_000_000)
        #expect(GPIOModeLines.plausible(recent, readAt: read) == MonotonicInstant(nanoseconds: 4_990_000_000))
        let realtime = timespec(tv_sec: 1_700_000_000, tv_nsec: 0)
        #expect(GPIOModeLines.plausible(realtime, readAt: read) == read)
    }
}

/// The poll-with-stop loop the event thread waits in, on real pipes.
@Suite struct DescriptorPollerTests {
    func makePipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [-1, -1]
        try #require(pipe(&ends) == 0)
        return (ends[0], ends[1])
    }

    @Test func readyDescriptorsAreReportedByIndex() throws {
        let a = try makePipe()
        let b = try makePipe()
        defer { [a.read, a.write, b.read, b.write].forEach { close($0) } }
        let poller = try DescriptorPoller()
        var byte: UInt8 = 1
        _ = write(b.write, &byte, 1)
        #expect(poller.wait(on: [a.read, b.read], timeoutNanoseconds: 0) == .ready([1]))
    }

    @Test func aTimeoutIsNeverShorterThanAsked() throws {
        let a = try makePipe()
        defer { [a.read, a.write].forEach { close($0) } }
        let poller = try DescriptorPoller()
        let clock = ContinuousClock()
        let start = clock.now
        // 15.2 ms rounds up to 16 ms, never down to 15.
        #expect(poller.wait(on: [a.read], timeoutNanoseconds: 15_200_000) == .timedOut)
        #expect(clock.now - start >= .microseconds(15_200))
    }

    @Test func stopWakesAWaitWithoutTimeoutFromAnotherThread() throws {
        let a = try makePipe()
        defer { [a.read, a.write].forEach { close($0) } }
        let poller = try DescriptorPoller()
        let clock = ContinuousClock()
        let start = clock.now
        let thread = try EventThread.start(name: "test stopper") {
            usleep(50_000)
            poller.stop()
        }
        #expect(poller.wait(on: [a.read], timeoutNanoseconds: nil) == .stopped)
        thread.join()
        #expect(clock.now - start < .seconds(20))
        // Stays stopped.
        #expect(poller.wait(on: [a.read], timeoutNanoseconds: nil) == .stopped)
    }

    @Test func aHungUpDescriptorIsAFailureNotASpin() throws {
        let a = try makePipe()
        defer { close(a.read) }
        close(a.write)
        let poller = try DescriptorPoller()
        #expect(poller.wait(on: [a.read], timeoutNanoseconds: nil) == .failed(index: 0))
    }
}
