import LightProtocols

/// `lightwave`: LightwaveRF Link UDP messages, one per line (commands, replies, `*!{…}`
/// events), PROTOCOLS.md §3. A last line without a newline is decoded too; `encode` writes
/// each message followed by `\n`.
enum LightwaveCodec: CLICodec {
    static let name = "lightwave"
    static let summary = "LightwaveRF Link UDP messages, one per line"
    static let isBinary = false

    static func decode(_ bytes: [UInt8], options: CodecOptions) -> [Result<JSONValue, CodecFailure>] {
        var input = bytes
        // Each argument or datagram is a whole message: end the last line.
        if let last = input.last, last != 0x0A { input.append(0x0A) }
        return decodeStream(LightwaveStreamDecoder(), input)
    }

    static func encode(_ json: JSONValue, options: CodecOptions) throws -> [UInt8] {
        let message = try JSONValueDecoder.decode(LightwaveMessage.self, from: json)
        return try LightwaveEncoder().encodeLine(message)
    }
}
