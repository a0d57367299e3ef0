import ArgumentParser
import BridgeIO
import LightProtocols

/// `lightbridge usb probe SELECTOR`: a diagnostic that opens one USB device through the Smart
/// Light USB transport (libusb; the kernel driver is detached and re-attached), optionally writes
/// bytes to its bulk OUT endpoint, prints every bulk IN read as hex, and ends when the device goes
/// away or the time is up. The hardware-in-the-loop tests (issue 6, Tests/hil/) use it on QEMU's
/// emulated FTDI adapter; it is also a field check of a Smart Light USB device's endpoints.
struct USBProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Open a USB device through libusb, write and read its bulk endpoints, report its removal.",
        discussion: """
            SELECTOR is VID:PID[,serial=S][,bus=N][,port=B-P.P…] as for `usb list`. Prints one line per event:
              opened DEVICE (interface I, OUT 0xNN, IN 0xNN)
              wrote N bytes | write failed: ERROR
              read N bytes: HEX          (raw IN data; an FTDI adapter starts each 64-byte packet with 2 status bytes)
              closed: REASON             (device gone, or "time is up")
            Status 0 once the device was opened and closed again, 1 when it cannot be found or opened, 64 for bad options.
            """
    )

    @Argument(help: "The device, e.g. 0403:6001.")
    var selector: String

    @Option(help: "Interface number to claim.")
    var interface = 0

    @Option(help: "Bulk OUT endpoint (e.g. 0x02 or 2).")
    var outEndpoint = "0x01"

    @Option(help: "Bulk IN endpoint (e.g. 0x81 or 129).")
    var inEndpoint = "0x81"

    @Option(help: "Text to write to the OUT endpoint once the device is open.")
    var write: String?

    @Option(help: "Give up (close the device) after this many seconds.")
    var seconds = 30

    func run() async throws {
        let settings: SmartLightUSBSettings
        do throws(USBError) {
            guard let out = Self.byte(outEndpoint), let input = Self.byte(inEndpoint) else {
                throw USBError.invalidSetting("endpoints are numbers such as 0x02 or 129")
            }
            guard seconds > 0 else { throw USBError.invalidSetting("--seconds must be positive") }
            settings = SmartLightUSBSettings(
                device: try USBDeviceSelector(parsing: selector), interface: interface, outEndpoint: out,
                inEndpoint: input)
            try settings.validate()
        } catch {
            printError("error: \(error)")
            throw ExitCode(64)
        }
        let (closed, closedContinuation) = AsyncStream<String>.makeStream()
        let transport: SmartLightUSBTransport
        let context: USBContext
        do throws(USBError) {
            context = try USBContext()
            try context.start()
            let device = try context.findDevice(settings.device)
            transport = try SmartLightUSBTransport.open(
                device, settings: settings,
                onData: { bytes in printLine("read \(bytes.count) bytes: \(Hex.encode(bytes))") },
                onClose: { reason in closedContinuation.yield(reason) })
            printLine(
                "opened \(device.info) (interface \(interface), OUT \(Self.hex(settings.outEndpoint)), IN \(Self.hex(settings.inEndpoint)))"
            )
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        if let write {
            do throws(USBError) {
                try await transport.write(Array(write.utf8))
                printLine("wrote \(write.utf8.count) bytes")
            } catch {
                printLine("write failed: \(error)")
            }
        }
        let timer = Task {
            try await Task.sleep(for: .seconds(seconds))
            transport.close(reason: "time is up")
        }
        var reason = "closed"
        for await r in closed {
            reason = r
            break
        }
        timer.cancel()
        printLine("closed: \(reason)")
        context.shutdown()
    }

    /// `0x02`, `2` or `129` as a byte.
    static func byte(_ text: String) -> UInt8? {
        text.hasPrefix("0x") ? UInt8(text.dropFirst(2), radix: 16) : UInt8(text)
    }

    static func hex(_ byte: UInt8) -> String { "0x" + Hex.encode([byte]).lowercased() }
}
