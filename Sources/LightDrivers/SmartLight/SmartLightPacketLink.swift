/// What an open ``SmartLightPacketLink`` reports.
enum SmartLightLinkEvent: Sendable {
    /// Bytes from the light (replies on TCP and USB; ignored on serial).
    case bytes([UInt8])
    /// The link closed, for this reason; nothing follows.
    case closed(String)
}

/// One open byte link to a Smart Light: the core ``SmartLightDriver`` shares between its
/// transports (PROTOCOLS.md §1.4). ``SmartLightChannelLink`` implements it on SwiftNIO (TCP
/// port 13000, and a serial port for framed ASCII); ``SmartLightUSBLink`` on the libusb
/// transport of BridgeIO. The driver encodes, numbers and matches packets; a link only moves
/// bytes and says when it closed.
protocol SmartLightPacketLink: AnyObject, Sendable {
    /// Bytes read and the close, in order; the stream ends after ``SmartLightLinkEvent/closed(_:)``.
    var events: AsyncStream<SmartLightLinkEvent> { get }
    /// Queues `bytes` as one write (writes leave in the order they were queued); `completion`
    /// says whether they went out.
    func write(_ bytes: [UInt8], completion: @escaping @Sendable (Result<Void, SmartLightDriverError>) -> Void)
    /// Closes the link; ``events`` then reports the close and ends.
    func close()
}
