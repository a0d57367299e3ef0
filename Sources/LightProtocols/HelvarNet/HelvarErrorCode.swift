/// The code a router puts after `=` in an error/diagnostic message `!…=code#`
/// (PROTOCOLS.md §2, e.g. `!V:1,C:104,@2.2.1.1=11#` = device missing). JSON uses the case name.
public enum HelvarErrorCode: UInt8, CaseIterable, Sendable, Hashable {
    /// 0: success.
    case success = 0
    /// 1: invalid group index parameter.
    case invalidGroup = 1
    /// 2: invalid cluster parameter.
    case invalidCluster = 2
    /// 3: invalid router parameter.
    case invalidRouter = 3
    /// 4: invalid subnet parameter.
    case invalidSubnet = 4
    /// 5: invalid device parameter.
    case invalidDevice = 5
    /// 6: invalid sub-device parameter.
    case invalidSubDevice = 6
    /// 7: invalid block parameter.
    case invalidBlock = 7
    /// 8: invalid scene parameter.
    case invalidScene = 8
    /// 9: the cluster does not exist.
    case clusterMissing = 9
    /// 10: the router does not exist.
    case routerMissing = 10
    /// 11: the device does not exist.
    case deviceMissing = 11
    /// 12: the property does not exist.
    case propertyMissing = 12
    /// 13: invalid raw message size.
    case badRawMessageSize = 13
    /// 14: invalid message type.
    case badMessageType = 14
    /// 15: invalid message command.
    case badCommand = 15
    /// 16: missing ASCII terminator.
    case missingTerminator = 16
    /// 17: missing ASCII parameter.
    case missingParameter = 17
    /// 18: incompatible HelvarNet version.
    case incompatibleVersion = 18
}

extension HelvarErrorCode: Codable, CustomStringConvertible {
    /// The case name, e.g. `deviceMissing`.
    public var description: String { "\(rawValue) (\(name))" }

    /// The case name (the JSON form).
    public var name: String {
        switch self {
        case .success: return "success"
        case .invalidGroup: return "invalidGroup"
        case .invalidCluster: return "invalidCluster"
        case .invalidRouter: return "invalidRouter"
        case .invalidSubnet: return "invalidSubnet"
        case .invalidDevice: return "invalidDevice"
        case .invalidSubDevice: return "invalidSubDevice"
        case .invalidBlock: return "invalidBlock"
        case .invalidScene: return "invalidScene"
        case .clusterMissing: return "clusterMissing"
        case .routerMissing: return "routerMissing"
        case .deviceMissing: return "deviceMissing"
        case .propertyMissing: return "propertyMissing"
        case .badRawMessageSize: return "badRawMessageSize"
        case .badMessageType: return "badMessageType"
        case .badCommand: return "badCommand"
        case .missingTerminator: return "missingTerminator"
        case .missingParameter: return "missingParameter"
        case .incompatibleVersion: return "incompatibleVersion"
        }
    }

    /// Decodes the case name or the number.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let number = try? c.decode(UInt8.self) {
            guard let value = Self(rawValue: number) else {
                throw JSONDecodingError(path: "code", reason: "unknown HelvarNet error code \(number)")
            }
            self = value
            return
        }
        let name = try c.decode(String.self)
        guard let value = Self.allCases.first(where: { $0.name == name }) else {
            throw JSONDecodingError(path: "code", reason: "unknown HelvarNet error code '\(name)'")
        }
        self = value
    }

    /// Encodes the case name.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(name)
    }
}
