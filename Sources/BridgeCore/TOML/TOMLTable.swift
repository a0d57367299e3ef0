/// A TOML table: keys in document order, each with its value and the key's own position.
public struct TOMLTable: Hashable, Sendable {
    /// One key of a table.
    public struct Entry: Hashable, Sendable {
        /// The key (one component, unquoted).
        public var key: String
        /// Where the key is written (for a table opened by a header, the key in the header that
        /// first named it).
        public var keyPosition: TOMLPosition
        /// Its value.
        public var value: TOMLValue
    }

    /// The entries in the order their keys first appear.
    public private(set) var entries: [Entry] = []
    private var indices: [String: Int] = [:]

    /// An empty table.
    public init() {}

    /// Parses a whole TOML document (TOML 1.0 without dates and times).
    public init(parsing text: String) throws(TOMLError) {
        var parser = TOMLParser(text)
        self = try parser.parseDocument()
    }

    /// The keys in document order.
    public var keys: [String] { entries.map(\.key) }
    /// Whether the table has no keys.
    public var isEmpty: Bool { entries.isEmpty }

    /// The value under `key`, if any.
    public subscript(key: String) -> TOMLValue? { entry(key)?.value }

    /// The entry under `key`, if any (for the key's position).
    public func entry(_ key: String) -> Entry? { indices[key].map { entries[$0] } }

    /// Adds a key that is not there yet (the parser checks for duplicates first).
    mutating func append(_ key: String, at keyPosition: TOMLPosition, _ value: TOMLValue) {
        precondition(indices[key] == nil, "TOMLTable.append: duplicate key")
        indices[key] = entries.count
        entries.append(Entry(key: key, keyPosition: keyPosition, value: value))
    }
}
