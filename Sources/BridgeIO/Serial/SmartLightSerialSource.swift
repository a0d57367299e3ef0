import BridgeCore
import LightProtocols
import Logging
import NIOConcurrencyHelpers
import NIOCore

/// A PLC's RS232 line (or a USB-serial adapter) speaking Smart Light frames: a ``SerialPort`` on
/// the event loop with a ``SmartLightFrameHandler`` (issue 3, item 2; PROTOCOLS.md §1.2).
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
    private let sink: BridgeEventSink
    private let countersBox = NIOLockedValueBox(SourceCounters())

    /// Creates a source; nothing is opened until ``open(on:)``.
    public init(
        id: SourceID? = nil, path: String, settings: SerialSettings, format: SmartLightFrameFormat = .standard,
        logger: Logger = Logger(label: "lightbridge.serial"), sink: @escaping BridgeEventSink
    ) {
        self.id = id ?? SourceID("serial:\(path)")
        self.path = path
        self.settings = settings
        self.format = format
        self.logger = logger
        self.sink = sink
    }

    /// What the source has read so far.
    public var counters: SourceCounters { countersBox.withLockedValue { $0 } }

    /// Opens the port and starts reading. The returned channel's `closeFuture` completes when
    /// the device goes away (after `.sourceGone` was sent) or when it is closed.
    public func open(on group: any EventLoopGroup) async throws -> any Channel {
        let port = try SerialPort(path: path, settings: settings)
        let (id, format, counters, logger, sink) = (self.id, self.format, countersBox, self.logger, self.sink)
        return try await SerialChannel.start(port, on: group) {
            [SmartLightFrameHandler(source: id, format: format, counters: counters, logger: logger, sink: sink)]
        }
    }
}
