import CLibUSB

/// One device on the bus, holding a libusb reference to it (`libusb_ref_device`) and its
/// context, so the context outlives it. Opening it is ``SmartLightUSBTransport``'s job.
public final class USBDevice: @unchecked Sendable {
    /// IDs and location (the serial number is read only when the device is opened).
    public let info: USBDeviceInfo
    /// The string descriptor index of the serial number (0: none).
    let serialIndex: UInt8
    let pointer: OpaquePointer
    let context: USBContext

    /// Takes a new reference on `pointer`. Only calls libusb functions that are safe inside a
    /// hotplug callback (cached descriptor, bus, address, ports).
    init?(_ pointer: OpaquePointer, context: USBContext) {
        var descriptor = libusb_device_descriptor()
        guard libusb_get_device_descriptor(pointer, &descriptor) == 0 else { return nil }
        var ports = [UInt8](repeating: 0, count: 7)
        let count = libusb_get_port_numbers(pointer, &ports, Int32(ports.count))
        info = USBDeviceInfo(
            vendorID: descriptor.idVendor, productID: descriptor.idProduct, bus: libusb_get_bus_number(pointer),
            address: libusb_get_device_address(pointer), portPath: Array(ports.prefix(Int(max(0, count)))))
        serialIndex = descriptor.iSerialNumber
        self.pointer = libusb_ref_device(pointer)
        self.context = context
    }

    deinit {
        libusb_unref_device(pointer)
    }

    /// The serial number, read through an open handle (a synchronous control transfer: not
    /// inside a hotplug callback). `nil` when the device has none or it cannot be read.
    func readSerial(_ handle: OpaquePointer) -> String? {
        guard serialIndex != 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = libusb_get_string_descriptor_ascii(handle, serialIndex, &buffer, Int32(buffer.count))
        guard n >= 0 else { return nil }
        return String(decoding: buffer.prefix(Int(n)), as: UTF8.self)
    }

    /// Opens the device briefly to read its serial number; the typed error says why not.
    public func serialNumber() throws(USBError) -> String? {
        var handle: OpaquePointer?
        let r = libusb_open(pointer, &handle)
        guard r == 0, let handle else { throw USBError.from(r, call: "libusb_open", device: info.description) }
        defer { libusb_close(handle) }
        return readSerial(handle)
    }
}
