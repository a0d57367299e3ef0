import ArgumentParser
import LightProtocols

/// `lightbridge encode PROTOCOL`: JSON messages on stdin, wire form on stdout.
struct EncodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode",
        abstract: "Encode JSON messages read from stdin into the protocol's wire form.",
        discussion: """
            PROTOCOL is one of: \(CodecRegistry.names).
            Stdin holds one JSON message, or several (one per line, or a JSON array). Text
            protocols are written as they go on the wire; binary ones as hex, one message per line.
            The JSON shapes are those `lightbridge decode` prints (docs/JSON.md).
            """
    )

    @Argument(help: "The protocol: \(CodecRegistry.names).")
    var protocolName: String

    @Flag(help: "Print hex for text protocols too.")
    var hex = false

    @OptionGroup var codecOptions: CodecOptionArguments

    func run() throws {
        let codec = try CodecRegistry.codec(argument: protocolName)
        let options = try codecOptions.parsed()
        let text = String(decoding: readAllStandardInput(), as: UTF8.self)
        let messages: [JSONValue]
        do {
            messages = try splitJSONMessages(text)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        var failed = false
        for message in messages {
            do {
                let bytes = try codec.encode(message, options: options)
                if codec.isBinary || hex {
                    printLine(Hex.encode(bytes, separator: " "))
                } else {
                    writeStandardOutput(bytes)
                }
            } catch {
                failed = true
                printError("error: \(CodecFailure(error))")
            }
        }
        if failed { throw ExitCode(2) }
    }
}
