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
        let request = try GPIOLineRequest.request(configuration, as: .input, logger: nil)
        let (chip, lines, biasDropped) = (request.chip, request.lines, request.biasDropped)
        var bulk = request.bulk
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
}
