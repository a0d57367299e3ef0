import ArgumentParser

/// `lightbridge`: the daemon and its tools. Each subcommand lives in its own file.
@main
struct LightBridgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lightbridge",
        abstract: "Bridges a PLC speaking the Caron Smart Light command language to networked lighting.",
        subcommands: [DecodeCommand.self, EncodeCommand.self, USBCommand.self]
    )
}
