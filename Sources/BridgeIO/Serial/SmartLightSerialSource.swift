import BridgeCore
import LightProtocols
import Logging
import NIOConcurrencyHelpers

/// A PLC's RS232 line (or a USB-serial adapter) speaking Smart Light frames: a ``SerialPort``
/// read by a ``SerialReader`` thread into a ``SmartLightFrameConsumer`` (issue 3, item 2;
/// PROTOCOLS.md §1.2). Each frame's event is sent from the reader thread, in the read that
/// completed it (issue 5 item 7).
public final class SmartLightSerialSource: Sendable {
    /// The source's name in events and logs.
    public let id: SourceID
    /// The device path.
    public let path: String
    /// The port settings.
    public let settings: SerialSettings
    /// The frame format (delimiter, code table).
    public let format: SmartLightFrameFormat
    private let logger: Logger
    private let sink: BridgeEventDeferringSink
    private let countersBox = NIOLockedValueBox(SourceCounters())

    /// Creates a source; nothing is opened until ``open()``.
    public convenience init(
        id: SourceID? = nil, path: String, settings: SerialSettings, format: SmartLightFrameFormat = .standard,
        logger: Logger = Logger(label: "lightbridge.serial"), sink: @escaping BridgeEventSink
    ) {
        self.init(
            id: id, path: path, settings: settings, format: format, logger: logger,
            deferringSink: { event, _ in sink(event) })
    }

    /// Creates a source whose events go to a sink that may leave follow-up work, which the
    /// reader thread runs ``SerialReader/defaultFollowUpDelay`` after the read (the bridge's
    /// trigger path).
    public init(
        id: SourceID? = nil, path: String, settings: SerialSettings, format: SmartLightFrameFormat = .standard,
        logger: Logger = Logger(label: "lightbridge.serial"), deferringSink: @escaping BridgeEventDeferringSink
    ) {
        self.id = id ?? SourceID("serial:\(path)")
        self.path = path
        self.settings = settings
        self.format = format
        self.logger = logger
        self.sink = deferringSink
    }

    /// What the source has read so far.
    public var counters: SourceCounters { countersBox.withLockedValue { $0 } }

    /// Opens the port, sends `.sourceUp` and starts reading. The reader's
    /// ``SerialReader/waitUntilEnded()`` returns when the device goes away (after `.sourceGone`
    /// was sent) or when it is closed.
    public func open() throws(SerialPortError) -> SerialReader {
        let port = try SerialPort(path: path, settings: settings)
        let consumer = SmartLightFrameConsumer(
            source: id, format: format, counters: countersBox, logger: logger, sink: sink)
        consumer.started()
        do {
            return try SerialReader.start(port, consumer: consumer)
        } catch {
            consumer.ended(.gone("\(error)"))
            throw error
        }
    }
}
