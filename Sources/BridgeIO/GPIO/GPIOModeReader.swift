import BridgeCore
import CGPIOD

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The mode lines' levels at one moment, and the mode number they show (PROTOCOLS.md §1.5:
/// input 0 = bit 0, active-low applied).
public struct GPIOModeReading: Hashable, Sendable {
    /// The chip read, e.g. `gpiochip0 [pinctrl-bcm2711]`.
    public var chip: String
    /// The line offsets read, inputs (bit 0 first) then the strobe.
    public var offsets: [UInt32]
    /// Each input's physical level (`true` = high), bit 0 first.
    public var inputLevels: [Bool]
    /// The strobe's physical level, if a strobe was read.
    public var strobeLevel: Bool?
    /// Whether the strobe is in its active state (its level against its polarity).
    public var strobeActive: Bool?
    /// The mode number the inputs show (0 = clear).
    public var mode: UInt8
    /// Whether the kernel rejected the bias, so the lines were read without it.
    public var biasDropped: Bool

    /// Creates a reading.
    public init(
        chip: String, offsets: [UInt32], inputLevels: [Bool], strobeLevel: Bool?, strobeActive: Bool?, mode: UInt8,
        biasDropped: Bool = false
    ) {
        self.chip = chip
        self.offsets = offsets
        self.inputLevels = inputLevels
        self.strobeLevel = strobeLevel
        self.strobeActive = strobeActive
        self.mode = mode
        self.biasDropped = biasDropped
    }
}

/// Reads the mode lines once (`lightbridge gpio --read`): opens the chip with libgpiod 1.6,
/// requests the lines as inputs (consumer and bias from the configuration), reads them in one
/// bulk call and releases them. The same typed ``GPIOError``s as ``GPIOModeSource``: no chip,
/// no permission, a line busy (the running daemon holds them), no such line.
public enum GPIOModeReader {
    /// One reading of `configuration`'s lines.
    public static func read(_ configuration: ModeLinesConfiguration) throws(GPIOError) -> GPIOModeReading {
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

        let biasFlag = flag(for: configuration.bias)
        var result = gpiod_line_request_bulk_input_flags(&bulk, configuration.consumer, biasFlag)
        var error = errno
        var biasDropped = false
        if result != 0, biasFlag != 0, [EINVAL, EOPNOTSUPP, 524 /* kernel ENOTSUPP */].contains(error) {
            biasDropped = true
            result = gpiod_line_request_bulk_input_flags(&bulk, configuration.consumer, 0)
            error = errno
        }
        guard result == 0 else { throw requestError(error, chip: chip, lines: lines) }
        defer { gpiod_line_release_bulk(&bulk) }

        var values = [Int32](repeating: 0, count: lines.count)
        guard gpiod_line_get_value_bulk(&bulk, &values) == 0 else {
            let error = errno
            if error == ENODEV || error == ENXIO { throw .deviceGone(chip: chip.displayName, errno: error) }
            throw .system(call: "gpiod_line_get_value_bulk", errno: error)
        }
        let inputLevels = values.prefix(8).map { $0 != 0 }
        var physical: UInt8 = 0
        for (bit, high) in inputLevels.enumerated() where high { physical |= 1 << UInt8(bit) }
        let strobeLevel = configuration.strobe == nil ? nil : values.count > 8 ? values[8] != 0 : nil
        return GPIOModeReading(
            chip: chip.displayName, offsets: lines.map { gpiod_line_offset($0) }, inputLevels: inputLevels,
            strobeLevel: strobeLevel, strobeActive: strobeLevel.map { $0 != configuration.strobeActiveLow },
            mode: physical ^ configuration.settlerConfiguration.activeLowMask, biasDropped: biasDropped)
    }

    private static func flag(for bias: GPIOBias) -> Int32 {
        switch bias {
        case .asIs: return 0
        case .disable: return Int32(GPIOD_LINE_REQUEST_FLAG_BIAS_DISABLE)
        case .pullUp: return Int32(GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_UP)
        case .pullDown: return Int32(GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_DOWN)
        }
    }

    private static func requestError(_ error: Int32, chip: GPIOChip, lines: [OpaquePointer]) -> GPIOError {
        switch error {
        case EBUSY:
            for line in lines where gpiod_line_update(line) == 0 && gpiod_line_is_used(line) {
                return .lineBusy(
                    chip: chip.displayName, offset: gpiod_line_offset(line),
                    consumer: gpiod_line_consumer(line).map { String(cString: $0) })
            }
            return .lineBusy(chip: chip.displayName, offset: lines.first.map { gpiod_line_offset($0) } ?? 0, consumer: nil)
        case EACCES, EPERM: return .permissionDenied(path: "/dev/" + chip.name)
        case ENODEV, ENXIO: return .deviceGone(chip: chip.displayName, errno: error)
        default: return .system(call: "gpiod_line_request_bulk_input_flags", errno: error)
        }
    }
}
