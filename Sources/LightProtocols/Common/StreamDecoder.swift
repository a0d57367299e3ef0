/// The shape every protocol's incremental decoder follows.
///
/// Bytes arrive from the wire in arbitrary pieces through ``feed(_:)-(UnsafeRawBufferPointer)``;
/// ``next()`` then hands out one decoded message or one typed error at a time, and returns
/// `nil` once the buffered bytes hold no complete item. A decoder never stops at a bad frame: it
/// reports the error, skips the bad bytes and goes on with the good data behind them.
public protocol StreamDecoder {
    /// The value type a good frame decodes to.
    associatedtype Message
    /// The typed error a bad frame is reported as.
    associatedtype Failure: Error

    /// Appends bytes received from the wire.
    mutating func feed(_ bytes: UnsafeRawBufferPointer)

    /// The next decoded message or error, or `nil` when more bytes are needed.
    mutating func next() -> Result<Message, Failure>?

    /// Bytes buffered that do not yet form a complete item.
    var bufferedByteCount: Int { get }
}

extension StreamDecoder {
    /// Appends bytes received from the wire.
    public mutating func feed(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { feed($0) }
    }

    /// Appends bytes received from the wire.
    public mutating func feed(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { feed($0) }
    }

    /// Appends the UTF-8 bytes of `text`.
    public mutating func feed(_ text: String) {
        feed(Array(text.utf8))
    }

    /// Decodes everything currently buffered.
    public mutating func drain() -> [Result<Message, Failure>] {
        var results: [Result<Message, Failure>] = []
        while let result = next() { results.append(result) }
        return results
    }
}
