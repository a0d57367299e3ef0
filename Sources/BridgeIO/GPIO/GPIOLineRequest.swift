import BridgeCore
import CGPIOD
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A configuration's mode lines (and strobe) found on their chip and requested from libgpiod
/// 1.6 in one bulk request, shared by the event source (``GPIOModeLines``, both-edge events)
/// and the one-shot reader (``GPIOModeReader``, inputs). The bias flag applies to all lines; a
/// kernel that rejects it (`EINVAL`, `EOPNOTSUPP`, `ENOTSUPP`) gets the request again without
/// bias. The caller releases ``bulk``.
struct GPIOLineRequest {
    /// What the lines are requested for.
    enum Kind {
        /// Edge events on both edges (`gpiod_line_request_bulk_both_edges_events_flags`).
        case bothEdges
        /// Plain inputs (`gpiod_line_request_bulk_input_flags`).
        case input

        var call: String {
            switch self {
            case .bothEdges: return "gpiod_line_request_bulk_both_edges_events_flags"
            case .input: return "gpiod_line_request_bulk_input_flags"
            }
        }
    }

    /// The open chip.
    let chip: GPIOChip
    /// The lines in request order (inputs, then the strobe).
    let lines: [OpaquePointer]
    /// The requested bulk.
    var bulk: gpiod_line_bulk
    /// Whether the kernel refused the bias and the lines were requested without it.
    let biasDropped: Bool

    /// Validates, opens the chip, finds the lines and requests them.
    static func request(
        _ configuration: ModeLinesConfiguration, as kind: Kind, logger: Logger?
    ) throws(GPIOError) -> GPIOLineRequest {
        do throws(ModeLinesConfigurationError) { try configuration.validate() } catch { throw .invalidConfiguration(error) }
        let selectors = configuration.allLines
        let chip: GPIOChip
        var lines: [OpaquePointer] = []
        if let name = configuration.chip {
            chip = try GPIOChip.open(name)
        } else {
            guard case .name(let first) = selectors[0] else { throw .noSuchChip(chip: "", available: []) }
            let (found, line) = try GPIOChip.findLine(named: first)
            chip = found
            lines.append(line)
        }
        for selector in selectors.dropFirst(lines.count) { lines.append(try chip.line(selector)) }
        var bulk = gpiod_line_bulk()
        gpiod_line_bulk_init(&bulk)
        for line in lines { gpiod_line_bulk_add(&bulk, line) }

        let request = { (bulk: inout gpiod_line_bulk, flags: Int32) -> Int32 in
            switch kind {
            case .bothEdges: return gpiod_line_request_bulk_both_edges_events_flags(&bulk, configuration.consumer, flags)
            case .input: return gpiod_line_request_bulk_input_flags(&bulk, configuration.consumer, flags)
            }
        }
        let biasFlag = flag(for: configuration.bias)
        var result = request(&bulk, biasFlag)
        var error = errno
        var biasDropped = false
        if result != 0, biasFlag != 0, [EINVAL, EOPNOTSUPP, 524 /* kernel ENOTSUPP */].contains(error) {
            logger?.warning(
                "GPIO chip \(chip.displayName) rejected bias \(configuration.bias.rawValue) (\(errnoText(error))); requesting the lines without bias"
            )
            biasDropped = true
            result = request(&bulk, 0)
            error = errno
        }
        guard result == 0 else { throw requestError(error, kind: kind, chip: chip, lines: lines) }
        return GPIOLineRequest(chip: chip, lines: lines, bulk: bulk, biasDropped: biasDropped)
    }

    private static func flag(for bias: GPIOBias) -> Int32 {
        switch bias {
        case .asIs: return 0
        case .disable: return Int32(GPIOD_LINE_REQUEST_FLAG_BIAS_DISABLE)
        case .pullUp: return Int32(GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_UP)
        case .pullDown: return Int32(GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_DOWN)
        }
    }

    private static func requestError(_ error: Int32, kind: Kind, chip: GPIOChip, lines: [OpaquePointer]) -> GPIOError {
        switch error {
        case EBUSY:
            // Find the culprit: re-read each line's info and report the first one in use.
            for line in lines where gpiod_line_update(line) == 0 && gpiod_line_is_used(line) {
                let consumer = gpiod_line_consumer(line).map { String(cString: $0) }
                return .lineBusy(chip: chip.displayName, offset: gpiod_line_offset(line), consumer: consumer)
            }
            return .lineBusy(chip: chip.displayName, offset: lines.first.map { gpiod_line_offset($0) } ?? 0, consumer: nil)
        case EACCES, EPERM:
            return .permissionDenied(path: "/dev/" + chip.name)
        case ENODEV, ENXIO:
            return .deviceGone(chip: chip.displayName, errno: error)
        default:
            return .system(call: kind.call, errno: error)
        }
    }
}
