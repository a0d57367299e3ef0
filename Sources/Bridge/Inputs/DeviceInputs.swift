import BridgeCore
import BridgeIO
import Logging

/// The GPIO mode lines (PROTOCOLS.md §1.5) through libgpiod (issue 3's ``GPIOModeSource``).
final class GPIOInput: BridgeInput {
    let name: String
    private let source: GPIOModeSource
    private let logger: Logger

    init(name: String, configuration: ModeLinesConfiguration, logger: Logger, sink: @escaping BridgeEventSink) {
        self.name = name
        self.logger = logger
        source = GPIOModeSource(id: SourceID(name), configuration: configuration, logger: logger, sink: sink)
    }

    func start() async {
        do {
            try source.start()
        } catch {
            logger.error("input \(name): \(error)")
        }
    }

    func stop() async { source.stop() }
}

/// The Smart Light USB device (PROTOCOLS.md §1.4) through libusb (issue 3's
/// ``SmartLightUSBSource``; it waits for the device by hotplug or scanning).
final class USBInput: BridgeInput {
    let name: String
    private let source: SmartLightUSBSource
    private let logger: Logger

    init(name: String, settings: SmartLightUSBSettings, context: USBContext, logger: Logger, sink: @escaping BridgeEventSink) {
        self.name = name
        self.logger = logger
        source = SmartLightUSBSource(id: SourceID(name), settings: settings, context: context, logger: logger, sink: sink)
    }

    func start() async {
        do {
            try source.start()
        } catch {
            logger.error("input \(name): \(error)")
        }
    }

    func stop() async { source.stop() }
}
