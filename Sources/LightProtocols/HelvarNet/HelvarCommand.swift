/// One HelvarNet command with its parameters, as sent after `>` (or `<`) and echoed in replies
/// and errors (PROTOCOLS.md §2; seed `003_689faa0b1f08db2f.txt`, "Message Formatting").
///
/// Absent optional parameters stay `nil` so a message re-encodes as it came; the seed's
/// defaults are in the `effective…` properties (group, block and scene 1, fade 700 ms, ack 0).
/// JSON: the fields below, with `command` the case name and absent ones left out, e.g.
/// `{"command":"recallSceneGroup","version":1,"group":1234,"block":5,"scene":6,"fade":3200}`.
public struct HelvarCommand: Sendable, Hashable {
    /// Valid versions (V:1 per seed, V:2 as aiohelvar sends).
    public static let versionRange: ClosedRange<Int64> = 1...2
    /// Valid groups.
    public static let groupRange: ClosedRange<Int64> = 1...16383
    /// Valid blocks.
    public static let blockRange: ClosedRange<Int64> = 1...8
    /// Valid scenes.
    public static let sceneRange: ClosedRange<Int64> = 1...16
    /// Valid proportions.
    public static let proportionRange: ClosedRange<Int64> = -100...100
    /// The seed's default fade when `F` is absent: 700 ms.
    public static let defaultFade: UInt32 = 70

    /// `C`: the command number.
    public var number: HelvarCommandNumber
    /// `V`: the HelvarNet version, 1 or 2 (1 when absent).
    public var version: UInt8
    /// `@`: the address.
    public var address: HelvarAddress?
    /// `G`: group, 1–16383.
    public var group: UInt16?
    /// `B`: block, 1–8.
    public var block: UInt8?
    /// `S`: scene, 1–16.
    public var scene: UInt8?
    /// `F`: fade time in centiseconds (`F:3200` = 32 s).
    public var fade: UInt32?
    /// `L`: level, 0–100 %.
    public var level: HelvarLevel?
    /// `P`: proportion, −100…100.
    public var proportion: Int8?
    /// `A`: acknowledge (a control command replies only with `A:1`).
    public var acknowledge: Bool?
    /// `Q`: sequence number (internal commands).
    public var sequence: UInt32?
    /// `O`: force store scene.
    public var forceStore: Bool?
    /// `K`: constant light scene.
    public var constantLight: Bool?
    /// `T`: time, seconds since 1970.
    public var time: UInt32?
    /// `D`: display screen.
    public var display: UInt32?
    /// `N`: latitude, in the vendor's integer unit.
    public var latitude: Int32?
    /// `E`: longitude, in the vendor's integer unit.
    public var longitude: Int32?
    /// `Z`: time zone difference, in the vendor's integer unit.
    public var timeZone: Int32?
    /// `Y`: daylight saving time.
    public var daylightSaving: Bool?

    /// Creates a command; values are checked by ``validate(requiringParameters:)``.
    public init(
        _ number: HelvarCommandNumber, version: UInt8 = 1, address: HelvarAddress? = nil, group: UInt16? = nil,
        block: UInt8? = nil, scene: UInt8? = nil, fade: UInt32? = nil, level: HelvarLevel? = nil, proportion: Int8? = nil,
        acknowledge: Bool? = nil, sequence: UInt32? = nil, forceStore: Bool? = nil, constantLight: Bool? = nil,
        time: UInt32? = nil, display: UInt32? = nil, latitude: Int32? = nil, longitude: Int32? = nil, timeZone: Int32? = nil,
        daylightSaving: Bool? = nil
    ) {
        self.number = number
        self.version = version
        self.address = address
        self.group = group
        self.block = block
        self.scene = scene
        self.fade = fade
        self.level = level
        self.proportion = proportion
        self.acknowledge = acknowledge
        self.sequence = sequence
        self.forceStore = forceStore
        self.constantLight = constantLight
        self.time = time
        self.display = display
        self.latitude = latitude
        self.longitude = longitude
        self.timeZone = timeZone
        self.daylightSaving = daylightSaving
    }

