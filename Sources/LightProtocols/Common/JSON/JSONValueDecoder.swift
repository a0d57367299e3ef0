/// Why a JSON value could not become the requested type, with the path to the bad member.
public struct JSONDecodingError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Dotted path to the member, e.g. `modeSet.mode`.
    public var path: String
    /// What was wrong there.
    public var reason: String

    public var description: String { path.isEmpty ? reason : "\(path): \(reason)" }
}

/// Builds any `Decodable` value from a ``JSONValue`` (a Foundation-free `JSONDecoder`).
public enum JSONValueDecoder {
    /// Decodes a `T` from `value`.
    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try decodeValue(type, from: value, codingPath: [])
    }

    /// Parses `text` and decodes a `T` from it.
    public static func decode<T: Decodable>(_ type: T.Type, fromText text: String) throws -> T {
        try decode(type, from: JSONParser.parse(text))
    }
}

func pathText(_ path: [any CodingKey]) -> String {
    path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
}

func decodeValue<T: Decodable>(_ type: T.Type, from value: JSONValue, codingPath: [any CodingKey]) throws -> T {
    /// `value` as `T`; each case below has already checked the type, so this cannot fail.
    func cast(_ value: Any) throws -> T {
        guard let result = value as? T else {
            throw JSONDecodingError(path: pathText(codingPath), reason: "internal type mismatch for \(T.self)")
        }
        return result
    }
    func mismatch(_ expected: String) -> JSONDecodingError {
        JSONDecodingError(path: pathText(codingPath), reason: "expected \(expected)")
    }
    func integer<I: FixedWidthInteger>(_: I.Type) throws -> I {
        switch value {
        case .int(let v): if let r = I(exactly: v) { return r }
        case .uint(let v): if let r = I(exactly: v) { return r }
        case .double(let d): if let r = I(exactly: d) { return r }
        default: break
        }
        throw mismatch("an integer in \(I.min)...\(I.max)")
    }
    switch type {
    case is String.Type:
        guard case .string(let s) = value else { throw mismatch("a string") }
        return try cast(s)
    case is Bool.Type:
        guard case .bool(let b) = value else { throw mismatch("true or false") }
        return try cast(b)
    case is Int.Type: return try cast(try integer(Int.self))
    case is Int8.Type: return try cast(try integer(Int8.self))
    case is Int16.Type: return try cast(try integer(Int16.self))
    case is Int32.Type: return try cast(try integer(Int32.self))
    case is Int64.Type: return try cast(try integer(Int64.self))
    case is UInt.Type: return try cast(try integer(UInt.self))
    case is UInt8.Type: return try cast(try integer(UInt8.self))
    case is UInt16.Type: return try cast(try integer(UInt16.self))
    case is UInt32.Type: return try cast(try integer(UInt32.self))
    case is UInt64.Type: return try cast(try integer(UInt64.self))
    case is Double.Type, is Float.Type:
        let d: Double
        switch value {
        case .int(let v): d = Double(v)
        case .uint(let v): d = Double(v)
        case .double(let v): d = v
        default: throw mismatch("a number")
        }
        return try cast((type is Float.Type ? Float(d) as Any : d as Any))
    case is JSONValue.Type:
        return try cast(value)
    default:
        return try T(from: NodeDecoder(value: value, codingPath: codingPath))
    }
}

struct NodeDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else {
            throw JSONDecodingError(path: pathText(codingPath), reason: "expected an object")
        }
        return KeyedDecodingContainer(KeyedNodeDecoder<Key>(members: members, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else {
            throw JSONDecodingError(path: pathText(codingPath), reason: "expected an array")
        }
        return UnkeyedNodeDecoder(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleNodeDecoder(value: value, codingPath: codingPath)
    }
}

struct KeyedNodeDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [JSONMember]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }

    func contains(_ key: Key) -> Bool { members.contains { $0.key == key.stringValue } }

    private func member(_ key: Key) throws -> JSONValue {
        guard let m = members.last(where: { $0.key == key.stringValue }) else {
            throw JSONDecodingError(path: pathText(codingPath + [key]), reason: "missing")
        }
        return m.value
    }

    func decodeNil(forKey key: Key) throws -> Bool { try member(key) == .null }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try get(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try get(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try get(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try get(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try get(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try get(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try get(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try get(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try get(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try get(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try get(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try get(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try get(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try get(type, key) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try get(type, key) }

    private func get<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        try decodeValue(type, from: member(key), codingPath: codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try NodeDecoder(value: member(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try NodeDecoder(value: member(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        NodeDecoder(value: members.last(where: { $0.key == "super" })?.value ?? .null, codingPath: codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        NodeDecoder(value: try member(key), codingPath: codingPath + [key])
    }
}

struct UnkeyedNodeDecoder: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func take() throws -> (JSONValue, [any CodingKey]) {
        guard !isAtEnd else {
            throw JSONDecodingError(path: pathText(codingPath), reason: "array too short")
        }
        defer { currentIndex += 1 }
        return (items[currentIndex], codingPath + [IndexKey(currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, path) = try take()
        return try decodeValue(type, from: value, codingPath: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey>
    {
        let (value, path) = try take()
        return try NodeDecoder(value: value, codingPath: path).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (value, path) = try take()
        return try NodeDecoder(value: value, codingPath: path).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (value, path) = try take()
        return NodeDecoder(value: value, codingPath: path)
    }
}

struct SingleNodeDecoder: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool { value == .null }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type, from: value, codingPath: codingPath) }
}
