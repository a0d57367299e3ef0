import CLibUSB

/// What to do when an IN transfer completes: the decision is pure, so every status is tested
/// without hardware; ``SmartLightUSBTransport`` acts on it.
enum USBReadCompletion: Equatable, Sendable {
    /// Hand the bytes on and submit the transfer again.
    case deliver
    /// A transient error: count it, log it, submit again.
    case retry(String)
    /// The device is gone (or errors keep coming): stop reading and close.
    case gone(String)
    /// The transfer was cancelled because we are closing: free it.
    case cancelled

    /// The decision for `status` after `consecutiveErrors` earlier errors in a row.
    static func decide(status: libusb_transfer_status, consecutiveErrors: Int, maxConsecutiveErrors: Int) -> USBReadCompletion {
        let reason: String
        switch status {
        case LIBUSB_TRANSFER_COMPLETED: return .deliver
        case LIBUSB_TRANSFER_CANCELLED: return .cancelled
        case LIBUSB_TRANSFER_NO_DEVICE: return .gone("device gone")
        case LIBUSB_TRANSFER_TIMED_OUT: return .deliver  // reads have no timeout; keep any bytes
        case LIBUSB_TRANSFER_STALL: reason = "endpoint stalled"
        case LIBUSB_TRANSFER_OVERFLOW: reason = "device sent more than asked for (overflow)"
        default: reason = "transfer error"
        }
        return consecutiveErrors + 1 >= maxConsecutiveErrors
            ? .gone("\(reason), \(consecutiveErrors + 1) errors in a row") : .retry(reason)
    }
}
