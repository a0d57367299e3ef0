import ArgumentParser
import BridgeCore

/// `lightbridge check-config [FILE]`: reads a configuration and lists every problem with its
/// line (issue 5 item 1). Exit 0 when it is valid, 2 when it is not.
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Check a configuration file and list every problem with its line.",
        discussion: "Problems go to stderr as FILE: LINE:COLUMN: KEY: MESSAGE; the exit status is then 2."
    )

    @Argument(help: "The configuration file.")
    var file = BridgeConfiguration.defaultPath

    func run() throws {
        do {
            let configuration = try BridgeConfiguration.load(path: file)
            let modes = configuration.modes.keys.sorted().map(String.init).joined(separator: ", ")
            printLine(
                "\(file): ok: \(configuration.lights.count) lights, \(configuration.inputs.count) inputs, "
                    + "\(configuration.modes.count) modes\(modes.isEmpty ? "" : " (\(modes))")")
        } catch {
            for problem in error.problems {
                let key = problem.key.isEmpty ? "" : "\(problem.key): "
                let place = problem.position.line == 0 ? "" : "\(problem.position.line):\(problem.position.column): "
                printError("\(file): \(place)\(key)\(problem.message)")
            }
            throw ExitCode(2)
        }
    }
}
