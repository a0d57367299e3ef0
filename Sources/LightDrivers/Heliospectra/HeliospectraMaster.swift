import LightProtocols
import Logging
import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// What a ``HeliospectraMaster`` reports.
public enum HeliospectraMasterEvent: Sendable, Hashable {
    /// A package went out (a change, or the periodic resend).
    case sent(HeliospectraMasterPackage)
    /// A package could not be sent (the socket error).
    case sendFailed(String)
    /// The health changed.
    case health(LightHealth)
}

/// The Heliospectra master role (issue 4 item 4; PROTOCOLS.md §5; seed
/// `000_f8b5ddd0b5e923dc.txt`): multicasts the light-setting package to the master's group on
/// UDP 50632 whenever the setting is set, and re-sends the latest one every
/// ``HeliospectraMasterSettings/resendInterval`` (counted from the last send). Each package
/// carries the next value of a rolling 64-bit timestamp (wrapping from `UInt64.max` to 0,
/// which slaves read as newer), the CRC-32 and the group's own address, so lamps that follow
/// this master apply it. One master drives every lamp of its group; per-lamp control is
/// ``HeliospectraControlClient``.
///
/// Call ``start()`` once, then ``set(powers:)`` or ``set(channels:)``; ``stop()`` closes the
/// socket. Health: healthy after a send, down when sending fails.
public actor HeliospectraMaster {
    /// The settings.
    public nonisolated let settings: HeliospectraMasterSettings
    /// Sent packages, send failures and health changes (newest 64 kept if unread).
    public nonisolated let events: AsyncStream<HeliospectraMasterEvent>
    private let eventSink: AsyncStream<HeliospectraMasterEvent>.Continuation
    private let group: any EventLoopGroup
    private let logger: Logger
    private let encoder: HeliospectraMasterEncoder
    private var channel: (any Channel)?
    private var destination: SocketAddress?
    private var resendTask: Task<Void, Never>?
    private var nextTimestamp: UInt64
    private var lastSent: ContinuousClock.Instant?

    /// The link's health as last seen.
    public private(set) var health: LightHealth = .connecting
    /// The latest setting, in wire order (empty until the first ``set(channels:)``).
    public private(set) var channels: [HeliospectraChannel] = []
    /// The last package sent.
    public private(set) var lastPackage: HeliospectraMasterPackage?
    /// Packages sent so far.
    public private(set) var sentCount = 0

    /// Creates a master; nothing is opened until ``start()``.
    public init(
        settings: HeliospectraMasterSettings, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "lightbridge.heliospectra.master")
    ) {
        self.settings = settings
        self.group = group
        self.logger = logger
        encoder = HeliospectraMasterEncoder(format: settings.format)
        nextTimestamp = settings.initialTimestamp ?? Self.unixMilliseconds()
        (events, eventSink) = AsyncStream.makeStream(of: HeliospectraMasterEvent.self, bufferingPolicy: .bufferingNewest(64))
    }

    /// Opens the sending socket (multicast interface, TTL and loop set) and starts the
    /// periodic resend.
    public func start() async throws(HeliospectraDriverError) {
        guard channel == nil else { return }
        do {
            destination = try SocketAddress(ipAddress: settings.group.description, port: settings.port)
            let channel = try await DatagramBootstrap(group: group)
                .channelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: settings.localHost, port: 0).get()
            if let provider = channel as? any SocketOptionProvider {
                if let interface = settings.interface {
                    try await provider.setIPMulticastIF(in_addr(s_addr: interface.value.bigEndian)).get()
                }
                try await provider.setIPMulticastTTL(settings.ttl).get()
                try await provider.setIPMulticastLoop(settings.loop ? 1 : 0).get()
            }
            self.channel = channel
        } catch {
            throw .socket("\(error)")
        }
        logger.info(
            "heliospectra master: group \(settings.group):\(settings.port) via \(settings.interface?.description ?? "default interface")"
        )
        resendTask = Task { await self.resendLoop() }
    }

    /// Stops the resend and closes the socket; ``events`` ends.
    public func stop() async {
        resendTask?.cancel()
        resendTask = nil
        let channel = self.channel
        self.channel = nil
        try? await channel?.close()
        eventSink.finish()
    }

    /// Sets each wavelength (nm) to a relative power 0–1000 and sends the package now; the
    /// channels go out in ascending wavelength order.
    public func set(powers: [UInt16: UInt16]) async throws(HeliospectraDriverError) {
        try await set(
            channels: powers.sorted { $0.key < $1.key }.map { HeliospectraChannel(wavelength: $0.key, relativePower: $0.value) })
    }

    /// Sets the full channel list (wire order kept) and sends the package now.
    public func set(channels: [HeliospectraChannel]) async throws(HeliospectraDriverError) {
        guard channel != nil else { throw .notStarted }
        let probe = HeliospectraMasterPackage(timestamp: 0, multicast: settings.group, channels: channels)
        do { _ = try encoder.encode(probe) } catch { throw .encoding(error) }
        self.channels = channels
        try await send()
    }

    /// Sends the latest setting again now (nothing when none was set).
    public func resend() async throws(HeliospectraDriverError) {
        guard !channels.isEmpty else { return }
        try await send()
    }

    // MARK: Sending

    private func send() async throws(HeliospectraDriverError) {
        guard let channel, let destination else { throw .notStarted }
        let package = HeliospectraMasterPackage(timestamp: nextTimestamp, multicast: settings.group, channels: channels)
        let bytes: [UInt8]
        do { bytes = try encoder.encode(package) } catch { throw .encoding(error) }
        nextTimestamp &+= 1
        lastSent = .now
        do {
            try await channel.writeAndFlush(
                AddressedEnvelope(remoteAddress: destination, data: channel.allocator.buffer(bytes: bytes)))
        } catch {
            logger.warning("heliospectra master: sending to \(settings.group):\(settings.port) failed: \(error)")
            eventSink.yield(.sendFailed("\(error)"))
            setHealth(.down("send failed: \(error)"))
            throw .socket("\(error)")
        }
        sentCount += 1
        lastPackage = package
        logger.debug("heliospectra master: sent #\(package.timestamp) with \(channels.count) channel(s)")
        eventSink.yield(.sent(package))
        setHealth(.healthy)
    }

    private func resendLoop() async {
        let interval = max(settings.resendInterval, .milliseconds(10))
        while !Task.isCancelled {
            let due = (lastSent ?? .now) + interval
            do { try await Task.sleep(until: due, clock: .continuous) } catch { return }
            guard let last = lastSent, ContinuousClock.now >= last + interval else { continue }
            do { try await resend() } catch { logger.info("heliospectra master: periodic resend: \(error)") }
        }
    }

    private func setHealth(_ new: LightHealth) {
        guard new != health else { return }
        health = new
        eventSink.yield(.health(new))
    }

    /// Milliseconds since 1970 (the default first timestamp).
    static func unixMilliseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return UInt64(max(ts.tv_sec, 0)) * 1000 + UInt64(max(ts.tv_nsec, 0) / 1_000_000)
    }
}
