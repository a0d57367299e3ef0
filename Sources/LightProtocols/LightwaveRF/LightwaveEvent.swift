/// A `*!{…}` JSON line from a Link, firmware 2.92 onwards (seed 004 "Example Interactions";
/// PROTOCOLS.md §3), e.g. `*!{"trans":1,"mac":"03:34:BC","time":1456495650,"pkt":"433T",
/// "fn":"on","room":1,"dev":1}` or a registration's `{…"type":"link","msg":"success"…}`.
///
/// The object's members are kept in their received order, so an event re-encodes exactly as
/// it came (bar insignificant white space); the members this codec knows are read and written
/// through typed properties, which are `nil` when a member is absent or has another JSON type.
/// Whole numbers written as decimals (`3.0`) are stored as integers, the way they re-encode.
///
/// JSON (inside ``LightwaveMessage``): the object itself, `{"type":"event","event":{…}}`.
public struct LightwaveEvent: Sendable, Hashable, Codable {
    /// The object's members, in order.
    public private(set) var members: [JSONMember]

    /// An event with `members` (whole-number decimals become integers).
    public init(members: [JSONMember]) {
        self.members = members.map { JSONMember($0.key, Self.normalised($0.value)) }
    }

    /// An event with the members the Link writes for a radio transmission, in the Link's order.
    public init(
        trans: Int? = nil, mac: String? = nil, time: Int64? = nil, packet: String? = nil, function: String? = nil,
        room: Int? = nil, device: Int? = nil
    ) {
        members = []
        self.trans = trans
        self.mac = mac
        self.time = time
        self.packet = packet
        self.function = function
        self.room = room
        self.device = device
    }

    /// The member `key` (the last one, if repeated); setting `nil` removes every `key` member,
    /// setting a value replaces the last one in place or appends a new member.
    public subscript(key: String) -> JSONValue? {
        get { members.last(where: { $0.key == key })?.value }
        set {
            guard let newValue else {
                members.removeAll { $0.key == key }
                return
            }
            let value = Self.normalised(newValue)
            if let i = members.lastIndex(where: { $0.key == key }) {
                members[i].value = value
            } else {
                members.append(JSONMember(key, value))
            }
        }
    }

    /// The members this type has no typed property for.
    public var otherMembers: [JSONMember] { members.filter { !Self.knownKeys.contains($0.key) } }

    /// Keys with a typed property.
    public static let knownKeys: Set<String> = [
        "trans", "mac", "time", "pkt", "fn", "room", "dev", "param", "type", "msg", "prod", "fw", "serial",
    ]

    // MARK: Typed members

    /// `trans`: the Link's own transaction counter (no relation to the client's id).
    public var trans: Int? {
        get { self["trans"]?.intValue.flatMap { Int(exactly: $0) } }
        set { self["trans"] = newValue.map { .int(Int64($0)) } }
    }
    /// `mac`: the last three octets of the Link's MAC, e.g. `03:34:BC`.
    public var mac: String? {
        get { self["mac"]?.stringValue }
        set { self["mac"] = newValue.map { .string($0) } }
    }
    /// `time`: Unix time of the transaction.
    public var time: Int64? {
        get { self["time"]?.intValue }
        set { self["time"] = newValue.map { .int($0) } }
    }
    /// `pkt`: radio message type, `433T`, `868T` or `868R` (or e.g. `system`).
    public var packet: String? {
        get { self["pkt"]?.stringValue }
        set { self["pkt"] = newValue.map { .string($0) } }
    }
    /// `fn`: the function carried out, e.g. `on`, `off`, `dim`.
    public var function: String? {
        get { self["fn"]?.stringValue }
        set { self["fn"] = newValue.map { .string($0) } }
    }
    /// `room`: room number of the transmission.
    public var room: Int? {
        get { self["room"]?.intValue.flatMap { Int(exactly: $0) } }
        set { self["room"] = newValue.map { .int(Int64($0)) } }
    }
    /// `dev`: device number of the transmission.
    public var device: Int? {
        get { self["dev"]?.intValue.flatMap { Int(exactly: $0) } }
        set { self["dev"] = newValue.map { .int(Int64($0)) } }
    }
    /// `param`: the function's parameter, e.g. a dim level.
    public var parameter: Int? {
        get { self["param"]?.intValue.flatMap { Int(exactly: $0) } }
        set { self["param"] = newValue.map { .int(Int64($0)) } }
    }
    /// `type`: what kind of report this is, e.g. `link` for a registration, `hub`.
    public var type: String? {
        get { self["type"]?.stringValue }
        set { self["type"] = newValue.map { .string($0) } }
    }
    /// `msg`: a status text, e.g. `success`.
    public var message: String? {
        get { self["msg"]?.stringValue }
        set { self["msg"] = newValue.map { .string($0) } }
    }
    /// `prod`: the product code.
    public var product: String? {
        get { self["prod"]?.stringValue }
        set { self["prod"] = newValue.map { .string($0) } }
    }
    /// `fw`: the firmware version, e.g. `U2.91Y`.
    public var firmware: String? {
        get { self["fw"]?.stringValue }
        set { self["fw"] = newValue.map { .string($0) } }
    }
    /// `serial`: a device serial (heating devices).
    public var serial: String? {
        get { self["serial"]?.stringValue }
        set { self["serial"] = newValue.map { .string($0) } }
    }

