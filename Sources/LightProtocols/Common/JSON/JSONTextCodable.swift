/// A value whose JSON form is its text form: addresses, MAC addresses, names. Conforming types
/// get `Codable` from here and only say how to parse and print the text.
public protocol JSONTextCodable: Codable {
    /// Parses the text form; throws a one-line reason when it is not valid.
    init(jsonText text: String) throws(JSONDecodingError)
    /// The text form written to JSON.
    var jsonText: String { get }
}

extension JSONTextCodable {
    public init(from decoder: any Decoder) throws {
        self = try Self.decodeJSONText(decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try encodeJSONText(to: encoder)
    }

    /// Reads the text form (for enums, whose synthesized `Codable` would win over the defaults
    /// above: they implement `init(from:)` and `encode(to:)` with these two).
    public static func decodeJSONText(_ decoder: any Decoder) throws -> Self {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            return try Self(jsonText: text)
        } catch {
            throw JSONDecodingError(path: pathText(decoder.codingPath), reason: error.reason)
        }
    }

    /// Writes the text form.
    public func encodeJSONText(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(jsonText)
    }
}

extension JSONTextCodable where Self: CustomStringConvertible {
    /// The description is the text form unless a type says otherwise.
    public var jsonText: String { description }
}
