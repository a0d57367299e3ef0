import CLibUSB
import Logging
import NIOConcurrencyHelpers

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The Smart Light USB transport (PROTOCOLS.md §1.4): one opened device with its interface
/// claimed (a kernel driver bound to it is detached first and re-attached on close), a bulk OUT
/// endpoint for packet bytes and continuous bulk IN reads (``SmartLightUSBSettings/readTransfers``
/// asynchronous transfers, resubmitted as they complete) whose bytes go to `onData`.
///
/// `onData` and `onClose` run on the thread that handles libusb events (the context's event
/// thread). When the device goes away mid-transfer (`LIBUSB_TRANSFER_NO_DEVICE`), or IN errors
/// keep coming, the transport cancels what is in flight, releases and closes the device and
/// calls `onClose` once with the reason: never a crash, never a busy loop.
public final class SmartLightUSBTransport: @unchecked Sendable {
    /// The device.
    public let device: USBDevice
    /// The settings it was opened with.
    public let settings: SmartLightUSBSettings
    private let handle: OpaquePointer
    private let reattachKernelDriver: Bool
    private let logger: Logger
    private let onData: @Sendable ([UInt8]) -> Void
    private let onClose: @Sendable (String) -> Void
    private let lock = NIOLock()
    // Guarded by `lock`: every submit and cancel happens under it, so a transfer is never
    // cancelled after it was freed nor resubmitted after close began.
    private var inFlight: Set<UnsafeMutablePointer<libusb_transfer>> = []
    private var closing = false
    private var finished = false
    private var started = false
    private var closeReason = "closed"
    private var consecutiveErrors = 0

    private init(
        device: USBDevice, settings: SmartLightUSBSettings, handle: OpaquePointer, reattach: Bool, logger: Logger,
        onData: @escaping @Sendable ([UInt8]) -> Void, onClose: @escaping @Sendable (String) -> Void
    ) {
        self.device = device
        self.settings = settings
        self.handle = handle
        self.reattachKernelDriver = reattach
        self.logger = logger
        self.onData = onData
        self.onClose = onClose
    }

    /// Opens `device`, checks the serial number (when selected) and the endpoints, claims the
    /// interface and starts reading. Throws a typed error saying why not (permission, busy, no
    /// such interface or endpoint, device gone).
    public static func open(
        _ device: USBDevice, settings: SmartLightUSBSettings, logger: Logger = Logger(label: "lightbridge.usb"),
        onData: @escaping @Sendable ([UInt8]) -> Void, onClose: @escaping @Sendable (String) -> Void
    ) throws(USBError) -> SmartLightUSBTransport {
        try settings.validate()
        let name = device.info.description
        var opened: OpaquePointer?
        let r = libusb_open(device.pointer, &opened)
        guard r == 0, let handle = opened else { throw USBError.from(r, call: "libusb_open", device: name) }
        let interface = Int32(settings.interface)
        var reattach = false
        do throws(USBError) {
            if let serial = settings.device.serial {
                let found = device.readSerial(handle)
                guard found == serial else { throw USBError.serialMismatch(device: name, expected: serial, found: found) }
            }
            try interfaceLayout(device, interface: settings.interface).check(
                outEndpoint: settings.outEndpoint, inEndpoint: settings.inEndpoint, device: name)
            if libusb_kernel_driver_active(handle, interface) == 1 {
                let d = libusb_detach_kernel_driver(handle, interface)
                guard d == 0 else { throw USBError.from(d, call: "libusb_detach_kernel_driver", device: name) }
                reattach = true
                logger.info("\(name): detached the kernel driver from interface \(interface)")
            }
            let c = libusb_claim_interface(handle, interface)
            guard c == 0 else {
                if c == LIBUSB_ERROR_NOT_FOUND.rawValue {
                    throw USBError.noSuchInterface(device: name, interface: settings.interface)
                }
                throw USBError.from(c, call: "libusb_claim_interface", device: name)
            }
        } catch {
            if reattach { libusb_attach_kernel_driver(handle, interface) }
            libusb_close(handle)
            throw error
        }
        let transport = SmartLightUSBTransport(
            device: device, settings: settings, handle: handle, reattach: reattach, logger: logger, onData: onData,
            onClose: onClose)
        try transport.startReading()
        return transport
    }

