/// Line settings, transport constants and value ranges of the Lumencor text protocol
/// (PROTOCOLS.md §4; seed `001_f848b1d9500c0aec.txt`, "Command parsing rules").
///
/// A request is `GET|SET <NAME> [args]` (or a bare `REBOOT`/`SHUTDOWN`) terminated by `\n`; an
/// answer is `A <NAME> [values]` or `E <NAME> …` terminated by `\r\n`. Tokens are separated by
/// white space. The ranges below are what this codec accepts and writes; the engine itself may
/// refuse a value inside them (e.g. an intensity above its `MAXINT`, a channel it does not have).
public struct LumencorFormat: Sendable, Hashable {
    /// The default longest line, 512 bytes without its terminator (this project's choice: the
    /// longest seed line is 30 bytes; 64 five-digit intensities fit easily).
    public static let defaultMaxLineLength = 512
    /// The smallest accepted ``maxLineLength``.
    public static let minimumMaxLineLength = 32
    /// The engine's TCP port (§4).
    public static let tcpPort = 8095
    /// The UDP port the seed mentions without a number: configurable, default 8095 (§4 assumption).
    public static let defaultUDPPort = 8095
    /// RS-232/USB-serial speed, 8N1, no flow control (§4).
    public static let serialBaudRate = 115_200
    /// An answer not received within this time means the command failed (seed).
    public static let answerTimeoutMilliseconds = 100
    /// What a request line ends with.
    public static let requestTerminator: [UInt8] = [0x0A]
    /// What an answer line ends with.
    public static let answerTerminator: [UInt8] = [0x0D, 0x0A]

    /// Channel IDs: zero-based, in `CHMAP` order (seed "Get Channel Map").
    public static let channelRange = 0...63
    /// Number of values in a multi-channel list (`MULCH`, `MULCHINT`, `MULCHSTAT`, `CHMAP`).
    public static let channelListCountRange = 1...64
    /// Intensity counts. The engine's own limit is `MAXINT` (4095 in the seed, 1000 on newer
    /// engines), which the codec cannot know, so it accepts any 16-bit count (§4).
    public static let intensityRange = 0...65535
    /// `MAXINT` values.
    public static let maxIntensityRange = 1...65535
    /// Logging levels (seed "Set Logging Level").
    public static let logLevelRange = 0...3
    /// Engine and channel status codes, and `ERRORTEXT` codes.
    public static let statusCodeRange = 0...65535
    /// Counters: operating time in seconds, channel power readings (at most 18 digits).
    public static let counterRange = 0...999_999_999_999_999_999
    /// Temperatures in degrees Celsius.
    public static let temperatureRange = -273...1000
    /// `NUMCH` values.
    public static let channelCountRange = 1...64
    /// `TTLPOL` values (assumption: one global polarity flag, 0 or 1).
    public static let ttlPolarityRange = 0...1

    /// The longest line, without its terminator, that the decoder accepts and the encoder writes.
    public let maxLineLength: Int

    /// Creates a format; `maxLineLength` is raised to ``minimumMaxLineLength`` if smaller.
    public init(maxLineLength: Int = defaultMaxLineLength) {
        self.maxLineLength = max(maxLineLength, Self.minimumMaxLineLength)
    }
}
