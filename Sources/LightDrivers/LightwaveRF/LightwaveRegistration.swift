import Logging
import NIOCore
import NIOPosix

/// `lightbridge lightwave register` (issue 4, item 2; PROTOCOLS.md §3 "Registration"): opens a
/// driver, sends `!F*p`, waits for the button, closes, and answers one line for the user.
public enum LightwaveRegistration {
    /// Registers with the Link in `settings`; throws ``LightwaveDriverError`` with its text.
    public static func run(
        _ settings: LightwaveDriverSettings, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "lightbridge.lightwave")
    ) async throws(LightwaveDriverError) -> String {
        let driver = LightwaveDriver(settings: settings, group: group, logger: logger)
        try await driver.start()
        let outcome: LightwaveRegistrationOutcome
        do {
            outcome = try await driver.register()
        } catch {
            await driver.stop()
            throw error
        }
        await driver.stop()
        switch outcome {
        case .registered(let event):
            return "Registered with the LightwaveRF Link\(event.mac.map { " \($0)" } ?? "")."
        case .alreadyRegistered(let firmware):
            return "Already registered with the LightwaveRF Link (firmware \(firmware))."
        }
    }
}
