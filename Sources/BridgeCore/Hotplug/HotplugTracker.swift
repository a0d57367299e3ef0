/// A configured hotplug source: the bridge source that reads whichever device matches.
public struct HotplugRule: Sendable, Hashable {
    /// The source's name in events and logs (stays the same across replugs).
    public var source: SourceID
    /// Which device it takes.
    public var match: DeviceMatch

    /// Creates a rule.
    public init(source: SourceID, match: DeviceMatch) {
        self.source = source
        self.match = match
    }
}

/// What the ``HotplugTracker`` asks its owner to do.
public enum HotplugDecision: Sendable, Hashable, CustomStringConvertible {
    /// Open `device.devnode` as `source`.
    case open(SourceID, DeviceIdentity)
    /// Close `source`, which was reading `devnode`.
    case close(SourceID, devnode: String)

    public var description: String {
        switch self {
        case .open(let source, let device): return "open \(source) on \(device)"
        case .close(let source, let devnode): return "close \(source) on \(devnode)"
        }
    }
}

/// Turns udev add/remove events into open/close decisions for configured sources (issue 3,
/// item 5): add → open, remove → close, remove then add → reopen.
///
/// - Devices of `subsystem` (default `tty`) with a node are remembered by node, in arrival
///   order, with the identity of their add event (or enumeration at start-up). A remove is
///   matched by node or sysfs path, never by its own IDs (HIL.md trap: on a slow unplug the
///   remove event's USB parent resolves to the root hub). The remove of a device's ancestor
///   (the `usb` device) removes it too.
/// - Each rule takes at most one device, each device serves at most one rule; rules are served
///   in order, devices first come first served. When a source's device goes, another device
///   that matches takes its place.
/// - An add for a node already known with the same identity is a duplicate: nothing to do, but
///   it retries a device whose open failed. An add with a different identity means its remove
///   was missed: the old device is removed first. A `change` for a known node keeps the
///   remembered identity; for an unknown node it counts as an add.
/// - A device whose open failed, or whose source closed by itself (hang-up), is not tried
///   again for that source until it is added again.
public struct HotplugTracker: Sendable {
    /// The configured rules, in priority order.
    public let rules: [HotplugRule]
    /// The subsystem whose devices the rules choose from.
    public let subsystem: String
    /// Known devices, in arrival order.
    public private(set) var devices: [DeviceIdentity] = []
    /// Open sources and the node each reads.
    public private(set) var openSources: [SourceID: String] = [:]
    private var refused: Set<Refusal> = []

    private struct Refusal: Hashable {
        var source: SourceID
        var devnode: String
    }

    /// Creates a tracker with nothing known and nothing open.
    public init(rules: [HotplugRule], subsystem: String = "tty") {
        self.rules = rules
        self.subsystem = subsystem
    }

    /// The decisions one udev event (or one enumerated device) calls for.
    public mutating func handle(_ device: DeviceInfo) -> [HotplugDecision] {
        switch device.action {
        case .remove:
            var decisions = forget { known in
                known.devnode == device.devnode || known.syspath == device.syspath
                    || known.syspath.hasPrefix(device.syspath + "/")
            }
            decisions += reconcile()
            return decisions
        case .add, .enumerated, .change:
            guard device.subsystem == subsystem, let identity = DeviceIdentity(device) else { return [] }
            var decisions: [HotplugDecision] = []
            if let known = devices.first(where: { $0.devnode == identity.devnode }) {
                if device.action == .change { return [] }
                if known == identity {
                    refused = refused.filter { $0.devnode != identity.devnode }
                    return reconcile()
                }
                decisions += forget { $0.devnode == identity.devnode }
            }
            devices.append(identity)
            return decisions + reconcile()
        default:
            return []
        }
    }

    /// `source` could not open its device: that device is not tried again for it until it is
    /// added again; another matching device may be opened instead.
    public mutating func openFailed(_ source: SourceID) -> [HotplugDecision] {
        release(source)
    }

    /// `source` closed by itself (hang-up, read error) before a remove event: as ``openFailed(_:)``.
    public mutating func closedBySelf(_ source: SourceID) -> [HotplugDecision] {
        release(source)
    }

    private mutating func release(_ source: SourceID) -> [HotplugDecision] {
        guard let devnode = openSources.removeValue(forKey: source) else { return [] }
        refused.insert(Refusal(source: source, devnode: devnode))
        return reconcile()
    }

    /// Drops the known devices that `isGone` selects; closes the sources reading them.
    private mutating func forget(where isGone: (DeviceIdentity) -> Bool) -> [HotplugDecision] {
        let gone = devices.filter(isGone)
        guard !gone.isEmpty else { return [] }
        devices.removeAll(where: isGone)
        var decisions: [HotplugDecision] = []
        for device in gone {
            refused = refused.filter { $0.devnode != device.devnode }
            for (source, devnode) in openSources where devnode == device.devnode {
                openSources[source] = nil
                decisions.append(.close(source, devnode: devnode))
            }
        }
        return decisions
    }

    /// Opens a matching free device for every rule that has none.
    private mutating func reconcile() -> [HotplugDecision] {
        var decisions: [HotplugDecision] = []
        for rule in rules where openSources[rule.source] == nil {
            let taken = Set(openSources.values)
            let candidate = devices.first { device in
                !taken.contains(device.devnode) && !refused.contains(Refusal(source: rule.source, devnode: device.devnode))
                    && rule.match.matches(device)
            }
            if let candidate {
                openSources[rule.source] = candidate.devnode
                decisions.append(.open(rule.source, candidate))
            }
        }
        return decisions
    }
}
