/// Drops stale master packages: the receiver side of PROTOCOLS.md §5 ("a receiver must drop …
/// a timestamp that is not newer than the last one seen from that master"). Pure state, no I/O
/// and no clock.
///
/// The filter remembers, per master multicast address, the last accepted timestamp. A package
/// is newer when its timestamp is ahead of the last one in **serial-number arithmetic**
/// (RFC 1982 style over 64 bits): `timestamp &- last`, read as a signed number, is positive.
/// So when the rolling counter wraps from `UInt64.max` to 0 the packages after the wrap are
/// still newer, and a package up to 2⁶³ − 1 steps behind is older.
///
/// Restart rule: a master that reboots may start its counter again from a low value, which
/// serial arithmetic would call old until the counter caught up. After ``restartThreshold``
/// consecutive packages that are strictly older than the last accepted one, the next older
/// package is accepted as a restart (``Verdict/restarted``) and becomes the new reference.
/// Duplicates (equal timestamps, e.g. a datagram delivered twice) are always dropped and do
/// not count towards a restart.
public struct HeliospectraMasterFilter: Sendable, Hashable {
    /// What the filter decided for one package.
    public enum Verdict: String, Codable, Sendable, Hashable {
        /// The first package seen from this master: accepted.
        case first
        /// Newer than the last accepted package: accepted.
        case newer
        /// Older, but after ``HeliospectraMasterFilter/restartThreshold`` older packages in a
        /// row: taken as a master restart and accepted.
        case restarted
        /// The same timestamp as the last accepted package: dropped.
        case duplicate
        /// Older than the last accepted package: dropped.
        case stale

        /// Whether the package should be applied.
        public var isAccepted: Bool { self == .first || self == .newer || self == .restarted }
    }

    private struct Entry: Sendable, Hashable {
        var last: UInt64
        var olderInARow: Int
    }

    /// Consecutive older packages from one master after which the next older one is accepted
    /// as a restart (default 3); 0 accepts any older package at once (no staleness check).
    public let restartThreshold: Int
    private var masters: [IPv4Address: Entry] = [:]

    /// Creates an empty filter.
    public init(restartThreshold: Int = 3) {
        self.restartThreshold = max(restartThreshold, 0)
    }

    /// Decides whether `package` is newer than the last one accepted from its master and
    /// remembers it when it is accepted.
    public mutating func check(_ package: HeliospectraMasterPackage) -> Verdict {
        check(timestamp: package.timestamp, from: package.multicast)
    }

    /// Decides on a timestamp from the master with multicast address `master`.
    public mutating func check(timestamp: UInt64, from master: IPv4Address) -> Verdict {
        guard var entry = masters[master] else {
            masters[master] = Entry(last: timestamp, olderInARow: 0)
            return .first
        }
        let ahead = Int64(bitPattern: timestamp &- entry.last)
        let verdict: Verdict
        if ahead > 0 {
            entry = Entry(last: timestamp, olderInARow: 0)
            verdict = .newer
        } else if ahead == 0 {
            verdict = .duplicate
        } else if entry.olderInARow >= restartThreshold {
            entry = Entry(last: timestamp, olderInARow: 0)
            verdict = .restarted
        } else {
            entry.olderInARow += 1
            verdict = .stale
        }
        masters[master] = entry
        return verdict
    }

    /// The last accepted timestamp from `master`, if any.
    public func lastTimestamp(from master: IPv4Address) -> UInt64? {
        masters[master]?.last
    }

    /// Forgets `master` (its next package is accepted as ``Verdict/first``).
    public mutating func forget(_ master: IPv4Address) {
        masters[master] = nil
    }

    /// Forgets every master.
    public mutating func removeAll() {
        masters.removeAll()
    }
}
