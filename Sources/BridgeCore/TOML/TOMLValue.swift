/// One TOML value and where it starts in the document.
public struct TOMLValue: Hashable, Sendable {
    /// The value's type and contents.
    public enum Kind: Hashable, Sendable {
        case string(String)
        case integer(Int64)
        case float(Double)
        case bool(Bool)
        case array([TOMLValue])
        case table(TOMLTable)
    }

    /// The value.
    public var kind: Kind
    /// Where it starts (a table made by a `[header]` starts at its `[`).
    public var position: TOMLPosition

    /// Creates a value.
    public init(_ kind: Kind, at position: TOMLPosition) {
        self.kind = kind
        self.position = position
    }

    /// The string, if this is one.
    public var string: String? { if case .string(let value) = kind { value } else { nil } }
    /// The integer, if this is one (a float is not).
    public var integer: Int64? { if case .integer(let value) = kind { value } else { nil } }
    /// The float, if this is one (an integer is not).
    public var float: Double? { if case .float(let value) = kind { value } else { nil } }
    /// The boolean, if this is one.
    public var bool: Bool? { if case .bool(let value) = kind { value } else { nil } }
    /// The elements, if this is an array (an array of tables is one too).
    public var array: [TOMLValue]? { if case .array(let value) = kind { value } else { nil } }
    /// The table, if this is one.
    public var table: TOMLTable? { if case .table(let value) = kind { value } else { nil } }

    /// The value under `key` if this is a table that has it.
    public subscript(key: String) -> TOMLValue? { table?[key] }

    /// The type's name for messages: `string`, `integer`, `floating-point number`, `bool`,
    /// `array` or `table`.
    public var typeName: String {
        switch kind {
        case .string: return "string"
        case .integer: return "integer"
        case .float: return "floating-point number"
        case .bool: return "bool"
        case .array: return "array"
        case .table: return "table"
        }
    }
}
