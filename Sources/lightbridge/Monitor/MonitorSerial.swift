import ArgumentParser
import BridgeCore
import BridgeIO
import LightProtocols

/// `lightbridge monitor serial PATH`: Smart Light frames from a PLC's RS232 line (PROTOCOLS.md
/// §1.2), read by the bridge's own ``SmartLightSerialSource``; each bad frame or stretch of
/// garbage is its warning line on stderr and reading goes on. Ends (status 1) when the device
/// goes away.
struct MonitorSerialCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serial", abstract: "Smart Light frames from a serial line (a PLC's RS232).")

    @Argument(help: "The serial device, e.g. /dev/ttyUSB0.")
    var path: String

    @Option(help: "Baud rate.")
    var baud = 9600

    @Option(help: "Frame delimiter character (default ~).")
    var delimiter: String?

    @OptionGroup var monitor: MonitorOptions

    func run() async throws {
        let delimiterBytes = try delimiter.map(unescape) ?? [SmartLightFrameFormat.defaultDelimiter]
        guard delimiterBytes.count == 1 else { throw ValidationError("--delimiter takes exactly one character") }
        let format: SmartLightFrameFormat
        do { format = try SmartLightFrameFormat(delimiter: delimiterBytes[0]) } catch {
            throw ValidationError("--delimiter: \(error)")
        }
        let output = monitor.output()
        let source = SmartLightSerialSource(
            id: SourceID("serial:\(path)"), path: path, settings: SerialSettings(baudRate: baud), format: format,
            logger: monitor.logger("lightbridge.monitor")
        ) { event in
            switch event {
            case .command(let command, let from):
                output.emit(source: from.description, protocol: "smartlight", message: jsonLine(command))
            case .sourceUp(let id):
                output.note("\(id) open")
            case .sourceGone(let id, let reason):
                output.note("\(id) gone: \(reason)")
                output.finish(1)
            case .actions:
                break
            }
        }
        let reader: SerialReader
        do {
            reader = try source.open()
        } catch {
            printError("error: cannot open \(path): \(error)")
            throw ExitCode(1)
        }
        let status = await monitor.wait(output)
        await reader.close()
        try exitWith(status)
    }
}
