import LightProtocols
import Logging
import NIOCore
import NIOPosix

/// What a ``HeliospectraControlClient`` reports besides replies.
public enum HeliospectraControlEvent: Sendable, Hashable {
    /// A greeting line the lamp sent on connect.
    case greeting(String)
    /// A reply nobody waited for (late after a timeout, or unsolicited).
    case unsolicited(HeliospectraControlReply)
    /// Bad bytes from the lamp (logged; reading goes on).
    case protocolError(HeliospectraError)
    /// The health changed.
    case health(LightHealth)
}

/// A client of one lamp's TCP control socket, port 50630 (issue 4 item 4; PROTOCOLS.md §5):
/// connects, reads the greeting up to the first `>` prompt, then sends one command at a time
/// and waits for its reply and the prompt after it. `OK` replies are typed by the codec;
/// anything else after the prompt is ``HeliospectraDriverError/lampError(command:text:)``.
///
/// The lamp serves one client at a time and closes a client idle for 30 s. The client
/// therefore connects on demand: ``start()`` connects (retrying with back-off until the lamp
/// answers), a connection the lamp closes while idle is simply dropped, and the next command
/// connects again; a command whose connection closed before its reply is sent again on a new
/// connection (``HeliospectraControlSettings/retriesAfterClose``). With
/// ``HeliospectraControlSettings/idleDisconnect`` the client says `bye` and frees the lamp
/// first. ``stop()`` sends `bye` and closes.
///
/// Health: healthy after a connect or a reply, degraded after a timeout or an error reply,
/// down while connecting fails.
public actor HeliospectraControlClient {
    /// The settings.
    public nonisolated let settings: HeliospectraControlSettings
    /// Greetings, unsolicited replies, protocol errors and health changes (newest 256 kept).
    public nonisolated let events: AsyncStream<HeliospectraControlEvent>
    /// The link's health.
    public internal(set) var health: LightHealth = .connecting
    /// The greeting lines of the current (or last) connection.
    public internal(set) var greeting: [String] = []

    let eventSink: AsyncStream<HeliospectraControlEvent>.Continuation
    let group: any EventLoopGroup
    let logger: Logger
    let encoder: HeliospectraControlEncoder
    var link: HeliospectraControlLink?
    var generation: UInt64 = 0
    var connectTask: Task<Void, Never>?
    var linkWaiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    var lastConnectError = "not connected yet"
    var timerGeneration = 0
    var idleTask: Task<Void, Never>?
    var stopped = false
    private var nextID: UInt64 = 0
    private var busy = false
    private var queue: [CheckedContinuation<Void, Never>] = []

    /// Creates a client; nothing happens until ``start()`` or the first command.
    public init(
        settings: HeliospectraControlSettings, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "lightbridge.heliospectra.control")
    ) {
        self.settings = settings
        self.group = group
        self.logger = logger
        encoder = HeliospectraControlEncoder(format: settings.format)
        (events, eventSink) = AsyncStream.makeStream(of: HeliospectraControlEvent.self, bufferingPolicy: .bufferingNewest(256))
    }

    /// Starts connecting (retrying with back-off until the lamp answers).
    public func start() {
        guard !stopped else { return }
        startConnecting()
    }

    /// Sends `bye`, closes the connection, fails waiting commands with
    /// ``HeliospectraDriverError/stopped`` and ends ``events``.
    public func stop() async {
        guard !stopped else { return }
        stopped = true
        connectTask?.cancel()
        idleTask?.cancel()
        await sayByeAndClose()
        wakeLinkWaiters()
        for waiter in queue { waiter.resume() }
        queue = []
        eventSink.finish()
    }

    /// Whether a connection is up (past the greeting).
    public var isConnected: Bool { link != nil }

    // MARK: Commands

    /// `getWl`: the lamp's wavelengths in nm, in the order ``setRelativePowers(_:)`` uses.
    public func wavelengths() async throws(HeliospectraDriverError) -> [UInt16] {
        let reply = try await send(.getWavelengths)
        guard case .wavelengths(let values) = reply else { throw .unexpectedReply(command: "getWl", reply: "\(reply)") }
        return values
    }

    /// `setWlsRelPower a b c …`: one relative power 0–1000 per wavelength, in `getWl` order.
    public func setRelativePowers(_ values: [UInt16]) async throws(HeliospectraDriverError) {
        try await expectOK(.setWavelengthsRelativePower(values))
    }

    /// `setWlRelPower <nm> <v>`: one wavelength's relative power 0–1000.
    public func setRelativePower(wavelength: UInt16, value: UInt16) async throws(HeliospectraDriverError) {
        try await expectOK(.setWavelengthRelativePower(wavelength: wavelength, value: value))
    }

    /// `setAll <v>`: every wavelength to relative power 0–1000.
    public func setAll(_ value: UInt16) async throws(HeliospectraDriverError) {
        try await expectOK(.setAll(value))
    }

    /// `getAllRelPower`: every wavelength's relative power, in `getWl` order.
    public func relativePowers() async throws(HeliospectraDriverError) -> [UInt16] {
        let reply = try await send(.getAllRelativePower)
        guard case .relativePowers(let values) = reply else {
            throw .unexpectedReply(command: "getAllRelPower", reply: "\(reply)")
        }
        return values
    }

    /// `getDeviceTemperature n`: sensor `n`'s temperature in °C.
    public func temperature(sensor: UInt8 = 0) async throws(HeliospectraDriverError) -> Double {
        let reply = try await send(.getDeviceTemperature(sensor: sensor))
        guard case .temperature(let celsius) = reply else {
            throw .unexpectedReply(command: "getDeviceTemperature", reply: "\(reply)")
        }
        return celsius
    }

    /// `getmac`: the lamp's MAC address.
    public func mac() async throws(HeliospectraDriverError) -> HeliospectraMAC {
        let reply = try await send(.getMAC)
        guard case .mac(let mac) = reply else { throw .unexpectedReply(command: "getmac", reply: "\(reply)") }
        return mac
    }

    /// Sends one request and returns the lamp's reply (connecting first if needed). An error
    /// line throws ``HeliospectraDriverError/lampError(command:text:)``. `bye` is ``stop()``'s.
    @discardableResult
    public func send(_ request: HeliospectraControlRequest) async throws(HeliospectraDriverError) -> HeliospectraControlReply {
        guard request != .bye else { throw .invalidSettings("send bye with stop()") }
        let line: [UInt8]
        do { line = try encoder.encode(request) } catch { throw .encoding(error) }
        await acquire()
        defer { release() }
        idleTask?.cancel()
        defer { armIdleDisconnect() }
        var closes = 0
        while true {
            if stopped { throw .stopped }
            try await ensureLink()
            do throws(HeliospectraDriverError) {
                let reply = try await exchange(request, line)
                if case .error(let text) = reply {
                    setHealth(.degraded("\(request.commandName): \(text)"))
                    throw HeliospectraDriverError.lampError(command: request.commandName, text: text)
                }
                setHealth(.healthy)
                return reply
            } catch {
                if stopped { throw .stopped }
                switch error {
                case .connectionClosed where closes < settings.retriesAfterClose:
                    closes += 1
                    logger.info("heliospectra: connection closed before the reply to \(request.commandName); sending it again")
                case .timeout:
                    setHealth(.degraded(error.description))
                    logger.warning("heliospectra: \(error)")
                    throw error
                default:
                    logger.warning("heliospectra: \(request.commandName) failed: \(error)")
                    throw error
                }
            }
        }
    }

    private func expectOK(_ request: HeliospectraControlRequest) async throws(HeliospectraDriverError) {
        let reply = try await send(request)
        switch reply {
        case .ok, .okText: return
        default: throw .unexpectedReply(command: request.commandName, reply: "\(reply)")
        }
    }

    // MARK: Helpers

    func setHealth(_ new: LightHealth) {
        guard new != health else { return }
        health = new
        eventSink.yield(.health(new))
    }

    func takeID() -> UInt64 {
        nextID += 1
        return nextID
    }

    /// One command at a time (actor methods interleave at every `await`).
    private func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { queue.append($0) }
    }

    private func release() {
        if queue.isEmpty {
            busy = false
        } else {
            queue.removeFirst().resume()
        }
    }

    /// Whether a command runs or waits.
    var isBusy: Bool { busy }
}
