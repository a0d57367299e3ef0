/// The typed form of a reply's answer text, for the queries whose format is clear
/// (PROTOCOLS.md §2; the vendor's "Query Replies Table"; aiohelvar 0.9.8's parsing). Any other
/// answer stays text in ``HelvarReply/answer``.
///
/// JSON: a flat object with a `type` discriminator, e.g. `{"type":"numbers","values":[1,2,253]}`,
/// `{"type":"softwareVersion","packed":67240448,"version":"4.2.2"}`.
public enum HelvarAnswer: Sendable, Hashable {
    /// A comma-separated list of numbers: clusters (101), routers (102), groups (165).
    case numbers([Int64])
    /// One number: last scene (103, 109), device type (104), device state bitmask (110),
    /// measurement (150), inputs bitmask (151), emergency times/states (170–176), time in
    /// seconds since 1970 (185), time zone (188), DST (189), HelvarNet version (191), 70–75.
    case integer(Int64)
    /// `1`/`0`: disabled, lamp failure, missing, faulty, battery failure (111–114, 129).
    case flag(Bool)
    /// A load level (152).
    case level(HelvarLevel)
    /// Free text: group/device description (105/106), workgroup name (107).
    case text(String)
    /// The packed software version (190).
    case softwareVersion(HelvarSoftwareVersion)
    /// Device addresses `@c.r.s.d,…` (164).
    case addresses([HelvarAddress])
    /// `type@device,…` on the queried subnet (100).
    case deviceTypes([HelvarDeviceTypeEntry])

    /// How a command's answer is typed, or `nil` when it stays text only.
    public enum Kind: String, Sendable, Hashable {
        case numbers, integer, flag, level, text, softwareVersion, addresses, deviceTypes
    }

    /// The answer kind of a command.
    public static func kind(for command: HelvarCommandNumber) -> Kind? {
        switch command {
        case .queryClusters, .queryRouters, .queryGroups: return .numbers
        case .queryLampRunningHours, .queryBallastRunningHours, .queryMaximumVoltage, .queryMinimumVoltage,
            .queryMaximumTemperature, .queryMinimumTemperature, .queryLastSceneInBlock, .queryDeviceType,
            .queryLastSceneInGroup, .queryDeviceState, .queryMeasurement, .queryInputs, .queryEmergencyFunctionTestTime,
            .queryEmergencyFunctionTestState, .queryEmergencyDurationTestTime, .queryEmergencyDurationTestState,
            .queryEmergencyBatteryCharge, .queryEmergencyBatteryTime, .queryEmergencyTotalLampTime, .queryTime,
            .queryTimeZone, .queryDaylightSavingTime, .queryHelvarNetVersion:
            return .integer
        case .queryDeviceIsDisabled, .queryLampFailure, .queryDeviceIsMissing, .queryDeviceIsFaulty,
            .queryEmergencyBatteryFailure:
            return .flag
        case .queryLoadLevel: return .level
        case .queryGroupDescription, .queryDeviceDescription, .queryWorkgroupName: return .text
        case .querySoftwareVersion: return .softwareVersion
        case .queryGroup: return .addresses
        case .queryDeviceTypesAndAddresses: return .deviceTypes
        default: return nil
        }
    }

    /// Parses `text` as `command`'s answer; `nil` when the command has no typed form or the
    /// text does not fit it.
    public static func parse(_ text: String, for command: HelvarCommandNumber) -> HelvarAnswer? {
        guard let kind = kind(for: command) else { return nil }
        switch kind {
        case .text: return .text(text)
        case .integer: return parseInteger(Substring(text)).map { .integer($0) }
        case .flag:
            switch text {
            case "0": return .flag(false)
            case "1": return .flag(true)
            default: return nil
            }
        case .level:
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { b in try? parseLevel(b, 0, b.count, "answer") }.map { .level($0) }
        case .softwareVersion:
            guard let packed = parseInteger(Substring(text)), let v = UInt32(exactly: packed) else { return nil }
            return .softwareVersion(HelvarSoftwareVersion(packed: v))
        case .numbers:
            if text.isEmpty { return .numbers([]) }
            var values: [Int64] = []
            for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                guard let v = parseInteger(part) else { return nil }
                values.append(v)
            }
            return .numbers(values)
        case .addresses:
            if text.isEmpty { return .addresses([]) }
            var values: [HelvarAddress] = []
            for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                guard part.first == "@", let a = try? HelvarAddress(parsing: String(part)) else { return nil }
                values.append(a)
            }
            return .addresses(values)
        case .deviceTypes:
            if text.isEmpty { return .deviceTypes([]) }
            var values: [HelvarDeviceTypeEntry] = []
            for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                let pieces = part.split(separator: "@", omittingEmptySubsequences: false)
                guard pieces.count == 2, let type = parseInteger(pieces[0]), let deviceType = UInt32(exactly: type),
                    let device = parseInteger(pieces[1]), HelvarAddress.deviceRange.contains(device)
                else { return nil }
                values.append(HelvarDeviceTypeEntry(deviceType: deviceType, device: UInt8(device)))
            }
            return .deviceTypes(values)
        }
    }

    /// The answer text this value is sent as.
    public var text: String {
        switch self {
        case .numbers(let values): return values.map(String.init).joined(separator: ",")
        case .integer(let v): return String(v)
        case .flag(let b): return b ? "1" : "0"
        case .level(let l): return l.description
        case .text(let t): return t
        case .softwareVersion(let v): return String(v.packed)
        case .addresses(let a): return a.map { "@\($0)" }.joined(separator: ",")
        case .deviceTypes(let d): return d.map { "\($0.deviceType)@\($0.device)" }.joined(separator: ",")
        }
    }

    private static func parseInteger(_ text: Substring) -> Int64? {
        guard text.utf8.count <= 19 else { return nil }
        return ASCII.parseSigned(text)
    }
}