    /// The group, 1 when absent (seed).
    public var effectiveGroup: UInt16 { group ?? 1 }
    /// The block, 1 when absent (seed).
    public var effectiveBlock: UInt8 { block ?? 1 }
    /// The scene, 1 when absent (seed).
    public var effectiveScene: UInt8 { scene ?? 1 }
    /// The fade in centiseconds, 70 (700 ms) when absent (seed).
    public var effectiveFade: UInt32 { fade ?? Self.defaultFade }
    /// The fade in milliseconds.
    public var fadeMilliseconds: UInt64 { UInt64(effectiveFade) * 10 }
    /// Whether the router should acknowledge, false when absent (seed).
    public var effectiveAcknowledge: Bool { acknowledge ?? false }

    /// The parameters present.
    public var presentParameters: HelvarParameterSet {
        var s: HelvarParameterSet = []
        if address != nil { s.insert(.address) }
        if group != nil { s.insert(.group) }
        if block != nil { s.insert(.block) }
        if scene != nil { s.insert(.scene) }
        if fade != nil { s.insert(.fade) }
        if level != nil { s.insert(.level) }
        if proportion != nil { s.insert(.proportion) }
        if acknowledge != nil { s.insert(.acknowledge) }
        if sequence != nil { s.insert(.sequence) }
        if forceStore != nil { s.insert(.forceStore) }
        if constantLight != nil { s.insert(.constantLight) }
        if time != nil { s.insert(.time) }
        if display != nil { s.insert(.display) }
        if latitude != nil { s.insert(.latitude) }
        if longitude != nil { s.insert(.longitude) }
        if timeZone != nil { s.insert(.timeZone) }
        if daylightSaving != nil { s.insert(.daylightSaving) }
        return s
    }

    /// Checks every value's range and, when `requiringParameters`, that the command's required
    /// parameters are present with the right address depth (PROTOCOLS.md §2). Error messages
    /// echo whatever was sent, so their headers are checked without the requirements.
    public func validate(requiringParameters: Bool = true) throws(HelvarError) {
        try checkRange("version", Int64(version), Self.versionRange)
        if let address { try address.validate() }
        if let group { try checkRange("group", Int64(group), Self.groupRange) }
        if let block { try checkRange("block", Int64(block), Self.blockRange) }
        if let scene { try checkRange("scene", Int64(scene), Self.sceneRange) }
        if let level { try checkRange("level (tenths)", Int64(level.tenths), HelvarLevel.tenthsRange) }
        if let proportion { try checkRange("proportion", Int64(proportion), Self.proportionRange) }
        if requiringParameters { try checkRequirements() }
    }

    /// Checks only the command's required parameters and address depth (values already in range).
    @inline(__always)
    func checkRequirements() throws(HelvarError) {
        let required = number.requiredParameters
        if !required.isEmpty {
            let missing = required.subtracting(presentParameters)
            if !missing.isEmpty {
                throw .missingParameter(command: number, parameter: missing.identifiers)
            }
        }
        if let address, let depths = number.addressDepths, !depths.contains(address.depth) {
            throw .wrongAddressDepth(command: number, depth: address.depth, expected: depths)
        }
    }
}

/// A set of HelvarNet parameter identifiers (PROTOCOLS.md §2), for per-command requirements.
public struct HelvarParameterSet: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `@`
    public static let address = Self(rawValue: 1 << 0)
    /// `G`
    public static let group = Self(rawValue: 1 << 1)
    /// `B`
    public static let block = Self(rawValue: 1 << 2)
    /// `S`
    public static let scene = Self(rawValue: 1 << 3)
    /// `F`
    public static let fade = Self(rawValue: 1 << 4)
    /// `L`
    public static let level = Self(rawValue: 1 << 5)
    /// `P`
    public static let proportion = Self(rawValue: 1 << 6)
    /// `A`
    public static let acknowledge = Self(rawValue: 1 << 7)
    /// `Q`
    public static let sequence = Self(rawValue: 1 << 8)
    /// `O`
    public static let forceStore = Self(rawValue: 1 << 9)
    /// `K`
    public static let constantLight = Self(rawValue: 1 << 10)
    /// `T`
    public static let time = Self(rawValue: 1 << 11)
    /// `D`
    public static let display = Self(rawValue: 1 << 12)
    /// `N`
    public static let latitude = Self(rawValue: 1 << 13)
    /// `E`
    public static let longitude = Self(rawValue: 1 << 14)
    /// `Z`
    public static let timeZone = Self(rawValue: 1 << 15)
    /// `Y`
    public static let daylightSaving = Self(rawValue: 1 << 16)

    /// The wire identifiers, in bit order.
    static let identifierOrder: [String] = ["@", "G", "B", "S", "F", "L", "P", "A", "Q", "O", "K", "T", "D", "N", "E", "Z", "Y"]

    /// The identifiers of the members, e.g. `G,L`.
    public var identifiers: String {
        var names: [String] = []
        for (bit, name) in Self.identifierOrder.enumerated() where rawValue & (1 << UInt32(bit)) != 0 {
            names.append(name)
        }
        return names.joined(separator: ",")
    }
}

