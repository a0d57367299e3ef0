import LightProtocols

/// Names one input of the bridge (a serial port, the GPIO lines, a TCP client …) in events
/// and log lines.
public struct SourceID: Hashable, Sendable, CustomStringConvertible {
    /// The name, e.g. `serial:/dev/ttyUSB0` or `gpio`.
    public var name: String

    /// Creates an identifier.
    public init(_ name: String) { self.name = name }

    public var description: String { name }
}

/// What an input source tells the bridge (DESIGN.md "Data flow": sources yield events).
public enum BridgeEvent: Sendable, Hashable {
    /// A Smart Light command from the plant side: a mode set, a direct set, a user colour or
    /// clear (PROTOCOLS.md §1). The GPIO lines' mode number arrives as `.modeSet`.
    case command(SmartLightCommand, from: SourceID)
    /// A source's device was opened and is being read.
    case sourceUp(SourceID)
    /// A source's device went away (unplugged, hung up, read error); nothing is read from it
    /// until it is opened again.
    case sourceGone(SourceID, reason: String)
    /// Actions for named lights that an input computed itself (a Heliospectra master package
    /// forwarded to our own lamps): no mode table involved.
    case actions([LightActions], from: SourceID)
}

/// Where a source delivers its events. Called on the source's own thread or event loop: it
/// must be quick and must not block.
public typealias BridgeEventSink = @Sendable (BridgeEvent) -> Void
