import LightProtocols

/// `heliospectra`: master light-setting packages, concatenated (§5 default format), PROTOCOLS.md §5.
enum HeliospectraCodec: CLICodec {
    static let name = "heliospectra"
    static let summary = "Heliospectra master light-setting packages (UDP 50632)"
    static let isBinary = true

    static func decode(_ bytes: [UInt8], options: CodecOptions) -> [Result<JSONValue, CodecFailure>] {
        decodeStream(HeliospectraMasterDecoder(), bytes)
    }

    static func encode(_ json: JSONValue, options: CodecOptions) throws -> [UInt8] {
        let package = try JSONValueDecoder.decode(HeliospectraMasterPackage.self, from: json)
        return try HeliospectraMasterEncoder().encode(package)
    }
}

/// `heliospectra-discovery`: `ABC321` discovery/config frames, PROTOCOLS.md §5.
enum HeliospectraDiscoveryCodec: CLICodec {
    static let name = "heliospectra-discovery"
    static let summary = "Heliospectra ABC321 discovery frames (UDP 50632)"
    static let isBinary = true

    static func decode(_ bytes: [UInt8], options: CodecOptions) -> [Result<JSONValue, CodecFailure>] {
        decodeStream(HeliospectraDiscoveryDecoder(), bytes)
    }

    static func encode(_ json: JSONValue, options: CodecOptions) throws -> [UInt8] {
        let frame = try JSONValueDecoder.decode(HeliospectraDiscoveryFrame.self, from: json)
        return try HeliospectraDiscoveryEncoder().encode(frame)
    }
}

/// `heliospectra-control`: TCP control-socket lines read as a transcript (requests and
/// replies; an `OK` line is typed by the request before it), PROTOCOLS.md §5.
enum HeliospectraControlCodec: CLICodec {
    static let name = "heliospectra-control"
    static let summary = "Heliospectra TCP control-socket lines (port 50630), requests and replies"
    static let isBinary = false

    static func decode(_ bytes: [UInt8], options: CodecOptions) -> [Result<JSONValue, CodecFailure>] {
        decodeStream(HeliospectraControlDecoder(role: .transcript), bytes)
    }

    static func encode(_ json: JSONValue, options: CodecOptions) throws -> [UInt8] {
        let message = try JSONValueDecoder.decode(HeliospectraControlMessage.self, from: json)
        return try HeliospectraControlEncoder().encode(message)
    }
}
