import LightProtocols

/// `lumencor`: Lumencor light engine text lines, requests and answers alike, PROTOCOLS.md §4.
enum LumencorCodec: CLICodec {
    static let name = "lumencor"
    static let summary = "Lumencor light engine text requests (GET/SET) and answers (A/E)"
    static let isBinary = false

    static func decode(_ bytes: [UInt8], options: CodecOptions) -> [Result<JSONValue, CodecFailure>] {
        decodeStream(LumencorDecoder(), bytes)
    }

    static func encode(_ json: JSONValue, options: CodecOptions) throws -> [UInt8] {
        let message = try JSONValueDecoder.decode(LumencorMessage.self, from: json)
        return try LumencorEncoder().encode(message)
    }
}
