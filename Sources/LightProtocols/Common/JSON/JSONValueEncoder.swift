/// Turns any `Encodable` value into a ``JSONValue`` (a Foundation-free `JSONEncoder`).
///
/// Enums with associated values come out in Swift's synthesized shape:
/// `{"caseName": {"label": value}}`; optionals that are `nil` are left out.
public enum JSONValueEncoder {
    /// Encodes `value`.
    public static func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let node = EncodingNode()
        try value.encode(to: NodeEncoder(node: node, codingPath: []))
        return node.frozen
    }
}

/// A mutable JSON tree under construction (containers are filled after they are handed out).
final class EncodingNode {
    enum Kind {
        case empty
        case value(JSONValue)
        case array([EncodingNode])
        case object([(String, EncodingNode)])
    }
    var kind: Kind = .empty

    var frozen: JSONValue {
        switch kind {
        case .empty: return .object([])
        case .value(let v): return v
        case .array(let items): return .array(items.map(\.frozen))
        case .object(let members): return .object(members.map { JSONMember($0.0, $0.1.frozen) })
        }
    }

    func child(forKey key: String) -> EncodingNode {
        if case .object(var members) = kind {
            let node = EncodingNode()
            if let index = members.firstIndex(where: { $0.0 == key }) {
                members[index].1 = node
            } else {
                members.append((key, node))
            }
            kind = .object(members)
            return node
        }
        let node = EncodingNode()
        kind = .object([(key, node)])
        return node
    }

    func appendChild() -> EncodingNode {
        let node = EncodingNode()
        if case .array(var items) = kind {
            items.append(node)
            kind = .array(items)
        } else {
            kind = .array([node])
        }
        return node
    }
}

struct NodeEncoder: Encoder {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = node.kind {} else { node.kind = .object([]) }
        return KeyedEncodingContainer(KeyedNodeEncoder<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = node.kind {} else { node.kind = .array([]) }
        return UnkeyedNodeEncoder(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleNodeEncoder(node: node, codingPath: codingPath)
    }
}

/// Encodes one value into `node`: primitives directly, everything else through `encode(to:)`.
func encodeValue<T: Encodable>(_ value: T, into node: EncodingNode, codingPath: [any CodingKey]) throws {
    switch value {
    case let v as String: node.kind = .value(.string(v))
    case let v as Bool: node.kind = .value(.bool(v))
    case let v as Int: node.kind = .value(.int(Int64(v)))
    case let v as Int8: node.kind = .value(.int(Int64(v)))
    case let v as Int16: node.kind = .value(.int(Int64(v)))
    case let v as Int32: node.kind = .value(.int(Int64(v)))
    case let v as Int64: node.kind = .value(.int(v))
    case let v as UInt: node.kind = .value(v <= UInt(Int64.max) ? .int(Int64(v)) : .uint(UInt64(v)))
    case let v as UInt8: node.kind = .value(.int(Int64(v)))
    case let v as UInt16: node.kind = .value(.int(Int64(v)))
    case let v as UInt32: node.kind = .value(.int(Int64(v)))
    case let v as UInt64: node.kind = .value(v <= UInt64(Int64.max) ? .int(Int64(v)) : .uint(v))
    case let v as Double: node.kind = .value(.double(v))
    case let v as Float: node.kind = .value(.double(Double(v)))
    case let v as JSONValue: node.kind = .value(v)
    default: try value.encode(to: NodeEncoder(node: node, codingPath: codingPath))
    }
}

struct KeyedNodeEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.child(forKey: key.stringValue).kind = .value(.null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: String, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try put(value, key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try put(value, key) }

    private func put<T: Encodable>(_ value: T, _ key: Key) throws {
        try encodeValue(value, into: node.child(forKey: key.stringValue), codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let child = node.child(forKey: key.stringValue)
        child.kind = .object([])
        return KeyedEncodingContainer(KeyedNodeEncoder<NestedKey>(node: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = node.child(forKey: key.stringValue)
        child.kind = .array([])
        return UnkeyedNodeEncoder(node: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        NodeEncoder(node: node.child(forKey: "super"), codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        NodeEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key])
    }
}

struct IndexKey: CodingKey {
    var stringValue: String { String(intValue ?? 0) }
    var intValue: Int?
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { intValue = Int(stringValue) }
    init?(intValue: Int) { self.intValue = intValue }
}

struct UnkeyedNodeEncoder: UnkeyedEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var count: Int {
        if case .array(let items) = node.kind { return items.count }
        return 0
    }

    mutating func encodeNil() throws { node.appendChild().kind = .value(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let path = codingPath + [IndexKey(count)]
        try encodeValue(value, into: node.appendChild(), codingPath: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = node.appendChild()
        child.kind = .object([])
        return KeyedEncodingContainer(KeyedNodeEncoder<NestedKey>(node: child, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = node.appendChild()
        child.kind = .array([])
        return UnkeyedNodeEncoder(node: child, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder { NodeEncoder(node: node.appendChild(), codingPath: codingPath) }
}

struct SingleNodeEncoder: SingleValueEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.kind = .value(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encodeValue(value, into: node, codingPath: codingPath) }
}
