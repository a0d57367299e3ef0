import ArgumentParser
import LightDrivers
import LightProtocols

/// `lightbridge monitor helvar --host H`: what a HelvarNet router pushes (PROTOCOLS.md §2):
/// scene recalls (a wall panel, another controller) and other commands, and replies nobody
/// waited for, each as its `helvar` message; read through ``HelvarDriver`` (its connection,
/// reconnects and keep-alive query), health changes as notes on stderr.
struct MonitorHelvarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "helvar", abstract: "Messages a HelvarNet router pushes (scene recalls and others).")

    @Option(help: "The router's address.")
    var host: String

    @Option(help: "The router's TCP port.")
    var port = HelvarFormat.tcpPort

    @OptionGroup var monitor: MonitorOptions

    func run() async throws {
        let output = monitor.output()
        let driver = HelvarDriver(
            settings: HelvarDriverSettings(host: host, port: port), logger: monitor.logger("lightbridge.monitor"))
        let source = "helvar:\(host):\(port)"
        let reader = Task {
            for await event in driver.events {
                switch event {
                case .sceneRecalled(let group, let block, let scene, let fade):
                    let command = HelvarCommand(
                        .recallSceneGroup, version: 2, group: group, block: block, scene: scene, fade: fade)
                    output.emit(source: source, protocol: "helvar", message: jsonLine(HelvarMessage.command(command)))
                case .pushed(let command):
                    output.emit(source: source, protocol: "helvar", message: jsonLine(HelvarMessage.command(command)))
                case .unmatched(let message):
                    output.emit(source: source, protocol: "helvar", message: jsonLine(message))
                case .protocolError(let error):
                    output.error(CodecFailure(error), from: source)
                case .health(let health):
                    output.note("\(source) \(health)")
                }
            }
        }
        await driver.start()
        let status = await monitor.wait(output)
        await driver.stop()
        reader.cancel()
        try exitWith(status)
    }
}