    // MARK: Meaning

    /// Whether this is the registration success report: `"type":"link","msg":"success"`.
    public var isRegistrationSuccess: Bool { type == "link" && message == "success" }

    /// Whether this reports a radio packet (it has `pkt`): the proof that a command went out.
    public var isRadioPacket: Bool { packet != nil }

    /// The Link model its `mac` (or `fw`) reveals, if any.
    public var model: LightwaveLinkModel? {
        if let mac, let model = LightwaveLinkModel(mac: mac) { return model }
        if let firmware { return LightwaveLinkModel(firmware: firmware) }
        return nil
    }

    /// The object as a JSON value.
    public var jsonValue: JSONValue { .object(members) }

    // MARK: Equality, hashing, Codable

    public static func == (a: LightwaveEvent, b: LightwaveEvent) -> Bool { a.members == b.members }

    public func hash(into hasher: inout Hasher) {
        // Keys only: equal members have equal keys, and JSONValue is not Hashable.
        hasher.combine(members.count)
        for member in members { hasher.combine(member.key) }
    }

    public init(from decoder: any Decoder) throws {
        let value = try AnyJSON.decode(from: decoder)
        guard case .object(let members) = value else {
            throw JSONDecodingError(path: "event", reason: "expected an object")
        }
        self.init(members: members)
    }

    public func encode(to encoder: any Encoder) throws {
        try AnyJSON.encode(jsonValue, to: encoder)
    }

    /// `value` with every whole-number decimal that the JSON writer prints as an integer
    /// turned into that integer, so that parse(write(v)) == v.
    static func normalised(_ value: JSONValue) -> JSONValue {
        switch value {
        case .double(let d):
            if abs(d) < 1e15, let whole = Int64(exactly: d) { return .int(whole) }
            return value
        case .array(let items): return .array(items.map(normalised))
        case .object(let members): return .object(members.map { JSONMember($0.key, normalised($0.value)) })
        default: return value
        }
    }
}

/// Moves a ``JSONValue`` through any `Encoder`/`Decoder`: the in-house JSON bridge takes the
/// value as it is; any other coder gets it member by member.
enum AnyJSON {
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    struct Box: Codable {
        var value: JSONValue
        init(_ value: JSONValue) { self.value = value }
        init(from decoder: any Decoder) throws { value = try AnyJSON.decode(from: decoder) }
        func encode(to encoder: any Encoder) throws { try AnyJSON.encode(value, to: encoder) }
    }

    static func decode(from decoder: any Decoder) throws -> JSONValue {
        if let node = decoder as? NodeDecoder { return node.value }
        if let keyed = try? decoder.container(keyedBy: Key.self) {
            var members: [JSONMember] = []
            for key in keyed.allKeys {
                members.append(JSONMember(key.stringValue, try keyed.decode(Box.self, forKey: key).value))
            }
            return .object(members)
        }
        if var unkeyed = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !unkeyed.isAtEnd { items.append(try unkeyed.decode(Box.self).value) }
            return .array(items)
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { return .null }
        if let b = try? single.decode(Bool.self) { return .bool(b) }
        if let i = try? single.decode(Int64.self) { return .int(i) }
        if let u = try? single.decode(UInt64.self) { return .uint(u) }
        if let d = try? single.decode(Double.self) { return .double(d) }
        return .string(try single.decode(String.self))
    }

    static func encode(_ value: JSONValue, to encoder: any Encoder) throws {
        if let node = encoder as? NodeEncoder {
            node.node.kind = .value(value)
            return
        }
        switch value {
        case .object(let members):
            var c = encoder.container(keyedBy: Key.self)
            for m in members { try c.encode(Box(m.value), forKey: Key(stringValue: m.key)) }
        case .array(let items):
            var c = encoder.unkeyedContainer()
            for item in items { try c.encode(Box(item)) }
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .bool(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .int(let i):
            var c = encoder.singleValueContainer()
            try c.encode(i)
        case .uint(let u):
            var c = encoder.singleValueContainer()
            try c.encode(u)
        case .double(let d):
            var c = encoder.singleValueContainer()
            try c.encode(d)
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        }
    }
}
