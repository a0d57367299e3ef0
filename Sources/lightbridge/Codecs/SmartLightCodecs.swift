import LightProtocols

/// `smartlight`: RS232 frames (`--delimiter`), PROTOCOLS.md §1.2.
enum SmartLightFrameCodec: CLICodec {
    static let name = "smartlight"
    static let summary = "Caron Smart Light RS232 frames"
    static let isBinary = false

    static func format(_ options: CodecOptions) throws(SmartLightError) -> SmartLightFrameFormat {
        try SmartLightFrameFormat(delimiter: options.delimiter)
    }

    static func decode(_ bytes: [UInt8], options: CodecOptions) -> [Result<JSONValue, CodecFailure>] {
        do {
            return decodeStream(SmartLightFrameDecoder(format: try format(options)), bytes)
        } catch {
            return [.failure(CodecFailure(error))]
        }
    }

    static func encode(_ json: JSONValue, options: CodecOptions) throws -> [UInt8] {
        let command = try JSONValueDecoder.decode(SmartLightCommand.self, from: json)
        return try SmartLightFrameEncoder(format: try format(options)).encode(command)
    }
}

/// `smartlight-packet`: TCP/USB binary packets (`--mode-byte-order`), PROTOCOLS.md §1.4.
enum SmartLightPacketCodec: CLICodec {
    static let name = "smartlight-packet"
    static let summary = "Caron Smart Light TCP/USB binary packets"
    static let isBinary = true

    static func decode(_ bytes: [UInt8], options: CodecOptions) -> [Result<JSONValue, CodecFailure>] {
        decodeStream(SmartLightPacketDecoder(format: SmartLightPacketFormat(modeByteOrder: options.modeByteOrder)), bytes)
    }

    static func encode(_ json: JSONValue, options: CodecOptions) throws -> [UInt8] {
        let packet = try JSONValueDecoder.decode(SmartLightPacket.self, from: json)
        return try SmartLightPacketEncoder(format: SmartLightPacketFormat(modeByteOrder: options.modeByteOrder)).encode(packet)
    }
}
