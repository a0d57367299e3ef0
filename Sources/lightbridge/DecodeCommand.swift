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

    @Option(
        help:
            "Smart Light RS232 delimiter character (default \(Character(Unicode.Scalar(SmartLightFrameFormat.defaultDelimiter))))."
    )
    var delimiter: String?

    @Option(help: "Smart Light binary mode-number byte order: msb (default) or lsb.")
    var modeByteOrder: String?

    func run() throws {
        guard let codec = CodecRegistry.codec(named: protocolName) else {
            throw ValidationError("unknown protocol '\(protocolName)'; one of: \(CodecRegistry.names)")
        }
        let options = try parseCodecOptions(delimiter: delimiter, modeByteOrder: modeByteOrder)
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