/// One entry of a Query Device Types and Addresses (100) answer: `type@device`.
public struct HelvarDeviceTypeEntry: Sendable, Hashable, Codable {
    /// The device type code.
    public var deviceType: UInt32
    /// The device number on the queried subnet.
    public var device: UInt8

    /// Creates an entry.
    public init(deviceType: UInt32, device: UInt8) {
        self.deviceType = deviceType
        self.device = device
    }
}

/// A router software version packed in 32 bits (PROTOCOLS.md §2: `0x04020200` = 4.2.2):
/// major in bits 31–24, minor 23–16, patch 15–8, build 7–0 (shown only when not zero).
public struct HelvarSoftwareVersion: Sendable, Hashable, CustomStringConvertible {
    /// The packed value as the router sends it (ASCII: decimal).
    public var packed: UInt32

    /// Wraps a packed value.
    public init(packed: UInt32) { self.packed = packed }

    /// Packs a version.
    public init(major: UInt8, minor: UInt8, patch: UInt8, build: UInt8 = 0) {
        packed = UInt32(major) << 24 | UInt32(minor) << 16 | UInt32(patch) << 8 | UInt32(build)
    }

    /// Bits 31–24.
    public var major: UInt8 { UInt8(packed >> 24) }
    /// Bits 23–16.
    public var minor: UInt8 { UInt8(truncatingIfNeeded: packed >> 16) }
    /// Bits 15–8.
    public var patch: UInt8 { UInt8(truncatingIfNeeded: packed >> 8) }
    /// Bits 7–0.
    public var build: UInt8 { UInt8(truncatingIfNeeded: packed) }

    /// `major.minor.patch`, plus `.build` when the build byte is not zero (`4.2.2`).
    public var description: String {
        let base = "\(major).\(minor).\(patch)"
        return build == 0 ? base : base + ".\(build)"
    }
}

extension HelvarAnswer: Codable {
    private enum Keys: String, CodingKey { case values, value, packed, version, devices }

    public init(from decoder: any Decoder) throws {
        let tag = try decoder.container(keyedBy: TypeKey.self).decode(String.self, forKey: .type)
        let c = try decoder.container(keyedBy: Keys.self)
        switch tag {
        case "numbers": self = .numbers(try c.decode([Int64].self, forKey: .values))
        case "integer": self = .integer(try c.decode(Int64.self, forKey: .value))
        case "flag": self = .flag(try c.decode(Bool.self, forKey: .value))
        case "level": self = .level(try c.decode(HelvarLevel.self, forKey: .value))
        case "text": self = .text(try c.decode(String.self, forKey: .value))
        case "softwareVersion": self = .softwareVersion(HelvarSoftwareVersion(packed: try c.decode(UInt32.self, forKey: .packed)))
        case "addresses": self = .addresses(try c.decode([HelvarAddress].self, forKey: .values))
        case "deviceTypes": self = .deviceTypes(try c.decode([HelvarDeviceTypeEntry].self, forKey: .devices))
        default:
            throw JSONDecodingError(
                path: "decoded.type",
                reason:
                    "unknown answer type '\(tag)' (numbers, integer, flag, level, text, softwareVersion, addresses, deviceTypes)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var tag = encoder.container(keyedBy: TypeKey.self)
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case .numbers(let v):
            try tag.encode("numbers", forKey: .type)
            try c.encode(v, forKey: .values)
        case .integer(let v):
            try tag.encode("integer", forKey: .type)
            try c.encode(v, forKey: .value)
        case .flag(let v):
            try tag.encode("flag", forKey: .type)
            try c.encode(v, forKey: .value)
        case .level(let v):
            try tag.encode("level", forKey: .type)
            try c.encode(v, forKey: .value)
        case .text(let v):
            try tag.encode("text", forKey: .type)
            try c.encode(v, forKey: .value)
        case .softwareVersion(let v):
            try tag.encode("softwareVersion", forKey: .type)
            try c.encode(v.packed, forKey: .packed)
            try c.encode(v.description, forKey: .version)
        case .addresses(let v):
            try tag.encode("addresses", forKey: .type)
            try c.encode(v, forKey: .values)
        case .deviceTypes(let v):
            try tag.encode("deviceTypes", forKey: .type)
            try c.encode(v, forKey: .devices)
        }
    }
}
