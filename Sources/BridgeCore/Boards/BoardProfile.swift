/// One board's wiring defaults (DESIGN.md "Deployment files", `boards/*.toml`): the GPIO chip
/// and line offsets of the eight mode inputs and the strobe, their polarity and bias, and the
/// default serial devices. A configuration names a board instead of repeating pin numbers.
///
/// The TOML layout (every key shown is required unless marked optional; unknown keys are
/// errors):
/// ```toml
/// name = "raspberry-pi-4"            # lower-case letters, digits, '-'
/// description = "Raspberry Pi 4 Model B"
///
/// [gpio]
/// chip = "pinctrl-bcm2711"           # label, name, number or /dev path (libgpiod lookup)
/// inputs = [17, 27, 22, 23, 24, 25, 5, 6]   # line offsets, bit 0 first, exactly 8
/// strobe = 26                        # optional; not among the inputs
/// active_low = true
/// bias = "pull-up"                   # "as-is", "disable", "pull-up", "pull-down"
/// input_header_pins = ["J8-11", …]   # optional, 8 entries, documentation for wiring
/// strobe_header_pin = "J8-37"        # optional
///
/// [serial]
/// devices = ["/dev/serial0", "/dev/ttyUSB0"]   # absolute /dev paths
/// ```
public struct BoardProfile: Hashable, Sendable {
    /// The profile's name (the file's stem by convention), e.g. `raspberry-pi-4`.
    public var name: String
    /// One line for humans.
    public var description: String
    /// The mode lines.
    public var gpio: GPIO
    /// Serial defaults.
    public var serial: Serial

    /// The mode lines of a board.
    public struct GPIO: Hashable, Sendable {
        /// The chip, as `gpiod_chip_open_lookup` takes it (a label is the stable choice).
        public var chip: String
        /// The eight input offsets, bit 0 first.
        public var inputs: [UInt32]
        /// The strobe offset, if the board has one wired.
        public var strobe: UInt32?
        /// Whether the inputs and the strobe are active-low by default.
        public var activeLow: Bool
        /// The default bias.
        public var bias: GPIOBias
        /// Where the inputs are on the board's header (bit 0 first), for wiring; may be empty.
        public var inputHeaderPins: [String]
        /// Where the strobe is on the header, if documented.
        public var strobeHeaderPin: String?

        /// Creates the GPIO part of a profile.
        public init(
            chip: String, inputs: [UInt32], strobe: UInt32?, activeLow: Bool, bias: GPIOBias,
            inputHeaderPins: [String] = [], strobeHeaderPin: String? = nil
        ) {
            self.chip = chip
            self.inputs = inputs
            self.strobe = strobe
            self.activeLow = activeLow
            self.bias = bias
            self.inputHeaderPins = inputHeaderPins
            self.strobeHeaderPin = strobeHeaderPin
        }
    }

    /// Serial defaults of a board.
    public struct Serial: Hashable, Sendable {
        /// Device paths to try for the PLC's RS232 line, in order of preference.
        public var devices: [String]

        /// Creates the serial part of a profile.
        public init(devices: [String]) { self.devices = devices }
    }

    /// Creates a profile (not validated: use ``problems`` or parse one from TOML).
    public init(name: String, description: String, gpio: GPIO, serial: Serial) {
        self.name = name
        self.description = description
        self.gpio = gpio
        self.serial = serial
    }
}
