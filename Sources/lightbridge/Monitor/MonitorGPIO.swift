import ArgumentParser
import BridgeCore
import BridgeIO

/// `lightbridge monitor gpio --board NAME`: the mode numbers the PLC's eight 24 V outputs show
/// on a board's GPIO lines (PROTOCOLS.md §1.5), through the bridge's ``GPIOModeSource`` (20 ms
/// settle window, or the strobe with `--strobe`), each as a Smart Light `modeSet`. A chip or
/// line that cannot be requested is a typed error and exit status 1.
struct MonitorGPIOCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gpio", abstract: "Mode numbers on a board's GPIO mode lines.")

    @Option(help: "A profile name from the boards directory, e.g. raspberry-pi-4.")
    var board: String?

    @Option(help: "A profile file.")
    var file: String?

    @Option(help: "Where --board looks.")
    var boardsDirectory = BoardProfile.defaultDirectory

    @Flag(help: "Latch the mode on the profile's strobe line instead of the settle window.")
    var strobe = false

    @OptionGroup var monitor: MonitorOptions

    func validate() throws {
        if (board == nil) == (file == nil) { throw ValidationError("give one of --board NAME or --file PATH") }
    }

    func run() async throws {
        let profile: BoardProfile
        do {
            if let file {
                profile = try BoardProfile.load(path: file)
            } else {
                profile = try BoardProfile.load(named: board ?? "", in: boardsDirectory)
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        if strobe && profile.gpio.strobe == nil { throw ValidationError("the profile has no strobe line") }
        let output = monitor.output()
        let source = GPIOModeSource(
            id: SourceID("gpio:\(profile.name)"), configuration: ModeLinesConfiguration(board: profile, useStrobe: strobe),
            logger: monitor.logger("lightbridge.monitor")
        ) { event in
            switch event {
            case .command(let command, let from):
                output.emit(source: from.description, protocol: "smartlight", message: jsonLine(command))
            case .sourceUp(let id):
                output.note("\(id) reading")
            case .sourceGone(let id, let reason):
                output.note("\(id) gone: \(reason)")
                output.finish(1)
            case .actions:
                break
            }
        }
        do {
            try source.start()
        } catch {
            printError("error: \(CodecFailure(error))")
            throw ExitCode(1)
        }
        let status = await monitor.wait(output)
        source.stop()
        try exitWith(status)
    }
}
