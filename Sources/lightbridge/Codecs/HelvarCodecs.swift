import LightProtocols

/// `helvar`: HelvarNet ASCII messages, PROTOCOLS.md §2.
enum HelvarCodec: CLICodec {
    static let name = "helvar"
    static let summary = "HelvarNet ASCII messages (> < ? !)"
    static let isBinary = false

    static func decode(_ bytes: [UInt8], options: CodecOptions) -> [Result<JSONValue, CodecFailure>] {
        decodeStream(HelvarDecoder(), bytes)
    }

    static func encode(_ json: JSONValue, options: CodecOptions) throws -> [UInt8] {
        try HelvarEncoder().encode(try JSONValueDecoder.decode(HelvarMessage.self, from: json))
    }
}

/// `helvar-raw`: HelvarNet raw 40-byte messages (hex in and out), PROTOCOLS.md §2.
enum HelvarRawCodec: CLICodec {
    static let name = "helvar-raw"
    static let summary = "HelvarNet raw messages (ten 32-bit words)"
    static let isBinary = true

    static func decode(_ bytes: [UInt8], options: CodecOptions) -> [Result<JSONValue, CodecFailure>] {
        decodeStream(HelvarRawDecoder(), bytes)
    }

    static func encode(_ json: JSONValue, options: CodecOptions) throws -> [UInt8] {
        try HelvarRawEncoder().encode(try JSONValueDecoder.decode(HelvarRawMessage.self, from: json))
    }
}
