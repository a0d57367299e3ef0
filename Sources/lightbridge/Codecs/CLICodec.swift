import ArgumentParser
import LightProtocols

/// Options that change how a protocol's bytes are read or written on the command line.
struct CodecOptions {
    /// Smart Light RS232 frame delimiter.
    var delimiter: UInt8 = SmartLightFrameFormat.defaultDelimiter
    /// Smart Light binary mode-number byte order.
    var modeByteOrder: SmartLightPacketFormat.ModeByteOrder = .msbFirst
}

/// A problem reported by `decode` or `encode`, printed on stderr.
struct CodecFailure: Error, CustomStringConvertible {
    /// The typed error's name, e.g. `SmartLightFrameError.unknownCommand`.
    var kind: String
    /// The human-readable text.
    var message: String
    var description: String { "\(kind): \(message)" }

    init(_ error: some Error) {
        self.kind = String(describing: type(of: error))
        self.message = String(describing: error)
    }

    init(kind: String, message: String) {
        self.kind = kind
        self.message = message
    }
}

/// One protocol's entry in `lightbridge decode` and `lightbridge encode`.
protocol CLICodec {
    /// The PROTOCOL argument that selects it.
    static var name: String { get }
    /// What it reads and writes, for `--help`.
    static var summary: String { get }
    /// Whether the wire form is binary (then `encode` prints hex).
    static var isBinary: Bool { get }
    /// Decodes a whole input: each message as JSON, each bad frame as a failure, in order.
    static func decode(_ bytes: [UInt8], options: CodecOptions) -> [Result<JSONValue, CodecFailure>]
    /// Encodes one message given as JSON.
    static func encode(_ json: JSONValue, options: CodecOptions) throws -> [UInt8]
}

/// Every codec the CLI knows, in the order `--help` lists them.
enum CodecRegistry {
    static var all: [any CLICodec.Type] {
        [
            SmartLightFrameCodec.self,
            SmartLightPacketCodec.self,
            HelvarCodec.self,
            HelvarRawCodec.self,
            LightwaveCodec.self,
            LumencorCodec.self,
            HeliospectraCodec.self,
            HeliospectraDiscoveryCodec.self,
            HeliospectraControlCodec.self,
        ]
    }

    static func codec(named name: String) -> (any CLICodec.Type)? {
        all.first { $0.name == name }
    }

    /// The codec a PROTOCOL argument names, or a usage error listing them all.
    static func codec(argument name: String) throws -> any CLICodec.Type {
        guard let codec = codec(named: name) else {
            throw ValidationError("unknown protocol '\(name)'; one of: \(names)")
        }
        return codec
    }

    static var names: String { all.map { $0.name }.joined(separator: ", ") }
}

/// Runs `decoder` over `bytes` and turns the results into JSON; leftover bytes that never
/// formed a complete frame are reported as one failure at the end.
func decodeStream<D: StreamDecoder>(_ decoder: D, _ bytes: [UInt8]) -> [Result<JSONValue, CodecFailure>]
where D.Message: Encodable {
    var decoder = decoder
    decoder.feed(bytes)
    var out: [Result<JSONValue, CodecFailure>] = []
    while let result = decoder.next() {
        switch result {
        case .success(let message):
            do {
                out.append(.success(try JSONValueEncoder.encode(message)))
            } catch {
                out.append(.failure(CodecFailure(error)))
            }
        case .failure(let error):
            out.append(.failure(CodecFailure(error)))
        }
    }
    if decoder.bufferedByteCount > 0 {
        out.append(
            .failure(
                CodecFailure(
                    kind: "IncompleteInput",
                    message: "\(decoder.bufferedByteCount) byte(s) at the end of the input do not form a complete frame"
                )))
    }
    return out
}
