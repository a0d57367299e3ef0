/// A declarative option schema, shared by lights and inputs: what keys a table may hold, of
/// what kind, and which are required. ``ConfigReader`` checks a table against it and reports
/// every problem with its line (issue 5 item 1).
public struct OptionSpec: Sendable {
    /// The key.
    public var key: String
    /// What its value must be.
    public var kind: OptionKind
    /// Whether it must be present.
    public var required: Bool

    /// Creates an entry.
    public init(_ key: String, _ kind: OptionKind, required: Bool = false) {
        self.key = key
        self.kind = kind
        self.required = required
    }
}

/// What an option's value must be.
public enum OptionKind: Sendable {
    /// A non-empty string.
    case text
    /// A host name or IPv4 address.
    case host
    /// A TCP/UDP port, 0…65535 (0 only where the schema allows picking one).
    case port
    /// An integer within a range.
    case integer(ClosedRange<Int64>)
    /// Milliseconds (an integer) within a range.
    case milliseconds(ClosedRange<Int64>)
    /// Seconds (integer or float) within a range.
    case seconds(ClosedRange<Double>)
    /// `true` or `false`.
    case flag
    /// One of these strings.
    case choice([String])
    /// An IPv4 multicast group (224.0.0.0/4).
    case multicastGroup
    /// An absolute path (e.g. `/dev/ttyUSB0`, or a glob for by-id matching).
    case path
    /// A USB `VID:PID` in hex (`0403:6001`).
    case usbID
    /// A single printable ASCII character.
    case character
    /// An array of strings.
    case texts
    /// An array of integers within a range.
    case integers(ClosedRange<Int64>)
}

/// One read option value.
public enum OptionValue: Sendable, Hashable {
    case text(String)
    case integer(Int)
    case flag(Bool)
    case duration(Duration)
    case texts([String])
    case integers([Int])
}

/// The options a table holds after checking against its schema (absent keys are absent: the
/// user of the value supplies the default, so defaults live in one place — the driver's
/// settings).
public struct Options: Sendable, Hashable {
    /// Values by key.
    public var values: [String: OptionValue]

    /// Creates options.
    public init(_ values: [String: OptionValue] = [:]) { self.values = values }

    /// A text value.
    public func text(_ key: String) -> String? { if case .text(let v) = values[key] { v } else { nil } }
    /// An integer value (ports, counts).
    public func integer(_ key: String) -> Int? { if case .integer(let v) = values[key] { v } else { nil } }
    /// A flag.
    public func flag(_ key: String) -> Bool? { if case .flag(let v) = values[key] { v } else { nil } }
    /// A duration.
    public func duration(_ key: String) -> Duration? { if case .duration(let v) = values[key] { v } else { nil } }
    /// An array of strings.
    public func texts(_ key: String) -> [String]? { if case .texts(let v) = values[key] { v } else { nil } }
    /// An array of integers.
    public func integers(_ key: String) -> [Int]? { if case .integers(let v) = values[key] { v } else { nil } }
}
