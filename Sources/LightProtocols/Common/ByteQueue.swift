/// A growable FIFO of bytes with a read index, compacted lazily so that consuming from the
/// front is O(1) and appending is amortised O(1). The decoders' shared input buffer.
public struct ByteQueue: Sendable {
    @usableFromInline var storage: [UInt8] = []
    @usableFromInline var readIndex = 0

    /// Creates an empty queue.
    public init() {}

    /// Number of unread bytes.
    @inlinable public var count: Int { storage.count - readIndex }

    /// Whether no unread bytes remain.
    @inlinable public var isEmpty: Bool { readIndex == storage.count }

    /// The unread byte at `offset` from the front.
    @inlinable public subscript(offset: Int) -> UInt8 { storage[readIndex + offset] }

    /// The unread bytes `range` (offsets from the front) as an array.
    public func bytes(_ range: Range<Int>) -> [UInt8] {
        Array(storage[(readIndex + range.lowerBound)..<(readIndex + range.upperBound)])
    }

    /// All unread bytes as an array.
    public var unreadBytes: [UInt8] { Array(storage[readIndex...]) }

    /// Appends bytes at the back.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if readIndex > 0 && readIndex >= storage.count / 2 { compact() }
        storage.append(contentsOf: bytes)
    }

    /// Appends bytes at the back.
    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Drops `n` unread bytes from the front.
    @inlinable public mutating func consume(_ n: Int) {
        precondition(n >= 0 && n <= count, "consume past the end of the queue")
        readIndex += n
        if readIndex == storage.count {
            storage.removeAll(keepingCapacity: true)
            readIndex = 0
        }
    }

    /// Drops every unread byte.
    public mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
        readIndex = 0
    }

    /// Offset of the first unread byte at or after `start` equal to `byte`, if any.
    @inlinable public func firstIndex(of byte: UInt8, from start: Int = 0) -> Int? {
        var i = readIndex + start
        let end = storage.count
        while i < end {
            if storage[i] == byte { return i - readIndex }
            i += 1
        }
        return nil
    }

    /// Calls `body` with the unread bytes.
    @inlinable public func withUnreadBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[readIndex...]))
        }
    }

    mutating func compact() {
        storage.removeSubrange(0..<readIndex)
        readIndex = 0
    }
}
