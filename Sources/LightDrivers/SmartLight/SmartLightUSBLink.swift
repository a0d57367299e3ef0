import BridgeIO
import Logging

/// A ``SmartLightPacketLink`` on BridgeIO's ``SmartLightUSBTransport`` (PROTOCOLS.md §1.4
/// assumption: the TCP packets over a bulk OUT/IN endpoint pair): packets go to the OUT
/// endpoint, replies come from the IN endpoint's continuous reads, and the transport's close
/// (unplugged, too many IN errors) ends the link.
///
/// There is no Smart Light USB device on the development machines: the transfer path is tested
/// in QEMU with an emulated device (issue 6); here only opening (and failing to) is tested.
final class SmartLightUSBLink: SmartLightPacketLink {
    let events: AsyncStream<SmartLightLinkEvent>
    private let transport: SmartLightUSBTransport

    private init(transport: SmartLightUSBTransport, events: AsyncStream<SmartLightLinkEvent>) {
        self.transport = transport
        self.events = events
    }

    /// Finds the selected device on `context` (whose event thread must run) and opens it.
    static func open(
        _ settings: SmartLightUSBSettings, context: USBContext, logger: Logger
    ) throws(SmartLightDriverError) -> SmartLightUSBLink {
        let (events, sink) = AsyncStream.makeStream(of: SmartLightLinkEvent.self)
        do {
            let device = try context.findDevice(settings.device)
            let transport = try SmartLightUSBTransport.open(
                device, settings: settings, logger: logger, onData: { sink.yield(.bytes($0)) },
                onClose: { reason in
                    sink.yield(.closed(reason))
                    sink.finish()
                })
            return SmartLightUSBLink(transport: transport, events: events)
        } catch {
            sink.finish()
            throw .openFailed("\(error)")
        }
    }

    func write(_ bytes: [UInt8], completion: @escaping @Sendable (Result<Void, SmartLightDriverError>) -> Void) {
        transport.write(bytes) { result in
            switch result {
            case .success: completion(.success(()))
            case .failure(let error): completion(.failure(.writeFailed("\(error)")))
            }
        }
    }

    func close() {
        transport.close(reason: "closed by the driver")
    }
}