    /// The endpoints of `interface` (alternate setting 0) in the active configuration.
    static func interfaceLayout(_ device: USBDevice, interface: Int) throws(USBError) -> USBInterfaceLayout {
        var config: UnsafeMutablePointer<libusb_config_descriptor>?
        let r = libusb_get_active_config_descriptor(device.pointer, &config)
        guard r == 0, let config else {
            throw USBError.from(r, call: "libusb_get_active_config_descriptor", device: device.info.description)
        }
        defer { libusb_free_config_descriptor(config) }
        for i in 0..<Int(config.pointee.bNumInterfaces) {
            let entry = config.pointee.interface[i]
            guard entry.num_altsetting > 0, let alt = entry.altsetting, Int(alt.pointee.bInterfaceNumber) == interface else {
                continue
            }
            let endpoints = (0..<Int(alt.pointee.bNumEndpoints)).compactMap { e -> USBInterfaceLayout.Endpoint? in
                guard let endpoint = alt.pointee.endpoint?[e],
                    let type = USBInterfaceLayout.TransferType(rawValue: endpoint.bmAttributes & 0x03)
                else { return nil }
                return USBInterfaceLayout.Endpoint(address: endpoint.bEndpointAddress, type: type)
            }
            return USBInterfaceLayout(endpoints: endpoints)
        }
        throw .noSuchInterface(device: device.info.description, interface: interface)
    }

    /// True until closing began.
    public var isOpen: Bool { lock.withLock { !closing } }

    // MARK: Reading

    private func startReading() throws(USBError) {
        for _ in 0..<settings.readTransfers {
            let r = submitNew(endpoint: settings.inEndpoint, bytes: nil, timeout: 0, callback: readCallback) {
                Unmanaged.passRetained(self).toOpaque()
            }
            if r != 0 {
                let error = USBError.from(r, call: "libusb_submit_transfer (IN \(hex(settings.inEndpoint)))", device: name)
                close(reason: "\(error)")
                throw error
            }
        }
        lock.withLock { started = true }
    }

    fileprivate func readCompleted(_ transfer: UnsafeMutablePointer<libusb_transfer>) {
        let count = Int(transfer.pointee.actual_length)
        let decision = lock.withLock { () -> USBReadCompletion in
            let d = USBReadCompletion.decide(
                status: transfer.pointee.status, consecutiveErrors: consecutiveErrors,
                maxConsecutiveErrors: settings.maxConsecutiveErrors)
            if case .deliver = d { consecutiveErrors = 0 }
            if case .retry = d { consecutiveErrors += 1 }
            return d
        }
        switch decision {
        case .deliver, .retry:
            if case .retry(let why) = decision { logger.warning("\(name): IN \(hex(settings.inEndpoint)): \(why)") }
            if case .deliver = decision, count > 0, let buffer = transfer.pointee.buffer {
                onData(Array(UnsafeBufferPointer(start: buffer, count: count)))
            }
            let r: Int32? = lock.withLock { closing ? nil : libusb_submit_transfer(transfer) }
            if r == 0 { return }
            release(transfer)
            if let r { close(reason: "\(USBError.from(r, call: "resubmitting the IN transfer", device: name))") }
        case .gone(let reason):
            release(transfer)
            close(reason: reason)
        case .cancelled:
            release(transfer)
        }
    }

    // MARK: Writing

    /// Sends `bytes` on the OUT endpoint; `completion` runs on the event thread.
    public func write(_ bytes: [UInt8], completion: @escaping @Sendable (Result<Void, USBError>) -> Void) {
        guard !bytes.isEmpty else { return completion(.success(())) }
        let request = WriteRequest(transport: self, length: bytes.count, completion: completion)
        let r = submitNew(
            endpoint: settings.outEndpoint, bytes: bytes, timeout: settings.writeTimeoutMilliseconds, callback: writeCallback
        ) { Unmanaged.passRetained(request).toOpaque() }
        if r != 0 {
            completion(
                .failure(r == LIBUSB_ERROR_NOT_SUPPORTED.rawValue ? .notOpen : USBError.from(r, call: "write", device: name)))
            if r == LIBUSB_ERROR_NO_DEVICE.rawValue { close(reason: "device gone") }
        }
    }

    /// Sends `bytes` on the OUT endpoint and waits until the device has taken them.
    public func write(_ bytes: [UInt8]) async throws(USBError) {
        let result = await withCheckedContinuation { continuation in
            write(bytes) { continuation.resume(returning: $0) }
        }
        try result.get()
    }

    fileprivate func writeCompleted(_ transfer: UnsafeMutablePointer<libusb_transfer>, _ request: WriteRequest) {
        let status = transfer.pointee.status
        let actual = Int(transfer.pointee.actual_length)
        release(transfer)
        switch status {
        case LIBUSB_TRANSFER_COMPLETED where actual == request.length: request.completion(.success(()))
        case LIBUSB_TRANSFER_COMPLETED:
            request.completion(.failure(.libusb(call: "\(name): short write (\(actual) of \(request.length))", code: 0)))
        case LIBUSB_TRANSFER_TIMED_OUT: request.completion(.failure(.timeout(device: name, endpoint: settings.outEndpoint)))
        case LIBUSB_TRANSFER_CANCELLED: request.completion(.failure(.notOpen))
        case LIBUSB_TRANSFER_NO_DEVICE:
            request.completion(.failure(.deviceGone(device: name)))
            close(reason: "device gone")
        default:
            request.completion(
                .failure(.libusb(call: "\(name): bulk OUT \(hex(settings.outEndpoint))", code: LIBUSB_ERROR_IO.rawValue)))
        }
    }