extension HelvarCommandNumber {
    /// What a command acts on, which decides its required parameters.
    public enum Target: String, Sendable, Hashable, Codable {
        /// A group (`G`; optional with default 1 for control/configuration, per the seed).
        case group
        /// One device (`@c.r.s.d[.sd]`).
        case device
        /// A subnet (`@c.r.s`), for 100.
        case subnet
        /// A cluster (`@c`), for 102.
        case cluster
        /// The router or workgroup (no address needed).
        case system
    }

    /// What the command acts on.
    public var target: Target {
        switch self {
        case .recallSceneGroup, .directLevelGroup, .directProportionGroup, .modifyProportionGroup, .emergencyFunctionTestGroup,
            .emergencyDurationTestGroup, .stopEmergencyTestsGroup, .storeSceneGroup, .storeAsSceneGroup,
            .resetEmergencyBatteryAndTotalLampTimeGroup, .queryLastSceneInBlock, .queryGroupDescription, .queryLastSceneInGroup,
            .queryGroupPowerConsumption, .queryGroup:
            return .group
        case .queryDeviceTypesAndAddresses: return .subnet
        case .queryRouters: return .cluster
        case .queryClusters, .queryWorkgroupName, .queryWorkgroupMembership, .queryGroups, .querySceneNames, .queryTime,
            .queryLongitude, .queryLatitude, .queryTimeZone, .queryDaylightSavingTime, .querySoftwareVersion,
            .queryHelvarNetVersion:
            return .system
        default: return .device
        }
    }

    /// Parameters the command must carry (PROTOCOLS.md §2; the seed makes `G`, `B`, `S`, `F`
    /// and `A` optional for control and configuration commands). Group queries need `G`.
    public var requiredParameters: HelvarParameterSet {
        var required: HelvarParameterSet
        switch target {
        case .group: required = category == .query ? .group : []
        case .device, .subnet, .cluster: required = .address
        case .system: required = []
        }
        switch self {
        case .directLevelGroup, .directLevelDevice, .storeSceneGroup, .storeSceneDevice: required.insert(.level)
        case .directProportionGroup, .directProportionDevice, .modifyProportionGroup, .modifyProportionDevice:
            required.insert(.proportion)
        default: break
        }
        return required
    }

    /// Parameters the command uses (required or optional); others are accepted in ASCII and
    /// kept, but the raw form has no room for them.
    public var usedParameters: HelvarParameterSet {
        var used = requiredParameters.union(.acknowledge)
        switch target {
        case .group: used.insert(.group)
        case .system where self == .querySceneNames: used.insert(.group)
        default: break
        }
        switch self {
        case .recallSceneGroup, .recallSceneDevice: used.formUnion([.block, .scene, .fade, .constantLight])
        case .directLevelGroup, .directLevelDevice, .directProportionGroup, .directProportionDevice, .modifyProportionGroup,
            .modifyProportionDevice:
            used.insert(.fade)
        case .storeSceneGroup, .storeSceneDevice: used.formUnion([.block, .scene, .forceStore])
        case .storeAsSceneGroup, .storeAsSceneDevice: used.formUnion([.block, .scene])
        case .queryLastSceneInBlock: used.insert(.block)
        default: break
        }
        return used
    }

    /// The address depths the command accepts when it needs an address, else `nil`.
    public var addressDepths: ClosedRange<Int>? {
        switch target {
        case .device: return 4...5
        case .subnet: return 3...3
        case .cluster: return 1...1
        case .group, .system: return nil
        }
    }
}
