/// The endpoints of one interface as its descriptor lists them, and the check that the
/// configured bulk pair is among them (a clear ``USBError/noSuchEndpoint(device:endpoint:reason:)``
/// instead of a transfer that fails later).
struct USBInterfaceLayout: Sendable, Hashable {
    /// libusb's `LIBUSB_TRANSFER_TYPE_*` numbering of `bmAttributes & 3`.
    enum TransferType: UInt8, Sendable { case control = 0, isochronous = 1, bulk = 2, interrupt = 3 }

    /// One endpoint: its address (direction bit 7) and transfer type.
    struct Endpoint: Sendable, Hashable {
        var address: UInt8
        var type: TransferType
    }

    var endpoints: [Endpoint]

    /// Throws unless `outEndpoint` and `inEndpoint` exist as bulk (or interrupt) endpoints.
    func check(outEndpoint: UInt8, inEndpoint: UInt8, device: String) throws(USBError) {
        for address in [outEndpoint, inEndpoint] {
            guard let endpoint = endpoints.first(where: { $0.address == address }) else {
                let listed = endpoints.map { hex($0.address) }.joined(separator: ", ")
                throw .noSuchEndpoint(
                    device: device, endpoint: address, reason: "the interface has \(listed.isEmpty ? "no endpoints" : listed)")
            }
            // Linux usbfs runs a bulk transfer on an interrupt endpoint as an interrupt transfer.
            guard endpoint.type == .bulk || endpoint.type == .interrupt else {
                throw .noSuchEndpoint(device: device, endpoint: address, reason: "it is a \(endpoint.type) endpoint, not bulk")
            }
        }
    }
}
