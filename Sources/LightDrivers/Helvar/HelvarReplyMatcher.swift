import LightProtocols

/// What a reply is matched on: command number, address and group (PROTOCOLS.md §2: replies
/// carry no request id, so they are matched in order per command and address).
struct HelvarReplyKey: Hashable, Sendable {
    var number: HelvarCommandNumber
    var address: HelvarAddress?
    var group: UInt16?

    init(_ c: HelvarCommand) {
        number = c.number
        address = c.address
        group = c.number.target == .group ? c.effectiveGroup : c.group
    }
}

/// First-in, first-out queues of request ids per ``HelvarReplyKey``.
struct HelvarReplyMatcher: Sendable {
    private var queues: [HelvarReplyKey: [UInt64]] = [:]

    /// Queues request `id` under `key`.
    mutating func add(_ key: HelvarReplyKey, id: UInt64) { queues[key, default: []].append(id) }

    /// The oldest request waiting for `key`, removed.
    mutating func take(_ key: HelvarReplyKey) -> UInt64? {
        guard var q = queues[key], !q.isEmpty else { return nil }
        let id = q.removeFirst()
        queues[key] = q.isEmpty ? nil : q
        return id
    }

    /// Forgets request `id` (it timed out).
    mutating func remove(id: UInt64) {
        for (key, q) in queues where q.contains(id) {
            let rest = q.filter { $0 != id }
            queues[key] = rest.isEmpty ? nil : rest
        }
    }

    /// Forgets every request.
    mutating func removeAll() { queues = [:] }

    /// The number of requests waiting.
    var count: Int { queues.values.reduce(0) { $0 + $1.count } }
}
