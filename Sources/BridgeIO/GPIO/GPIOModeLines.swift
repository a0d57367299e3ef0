import BridgeCore
import CGPIOD
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The eight mode inputs (and the strobe) requested from libgpiod 1.6 in **one bulk request**
/// for both-edge events, as a ``ModeLineSource``. Released and the chip closed on deinit.
///
/// Active-low is applied in software by ``ModeLineSettler``, not with
/// `GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW`: that flag is per request in 1.6, and lines with
/// different polarities would need several requests. The lines are requested with physical
/// polarity, so edge events (`RISING` = high) and `gpiod_line_get_value_bulk` give physical
/// levels. The bias flag applies to all lines; a kernel that rejects it (`EINVAL`,
/// `EOPNOTSUPP`) gets the request again without bias, with a warning.
///
/// Not thread-safe: after ``request(_:poller:logger:)`` one thread (the source's event thread)
/// uses it.
final class GPIOModeLines: ModeLineSource {
    typealias Failure = GPIOError

    private let chip: GPIOChip
    private var bulk: gpiod_line_bulk
    private let lineCount: Int
    private let hasStrobe: Bool
    private let descriptors: [Int32]
    private let poller: DescriptorPoller
    /// The offsets requested, inputs first then the strobe.
    let offsets: [UInt32]
    /// The chip, for logs: `gpiochip0 [pinctrl-bcm2711]`.
    var chipName: String { chip.displayName }
    /// Whether the bias flag was dropped because the kernel rejected it.
    private(set) var biasDropped = false

    private init(chip: GPIOChip, bulk: gpiod_line_bulk, hasStrobe: Bool, poller: DescriptorPoller, biasDropped: Bool) {
        self.chip = chip
        self.bulk = bulk
        self.lineCount = Int(bulk.num_lines)
        self.hasStrobe = hasStrobe
        self.poller = poller
        self.biasDropped = biasDropped
        var fds: [Int32] = []
        var offsets: [UInt32] = []
        for index in 0..<Int(bulk.num_lines) {
            let line = GPIOModeLines.line(bulk, index)
            fds.append(gpiod_line_event_get_fd(line))
            offsets.append(gpiod_line_offset(line))
        }
        self.descriptors = fds
        self.offsets = offsets
    }

    deinit { gpiod_line_release_bulk(&bulk) }

    /// Opens the chip, finds the lines and requests them for both-edge events with consumer
    /// `configuration.consumer`.
    static func request(
        _ configuration: ModeLinesConfiguration, poller: DescriptorPoller, logger: Logger
    ) throws(GPIOError) -> GPIOModeLines {
        let request = try GPIOLineRequest.request(configuration, as: .bothEdges, logger: logger)
        return GPIOModeLines(
            chip: request.chip, bulk: request.bulk, hasStrobe: configuration.strobe != nil, poller: poller,
            biasDropped: request.biasDropped)
    }

    private static func line(_ bulk: gpiod_line_bulk, _ index: Int) -> OpaquePointer? {
        withUnsafeBytes(of: bulk.lines) { $0.bindMemory(to: OpaquePointer?.self)[index] }
    }

    // MARK: ModeLineSource

    func now() -> MonotonicInstant {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return MonotonicInstant(nanoseconds: Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec))
    }

    func readLevels() throws(GPIOError) -> ModeLineLevels {
        var values = [Int32](repeating: 0, count: lineCount)
        guard gpiod_line_get_value_bulk(&bulk, &values) == 0 else {
            let error = errno
            if error == ENODEV || error == ENXIO { throw .deviceGone(chip: chip.displayName, errno: error) }
            throw .system(call: "gpiod_line_get_value_bulk", errno: error)
        }
        var inputs: UInt8 = 0
        for index in 0..<min(8, lineCount) where values[index] != 0 { inputs |= 1 << UInt8(index) }
        return ModeLineLevels(inputs: inputs, strobe: hasStrobe ? values[8] != 0 : nil)
    }

    func waitForEdges(until deadline: MonotonicInstant?) throws(GPIOError) -> ModeLineWait {
        let timeout = deadline.map { ($0 - now()).nanoseconds }
        switch poller.wait(on: descriptors, timeoutNanoseconds: timeout) {
        case .timedOut: return .deadlinePassed
        case .stopped: return .stopped
        case .failed: throw .deviceGone(chip: chip.displayName, errno: ENODEV)
        case .error(let error): throw .system(call: "poll", errno: error)
        case .ready(let indices): return .edges(try readEvents(indices))
        }
    }

    private func readEvents(_ indices: [Int]) throws(GPIOError) -> [ModeLineEdge] {
        var edges: [ModeLineEdge] = []
        var buffer = [gpiod_line_event](repeating: gpiod_line_event(), count: 16)
        let readTime = now()
        for index in indices {
            let count = gpiod_line_event_read_fd_multiple(descriptors[index], &buffer, UInt32(buffer.count))
            guard count >= 0 else {
                let error = errno
                if error == EAGAIN || error == EINTR { continue }
                if error == ENODEV || error == ENXIO { throw .deviceGone(chip: chip.displayName, errno: error) }
                throw .system(call: "gpiod_line_event_read_fd_multiple", errno: error)
            }
            let role: ModeLine = index < 8 ? .input(index) : .strobe
            for event in buffer.prefix(Int(count)) {
                let time = Self.plausible(event.ts, readAt: readTime)
                edges.append(
                    ModeLineEdge(line: role, level: Int(event.event_type) == Int(GPIOD_LINE_EVENT_RISING_EDGE), time: time))
            }
        }
        return edges
    }

    /// The kernel's event timestamp if it is on CLOCK_MONOTONIC (kernels ≥ 5.7; older ones use
    /// CLOCK_REALTIME for the v1 uAPI), else the time the event was read.
    static func plausible(_ ts: timespec, readAt: MonotonicInstant) -> MonotonicInstant {
        let stamp = MonotonicInstant(nanoseconds: Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec))
        let age = readAt.nanoseconds - stamp.nanoseconds
        return (-1_000_000...1_000_000_000).contains(age) ? stamp : readAt
    }
}
