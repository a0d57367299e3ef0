import LightProtocols

/// Why a simulated lamp dropped a master package (PROTOCOLS.md §5: counts, CRC, stale
/// timestamps), counted per reason for tests.
public enum HeliospectraRejection: String, Error, Sendable, Hashable, CaseIterable {
    /// The CRC-32 did not match.
    case crc
    /// The timestamp was older than the last accepted one from that master.
    case stale
    /// The timestamp equalled the last accepted one (a repeated datagram).
    case duplicate
    /// The counts, command or size were wrong, or a power above 1000.
    case malformed
    /// A valid package from a master this lamp does not follow.
    case otherMaster
}

/// What a simulated lamp has done with master packages.
public struct HeliospectraMasterCounters: Sendable, Hashable {
    /// Packages applied.
    public var applied = 0
    /// Packages dropped, per reason.
    public var rejected: [HeliospectraRejection: Int] = [:]

    /// Packages dropped for `reason`.
    public func rejected(_ reason: HeliospectraRejection) -> Int { rejected[reason] ?? 0 }
}

/// The pure state of a simulated lamp (PROTOCOLS.md §5): its channels and their relative
/// powers, the master filter and counters. The NIO side feeds it requests and packages.
struct HeliospectraLampState: Sendable {
    let settings: HeliospectraLampSimulatorSettings
    var powers: [UInt16]
    var filter: HeliospectraMasterFilter
    var counters = HeliospectraMasterCounters()
    var lastPackage: HeliospectraMasterPackage?
    var requests: [HeliospectraControlRequest] = []

    init(settings: HeliospectraLampSimulatorSettings) {
        self.settings = settings
        let count = settings.wavelengths.count
        if let initial = settings.initialPowers, initial.count == count {
            powers = initial.map { min($0, 1000) }
        } else {
            powers = Array(repeating: 0, count: count)
        }
        filter = HeliospectraMasterFilter(restartThreshold: settings.staleRestartThreshold)
    }

    /// The reply to a control-socket request.
    mutating func handle(_ request: HeliospectraControlRequest) -> HeliospectraControlReply {
        requests.append(request)
        let wavelengths = settings.wavelengths
        switch request {
        case .getWavelengths:
            return .wavelengths(wavelengths)
        case .setWavelengthsRelativePower(let values):
            guard values.count == wavelengths.count else {
                return .error("ERROR: setWlsRelPower takes \(wavelengths.count) values, got \(values.count)")
            }
            powers = values
            return .ok
        case .setWavelengthRelativePower(let nm, let value):
            guard let i = wavelengths.firstIndex(of: nm) else { return .error("ERROR: no channel at \(nm) nm") }
            powers[i] = value
            return .ok
        case .setAll(let value):
            powers = Array(repeating: value, count: wavelengths.count)
            return .ok
        case .getAllRelativePower:
            return .relativePowers(powers)
        case .getDeviceTemperature(let sensor):
            guard Int(sensor) < settings.temperatures.count else { return .error("ERROR: no temperature sensor \(sensor)") }
            return .temperature(celsius: settings.temperatures[Int(sensor)])
        case .getMAC:
            return .mac(settings.mac)
        case .bye:
            return .ok
        }
    }

    /// Applies a decoded master package if it comes from this lamp's master and is newer.
    mutating func apply(_ package: HeliospectraMasterPackage) -> Result<Void, HeliospectraRejection> {
        guard let group = settings.group, package.multicast == group else { return reject(.otherMaster) }
        switch filter.check(package) {
        case .first, .newer, .restarted: break
        case .duplicate: return reject(.duplicate)
        case .stale: return reject(.stale)
        }
        for channel in package.channels {
            if let i = settings.wavelengths.firstIndex(of: channel.wavelength) { powers[i] = channel.relativePower }
        }
        counters.applied += 1
        lastPackage = package
        return .success(())
    }

    /// Counts a package dropped for `reason`.
    mutating func reject(_ reason: HeliospectraRejection) -> Result<Void, HeliospectraRejection> {
        counters.rejected[reason, default: 0] += 1
        return .failure(reason)
    }

    /// The discovery info reply's elements.
    func info(controlPort: Int) -> HeliospectraDeviceInfo {
        HeliospectraDeviceInfo(elements: [
            HeliospectraXMLElement(tag: "MACAddress", value: settings.mac.description),
            HeliospectraXMLElement(tag: "IPAddress", value: settings.ipAddress ?? settings.host),
            HeliospectraXMLElement(tag: "FwVersion", value: settings.firmware),
            HeliospectraXMLElement(tag: "SerialNr", value: settings.serialNumber),
            HeliospectraXMLElement(tag: "ControlPort", value: String(controlPort)),
        ])
    }
}
