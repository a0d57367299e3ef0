import ArgumentParser
import BridgeCore
import BridgeIO

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// `lightbridge gpio` (issue 5, item 4): a board profile's mode lines — chip, the eight inputs
/// (bit, line offset, header pin), strobe, polarity, bias — and, with `--read`, their levels
/// now through libgpiod. Exit 2 for a profile that cannot be loaded, 1 for a GPIO failure.
struct GPIOCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gpio",
        abstract: "Show a board profile's GPIO mode lines, or read them.",
        discussion: """
            --board NAME loads NAME.toml from the boards directory; --file PATH loads any profile.
            --read requests the lines as inputs once (consumer "lightbridge") and prints their
            levels and the mode number they show; stop the daemon first, it holds the lines.
            Exit status: 2 if the profile cannot be loaded, 1 if the lines cannot be read.
            """
    )

    @Option(help: "A profile name from the boards directory, e.g. raspberry-pi-4.")
    var board: String?

    @Option(help: "A profile file.")
    var file: String?

    @Option(help: "Where --board and --list look.")
    var boardsDirectory = BoardProfile.defaultDirectory

    @Flag(help: "List the profiles in the boards directory.")
    var list = false

    @Flag(help: "Read the lines' levels now (libgpiod).")
    var read = false

    func validate() throws {
        if list {
            guard board == nil, file == nil, !read else { throw ValidationError("--list takes no --board, --file or --read") }
        } else if (board == nil) == (file == nil) {
            throw ValidationError("give one of --board NAME, --file PATH or --list")
        }
    }

    func run() throws {
        if list { return try listProfiles() }
        let profile = try loadProfile()
        var lines = profile.gpioLines
        if read {
            let configuration = ModeLinesConfiguration(board: profile, useStrobe: profile.gpio.strobe != nil)
            do {
                lines += Self.readingLines(try GPIOModeReader.read(configuration))
            } catch {
                printError("error: \(error)")
                throw ExitCode(1)
            }
        }
        for line in lines { printLine(line) }
    }

    private func loadProfile() throws -> BoardProfile {
        do {
            if let file { return try BoardProfile.load(path: file) }
            return try BoardProfile.load(named: board ?? "", in: boardsDirectory)
        } catch {
            if case .unreadable(_, ENOENT) = error, let board {
                let known: String
                do {
                    let names = try BoardProfile.names(in: boardsDirectory)
                    known = names.isEmpty ? "it holds no profiles" : "boards: " + names.joined(separator: ", ")
                } catch {
                    known = unreadableDirectory(error)
                }
                printError("error: unknown board \"\(board)\" in \(boardsDirectory); \(known)")
            } else {
                printError("error: \(error)")
            }
            throw ExitCode(2)
        }
    }

    private func listProfiles() throws {
        var failed = false
        var rows: [(String, String)] = []
        do {
            for name in try BoardProfile.names(in: boardsDirectory) {
                do {
                    let profile = try BoardProfile.load(named: name, in: boardsDirectory)
                    rows.append((profile.name, profile.description))
                } catch {
                    printError("error: \(error)")
                    failed = true
                }
            }
        } catch {
            printError("error: \(unreadableDirectory(error))")
            throw ExitCode(2)
        }
        let width = rows.map(\.0.count).max() ?? 0
        for (name, description) in rows {
            printLine(name + String(repeating: " ", count: width - name.count + 2) + description)
        }
        if rows.isEmpty && !failed { printLine("no board profiles in \(boardsDirectory)") }
        if failed { throw ExitCode(2) }
    }

    /// Why the boards directory could not be listed, with a hint.
    private func unreadableDirectory(_ error: BoardProfileError) -> String {
        guard case .unreadable(_, let code) = error else { return error.description }
        return "cannot list \(boardsDirectory): \(String(cString: strerror(code))) "
            + "(install boards/*.toml there, see systemd/README.md, or give --boards-directory)"
    }

    private static func readingLines(_ reading: GPIOModeReading) -> [String] {
        var lines = [
            "read        \(reading.chip), offsets \(reading.offsets.map(String.init).joined(separator: " "))",
            "levels      " + reading.inputLevels.map { $0 ? "1" : "0" }.joined(separator: " ")
                + "  (bit 0 first, 1 = high)",
        ]
        if let level = reading.strobeLevel, let active = reading.strobeActive {
            lines.append("strobe now  \(level ? "high" : "low") (\(active ? "active" : "inactive"))")
        }
        lines.append("mode        \(reading.mode)" + (reading.mode == 0 ? " (clear)" : ""))
        if reading.biasDropped { lines.append("note        the kernel rejected the bias; read without it") }
        return lines
    }
}