    // MARK: Transfers and closing

    /// Allocates, fills and submits a bulk transfer (buffer freed with it); 0 or a libusb error.
    /// `LIBUSB_ERROR_NOT_SUPPORTED` stands for "closing".
    private func submitNew(
        endpoint: UInt8, bytes: [UInt8]?, timeout: UInt32, callback: libusb_transfer_cb_fn,
        userData: () -> UnsafeMutableRawPointer
    ) -> Int32 {
        let length = bytes?.count ?? settings.readSize
        guard let transfer = libusb_alloc_transfer(0), let buffer = malloc(length)?.assumingMemoryBound(to: UInt8.self) else {
            return LIBUSB_ERROR_NO_MEM.rawValue
        }
        if let bytes { _ = UnsafeMutableBufferPointer(start: buffer, count: length).initialize(from: bytes) }
        let data = userData()
        transfer.pointee.dev_handle = handle
        transfer.pointee.endpoint = endpoint
        transfer.pointee.type = UInt8(LIBUSB_TRANSFER_TYPE_BULK.rawValue)
        transfer.pointee.timeout = timeout
        transfer.pointee.buffer = buffer
        transfer.pointee.length = Int32(length)
        transfer.pointee.user_data = data
        transfer.pointee.callback = callback
        transfer.pointee.flags = UInt8(LIBUSB_TRANSFER_FREE_BUFFER.rawValue)
        let r = lock.withLock { () -> Int32 in
            guard !closing else { return LIBUSB_ERROR_NOT_SUPPORTED.rawValue }
            let r = libusb_submit_transfer(transfer)
            if r == 0 { inFlight.insert(transfer) }
            return r
        }
        if r != 0 {
            libusb_free_transfer(transfer)
            Unmanaged<AnyObject>.fromOpaque(data).release()
        }
        return r
    }

    /// Forgets and frees a transfer that is no longer in flight; finishes a pending close.
    private func release(_ transfer: UnsafeMutablePointer<libusb_transfer>) {
        let userData = transfer.pointee.user_data
        let finish = lock.withLock { () -> Bool in
            inFlight.remove(transfer)
            guard closing, inFlight.isEmpty, !finished else { return false }
            finished = true
            return true
        }
        libusb_free_transfer(transfer)
        if finish { self.finish() }
        if let userData { Unmanaged<AnyObject>.fromOpaque(userData).release() }
    }

    /// Stops: cancels the transfers in flight; once they are all back the interface is
    /// released, the kernel driver re-attached and the device closed, then `onClose(reason)`
    /// runs. Safe from any thread, more than once (the first reason wins).
    public func close(reason: String = "closed") {
        let finishNow = lock.withLock { () -> Bool in
            guard !closing else { return false }
            closing = true
            closeReason = reason
            for transfer in inFlight { libusb_cancel_transfer(transfer) }
            guard inFlight.isEmpty, !finished else { return false }
            finished = true
            return true
        }
        if finishNow { finish() }
    }

    /// Releases, re-attaches and closes. On the context's event thread this is deferred to the
    /// thread's queued work, which runs outside `libusb_handle_events`: `libusb_close` called from
    /// a transfer or hotplug callback deadlocks on libusb's open-devices lock (libusb issue #903;
    /// seen in the QEMU hardware-in-the-loop test when the device was unplugged while open).
    private func finish() {
        let context = device.context
        if context.onEventThread {
            context.enqueue { self.finishNow() }
        } else {
            finishNow()
        }
    }

    private func finishNow() {
        let interface = Int32(settings.interface)
        libusb_release_interface(handle, interface)
        if reattachKernelDriver { libusb_attach_kernel_driver(handle, interface) }
        libusb_close(handle)
        let (reason, announce) = lock.withLock { (closeReason, started) }
        logger.info("\(name): closed (\(reason))")
        if announce { onClose(reason) }
    }

    private var name: String { device.info.description }
}

/// One pending write: what the OUT callback needs.
private final class WriteRequest {
    let transport: SmartLightUSBTransport
    let length: Int
    let completion: @Sendable (Result<Void, USBError>) -> Void

    init(transport: SmartLightUSBTransport, length: Int, completion: @escaping @Sendable (Result<Void, USBError>) -> Void) {
        self.transport = transport
        self.length = length
        self.completion = completion
    }
}

private let readCallback: libusb_transfer_cb_fn = { transfer in
    guard let transfer, let userData = transfer.pointee.user_data else { return }
    let transport = Unmanaged<SmartLightUSBTransport>.fromOpaque(userData).takeUnretainedValue()
    withExtendedLifetime(transport) { transport.readCompleted(transfer) }
}

private let writeCallback: libusb_transfer_cb_fn = { transfer in
    guard let transfer, let userData = transfer.pointee.user_data else { return }
    let request = Unmanaged<WriteRequest>.fromOpaque(userData).takeUnretainedValue()
    withExtendedLifetime(request) { request.transport.writeCompleted(transfer, request) }
}
