import ArgumentParser
import BridgeIO

/// `lightbridge usb …`: USB devices through libusb (the Smart Light USB transport's view).
struct USBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usb",
        abstract: "Inspect USB devices through libusb.",
        subcommands: [USBListCommand.self, USBProbeCommand.self]
    )
}

/// `lightbridge usb list [--match SELECTOR]`: one line per device with VID:PID.
struct USBListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List USB devices with VID:PID, location and serial number.",
        discussion: """
            SELECTOR is VID:PID[,serial=S][,bus=N][,port=B-P.P…], e.g. 1a86:7523 or 1a86:7523,port=1-1.4.
            Without --match every device is listed and the status is 0 even when there is none.
            With --match the status is 1 when no device matches (and nothing is printed on stdout).
            """
    )

    @Option(help: "Only devices this selector matches.")
    var match: String?

    func run() throws {
        do throws(USBError) {
            let selector = try match.map { text throws(USBError) in try USBDeviceSelector(parsing: text) }
            let context = try USBContext()
            let lines = try USBDeviceListing.lines(context, matching: selector)
            if lines.isEmpty, let selector { throw USBError.noDevice(selector) }
            printLine(USBDeviceListing.summary)
            for line in lines { printLine(line) }
            if lines.isEmpty { printLine("no USB devices found") }
        } catch {
            printError("error: \(error)")
            throw ExitCode(error.isSelectorError ? 64 : 1)
        }
    }
}

extension USBError {
    fileprivate var isSelectorError: Bool {
        if case .invalidSelector = self { return true }
        return false
    }
}
