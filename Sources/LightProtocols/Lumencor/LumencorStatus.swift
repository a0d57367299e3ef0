/// The engine status code of `GET STAT` (PROTOCOLS.md §4; the seed only says 0 means OK).
///
/// Codes without a name here are kept as ``other(_:)``; build values with ``init(code:)`` so that
/// a named code is always its named case.
///
/// JSON: the camelCase name of a known code (`"fanFaultAndOverTemperature"`), or the bare number
/// of an unknown one (`12`); either form is accepted when decoding.
public enum LumencorEngineStatus: Sendable, Hashable, CustomStringConvertible {
    /// 0: all OK.
    case ok
    /// 1: fan fault.
    case fanFault
    /// 2: over-temperature.
    case overTemperature
    /// 3: fan fault and over-temperature.
    case fanFaultAndOverTemperature
    /// 4: safety lock (interlock) engaged.
    case safetyLock
    /// 5: invalid hardware configuration.
    case invalidHardwareConfiguration
    /// 6: standby.
    case standby
    /// 7: warming up.
    case warmingUp
    /// Any other code, kept as a number.
    case other(Int)

    /// The named codes, in code order.
    public static let named: [LumencorEngineStatus] = [
        .ok, .fanFault, .overTemperature, .fanFaultAndOverTemperature, .safetyLock, .invalidHardwareConfiguration, .standby,
        .warmingUp,
    ]

    /// The status for `code`: its named case, or ``other(_:)``.
    public init(code: Int) {
        self = code >= 0 && code < Self.named.count ? Self.named[code] : .other(code)
    }

    /// The wire code.
    public var code: Int {
        switch self {
        case .ok: return 0
        case .fanFault: return 1
        case .overTemperature: return 2
        case .fanFaultAndOverTemperature: return 3
        case .safetyLock: return 4
        case .invalidHardwareConfiguration: return 5
        case .standby: return 6
        case .warmingUp: return 7
        case .other(let code): return code
        }
    }

    /// The camelCase name of a named code, `nil` for ``other(_:)``.
    public var name: String? {
        switch self {
        case .ok: return "ok"
        case .fanFault: return "fanFault"
        case .overTemperature: return "overTemperature"
        case .fanFaultAndOverTemperature: return "fanFaultAndOverTemperature"
        case .safetyLock: return "safetyLock"
        case .invalidHardwareConfiguration: return "invalidHardwareConfiguration"
        case .standby: return "standby"
        case .warmingUp: return "warmingUp"
        case .other: return nil
        }
    }

    /// Whether the engine reports no fault.
    public var isOK: Bool { self == .ok }

    public var description: String {
        switch self {
        case .ok: return "0 (OK)"
        case .fanFault: return "1 (fan fault)"
        case .overTemperature: return "2 (over-temperature)"
        case .fanFaultAndOverTemperature: return "3 (fan fault and over-temperature)"
        case .safetyLock: return "4 (safety lock)"
        case .invalidHardwareConfiguration: return "5 (invalid hardware configuration)"
        case .standby: return "6 (standby)"
        case .warmingUp: return "7 (warming up)"
        case .other(let code): return "\(code) (unknown)"
        }
    }
}

/// A channel status code of `GET CHSTAT` / `GET MULCHSTAT` (PROTOCOLS.md §4; the seed only says
/// 0 means normal operation).
///
/// Codes without a name here are kept as ``other(_:)``; build values with ``init(code:)``.
///
/// JSON: the camelCase name of a known code (`"busy"`), or the bare number of an unknown one.
public enum LumencorChannelStatus: Sendable, Hashable, CustomStringConvertible {
    /// 0: normal operation.
    case normal
    /// 51: bad channel index.
    case badIndex
    /// 58: busy.
    case busy
    /// 60: interlock.
    case interlock
    /// Any other code, kept as a number.
    case other(Int)

    /// The named codes.
    public static let named: [LumencorChannelStatus] = [.normal, .badIndex, .busy, .interlock]

    /// The status for `code`: its named case, or ``other(_:)``.
    public init(code: Int) {
        switch code {
        case 0: self = .normal
        case 51: self = .badIndex
        case 58: self = .busy
        case 60: self = .interlock
        default: self = .other(code)
        }
    }

    /// The wire code.
    public var code: Int {
        switch self {
        case .normal: return 0
        case .badIndex: return 51
        case .busy: return 58
        case .interlock: return 60
        case .other(let code): return code
        }
    }

    /// The camelCase name of a named code, `nil` for ``other(_:)``.
    public var name: String? {
        switch self {
        case .normal: return "normal"
        case .badIndex: return "badIndex"
        case .busy: return "busy"
        case .interlock: return "interlock"
        case .other: return nil
        }
    }

    public var description: String {
        switch self {
        case .normal: return "0 (normal)"
        case .badIndex: return "51 (bad index)"
        case .busy: return "58 (busy)"
        case .interlock: return "60 (interlock)"
        case .other(let code): return "\(code) (unknown)"
        }
    }
}

/// Decodes a status given as a known name or as a number.
private func decodeStatusCode(_ decoder: any Decoder, names: [(String, Int)]) throws -> Int {
    let c = try decoder.singleValueContainer()
    if let code = try? c.decode(Int.self) { return code }
    let text = try c.decode(String.self)
    guard let match = names.first(where: { $0.0 == text }) else {
        throw JSONDecodingError(
            path: pathText(decoder.codingPath),
            reason: "unknown status '\(text)' (\(names.map(\.0).joined(separator: ", ")), or a number)")
    }
    return match.1
}

private func encodeStatus(_ name: String?, _ code: Int, _ encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    if let name { try c.encode(name) } else { try c.encode(code) }
}

extension LumencorEngineStatus: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(code: try decodeStatusCode(decoder, names: Self.named.compactMap { s in s.name.map { ($0, s.code) } }))
    }

    public func encode(to encoder: any Encoder) throws { try encodeStatus(name, code, encoder) }
}

extension LumencorChannelStatus: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(code: try decodeStatusCode(decoder, names: Self.named.compactMap { s in s.name.map { ($0, s.code) } }))
    }

    public func encode(to encoder: any Encoder) throws { try encodeStatus(name, code, encoder) }
}
