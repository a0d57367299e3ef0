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

    @Option(help: "Where board profiles are looked up (default: the file's bridge.boards_directory).")
    var boardsDirectory: String?

    func run() throws {
        do throws(ConfigurationError) {
            let configuration = try BridgeConfiguration.load(path: file)
            let boardProblems = boardProblems(configuration)
            if !boardProblems.isEmpty {
                throw ConfigurationError.invalid(source: file, problems: boardProblems)
            }
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

    /// GPIO inputs that name a board profile the boards directory does not have (or that does
    /// not parse): a problem at the input's line.
    func boardProblems(_ configuration: BridgeConfiguration) -> [ConfigurationProblem] {
        let directory = boardsDirectory ?? configuration.bridge.boardsDirectory
        return configuration.inputs.compactMap { input in
            guard input.kind == .gpio, let board = input.options.text("board") else { return nil }
            do {
                _ = try BoardProfile.load(named: board, in: directory)
                return nil
            } catch {
                return ConfigurationProblem(at: input.position, key: "inputs.\(input.name).board", "\(error)")
            }
        }
    }
}
