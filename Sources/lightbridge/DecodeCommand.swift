import ArgumentParser
import LightProtocols

/// `lightbridge decode PROTOCOL INPUT`: wire bytes in, one JSON object per message out.
struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode wire bytes and print each message as one line of JSON.",
        discussion: """
            PROTOCOL is one of: \(CodecRegistry.names).
            Messages go to stdout, one JSON object per line. Each bad frame is reported on stderr
            as its typed error; the exit status is then 2. Decoding goes on after a bad frame, so
            every good message in the input is printed. Input "-" reads stdin.
            """
    )

    @Argument(help: "The protocol: \(CodecRegistry.names).")
    var protocolName: String

    @Argument(help: "The wire bytes: text (C escapes \\r \\n \\t \\xNN allowed), hex with --hex, or - for stdin.")
    var input: String

    @Flag(help: "INPUT is hex digits (spaces, colons and 0x prefixes ignored).")
    var hex = false

    @OptionGroup var codecOptions: CodecOptionArguments

    func run() throws {
        let codec = try CodecRegistry.codec(argument: protocolName)
        let options = try codecOptions.parsed()
        let bytes = try readInput(input, hex: hex)
        var failed = false
        for result in codec.decode(bytes, options: options) {
            switch result {
            case .success(let json):
                printLine(json.jsonText)
            case .failure(let failure):
                failed = true
                printError("error: \(failure)")
            }
        }
        if failed { throw ExitCode(2) }
    }
}
