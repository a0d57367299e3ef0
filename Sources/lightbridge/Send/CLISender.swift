import LightProtocols
import Logging

/// Everything `lightbridge send` was told about where and how to send, shared by every protocol
/// (each uses the options that apply to it).
struct SendOptions: Sendable {
    var host: String?
    var port: Int?
    var transport: String?
    var serial: String?
    var baud: Int?
    var delimiter: UInt8
    var modeByteOrder: SmartLightPacketFormat.ModeByteOrder
    var group: IPv4Address?
    var interface: IPv4Address?
    var replyPort: Int?
    var listen: String?
    var timeout: Duration?
    var acknowledge: Bool
    var confirm: Bool

    /// `--host`, or a usage error naming the protocol.
    func requireHost(_ protocolName: String) throws(SendFailure) -> String {
        guard let host else { throw .usage("\(protocolName) needs --host") }
        return host
    }
}

/// Why a `send` failed: a bad message or option (exit 2 / 64), a command the device refused or
/// never answered (exit 2; the next command is still sent), or no connection (exit 1; nothing
/// more is sent).
enum SendFailure: Error, CustomStringConvertible {
    /// A message that does not decode, or one this protocol cannot send.
    case input(CodecFailure)
    /// Options that do not fit together.
    case usage(String)
    /// The command failed; the connection (if any) is still good.
    case command(CodecFailure)
    /// The device could not be reached.
    case connection(CodecFailure)

    var description: String {
        switch self {
        case .input(let f), .command(let f), .connection(let f): return f.description
        case .usage(let text): return text
        }
    }

    /// A command failure carrying the driver's typed error.
    static func command(_ error: some Error) -> SendFailure { .command(CodecFailure(error)) }
    /// A connection failure carrying the driver's typed error.
    static func connection(_ error: some Error) -> SendFailure { .connection(CodecFailure(error)) }
    /// An input failure carrying the codec's typed error.
    static func input(_ error: some Error) -> SendFailure { .input(CodecFailure(error)) }
}

/// One protocol's entry in `lightbridge send`: decodes the message JSON (the `decode`/`encode`
/// shapes, docs/JSON.md), opens that protocol's driver, sends each message through it and turns
/// each outcome into JSON lines.
protocol CLISender: Sendable {
    /// What one JSON message becomes before it is sent.
    associatedtype Message: Sendable
    /// The PROTOCOL argument that selects it.
    static var name: String { get }
    /// What it talks to, for `--help`.
    static var summary: String { get }
    /// Decodes and checks one message (nothing is sent yet).
    static func message(_ json: JSONValue, options: SendOptions) throws(SendFailure) -> Message
    /// Creates and starts the driver.
    static func open(_ options: SendOptions, logger: Logger) async throws(SendFailure) -> Self
    /// Sends one message and returns the lines to print (the reply or answer).
    func send(_ message: Message) async throws(SendFailure) -> [JSONValue]
    /// Stops the driver.
    func close() async
}

/// Every protocol `send` knows, in the order `--help` lists them.
enum SenderRegistry {
    static var all: [any CLISender.Type] {
        [
            SmartLightSender.self, HelvarSender.self, LightwaveSender.self, LumencorSender.self,
            HeliospectraSender.self,
        ]
    }

    static var names: String { all.map { $0.name }.joined(separator: ", ") }

    static func sender(named name: String) -> (any CLISender.Type)? { all.first { $0.name == name } }
}

/// Decodes `json` as `T` (a codec's message type), a typed input failure otherwise.
func decodeMessage<T: Decodable>(_ type: T.Type, _ json: JSONValue) throws(SendFailure) -> T {
    do { return try JSONValueDecoder.decode(type, from: json) } catch { throw .input(error) }
}

/// `value` as JSON in the codec's shape.
func jsonLine(_ value: some Encodable) -> JSONValue {
    (try? JSONValueEncoder.encode(value)) ?? .object([JSONMember("type", .string("unencodable"))])
}

/// `{"type":"<type>"}`: what `send` prints for a command that has no answer on the wire.
func outcomeLine(_ type: String) -> JSONValue {
    .object([JSONMember("type", .string(type))])
}

/// Seconds given on the command line as a `Duration`.
func seconds(_ value: Double) -> Duration { .milliseconds(Int64((value * 1000).rounded())) }
