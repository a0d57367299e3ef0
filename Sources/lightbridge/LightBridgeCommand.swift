import ArgumentParser

/// `lightbridge`: the daemon and its tools. Each subcommand lives in its own file.
@main
struct LightBridgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lightbridge",
        abstract: "Bridges a PLC speaking the Caron Smart Light command language to networked lighting.",
        subcommands: [
            RunCommand.self, DemoCommand.self, CheckConfigCommand.self, DecodeCommand.self, EncodeCommand.self,
            SimulateCommand.self, SendCommand.self, MonitorCommand.self,
            USBCommand.self, LightwaveToolCommand.self, PortsCommand.self, GPIOCommand.self,
        ]
    )
}
