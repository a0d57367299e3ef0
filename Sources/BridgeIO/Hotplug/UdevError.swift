/// Why libudev could not be used for hotplug (issue 3, item 5).
public enum UdevError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `udev_new` failed.
    case contextUnavailable(errno: Int32)
    /// The netlink monitor could not be created (no netlink socket permitted?).
    case monitorUnavailable(source: String, errno: Int32)
    /// A libudev call on the monitor or enumerator failed.
    case call(String, errno: Int32)
    /// The monitor was already started once.
    case alreadyStarted

    public var description: String {
        switch self {
        case .contextUnavailable(let e): return "udev: cannot create a libudev context: \(errnoText(e))"
        case .monitorUnavailable(let source, let e):
            return "udev: cannot listen to \(source) events on netlink: \(errnoText(e))"
        case .call(let call, let e): return "udev: \(call) failed: \(errnoText(e))"
        case .alreadyStarted: return "udev: the monitor was already started"
        }
    }
}
