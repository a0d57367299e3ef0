/// Every HelvarNet command number this project knows (PROTOCOLS.md §2; seed
/// `003_689faa0b1f08db2f.txt`). The raw value is the number sent as `C:` (ASCII) or in bits
/// 15:0 of the first raw word; JSON uses the case name (e.g. `"recallSceneGroup"`).
///
/// The names of 70–75 and 186/187 are not in PROTOCOLS.md: they follow the vendor's online
/// help ("Load Interface Maintenance" and "System" query commands) and may not match other
/// public sources. 111–114 follow the same help's command list (111 disabled, 112 lamp failure,
/// 113 missing, 114 faulty); its reply table swaps 113/114, so those two names are uncertain.
public enum HelvarCommandNumber: UInt16, CaseIterable, Sendable, Hashable {
    // MARK: Control (11–24)
    /// 11: recall a scene on a group (`G`, `B`, `S`, `F`).
    case recallSceneGroup = 11
    /// 12: recall a scene on one device (`@`, `B`, `S`, `F`).
    case recallSceneDevice = 12
    /// 13: set a group to a direct level (`G`, `L`, `F`).
    case directLevelGroup = 13
    /// 14: set one device to a direct level (`@`, `L`, `F`).
    case directLevelDevice = 14
    /// 15: set a group to a direct proportion (`G`, `P`, `F`).
    case directProportionGroup = 15
    /// 16: set one device to a direct proportion (`@`, `P`, `F`).
    case directProportionDevice = 16
    /// 17: modify a group's proportion (`G`, `P`, `F`).
    case modifyProportionGroup = 17
    /// 18: modify one device's proportion (`@`, `P`, `F`).
    case modifyProportionDevice = 18
    /// 19: start an emergency function test on a group.
    case emergencyFunctionTestGroup = 19
    /// 20: start an emergency function test on one device.
    case emergencyFunctionTestDevice = 20
    /// 21: start an emergency duration test on a group.
    case emergencyDurationTestGroup = 21
    /// 22: start an emergency duration test on one device.
    case emergencyDurationTestDevice = 22
    /// 23: stop emergency tests on a group.
    case stopEmergencyTestsGroup = 23
    /// 24: stop emergency tests on one device.
    case stopEmergencyTestsDevice = 24

    // MARK: Configuration (201–206)
    /// 201: store a level as a scene of a group (`G`, `B`, `S`, `L`, `O`).
    case storeSceneGroup = 201
    /// 202: store a level as a scene of one device (`@`, `B`, `S`, `L`, `O`).
    case storeSceneDevice = 202
    /// 203: store a group's present levels as a scene.
    case storeAsSceneGroup = 203
    /// 204: store one device's present level as a scene.
    case storeAsSceneDevice = 204
    /// 205: reset emergency battery and total lamp time on a group.
    case resetEmergencyBatteryAndTotalLampTimeGroup = 205
    /// 206: reset emergency battery and total lamp time on one device.
    case resetEmergencyBatteryAndTotalLampTimeDevice = 206

    // MARK: Queries
    /// 70: lamp running hours (name from the vendor's help; uncertain).
    case queryLampRunningHours = 70
    /// 71: ballast running hours (name from the vendor's help; uncertain).
    case queryBallastRunningHours = 71
    /// 72: maximum voltage (name from the vendor's help; uncertain).
    case queryMaximumVoltage = 72
    /// 73: minimum voltage (name from the vendor's help; uncertain).
    case queryMinimumVoltage = 73
    /// 74: maximum temperature (name from the vendor's help; uncertain).
    case queryMaximumTemperature = 74
    /// 75: minimum temperature (name from the vendor's help; uncertain).
    case queryMinimumTemperature = 75
    /// 100: device types and addresses on a subnet (`@c.r.s`).
    case queryDeviceTypesAndAddresses = 100
    /// 101: the clusters in the workgroup.
    case queryClusters = 101
    /// 102: the routers in a cluster (`@c`).
    case queryRouters = 102
    /// 103: the last scene recalled in a group's block.
    case queryLastSceneInBlock = 103
    /// 104: a device's type.
    case queryDeviceType = 104
    /// 105: a group's description.
    case queryGroupDescription = 105
    /// 106: a device's description.
    case queryDeviceDescription = 106
    /// 107: the workgroup name.
    case queryWorkgroupName = 107
    /// 108: the workgroup membership.
    case queryWorkgroupMembership = 108
    /// 109: the last scene recalled in a group.
    case queryLastSceneInGroup = 109
    /// 110: a device's state bitmask.
    case queryDeviceState = 110
    /// 111: whether a device is disabled.
    case queryDeviceIsDisabled = 111
    /// 112: whether a device's lamp failed.
    case queryLampFailure = 112
    /// 113: whether a device is missing.
    case queryDeviceIsMissing = 113
    /// 114: whether a device is faulty.
    case queryDeviceIsFaulty = 114
    /// 129: whether a device's emergency battery failed.
    case queryEmergencyBatteryFailure = 129
    /// 150: a sensor's measurement.
    case queryMeasurement = 150
    /// 151: an input device's input states.
    case queryInputs = 151
    /// 152: a device's load level.
    case queryLoadLevel = 152
    /// 160: a device's power consumption.
    case queryPowerConsumption = 160
    /// 161: a group's power consumption.
    case queryGroupPowerConsumption = 161
    /// 164: the devices in a group.
    case queryGroup = 164
    /// 165: all groups.
    case queryGroups = 165
    /// 166: the scene names.
    case querySceneNames = 166
    /// 167: a device's scene levels.
    case querySceneInfo = 167
    /// 170: emergency function test time.
    case queryEmergencyFunctionTestTime = 170
    /// 171: emergency function test state.
    case queryEmergencyFunctionTestState = 171
    /// 172: emergency duration test time.
    case queryEmergencyDurationTestTime = 172
    /// 173: emergency duration test state.
    case queryEmergencyDurationTestState = 173
    /// 174: emergency battery charge.
    case queryEmergencyBatteryCharge = 174
    /// 175: emergency battery time.
    case queryEmergencyBatteryTime = 175
    /// 176: emergency total lamp time.
    case queryEmergencyTotalLampTime = 176
    /// 185: the router's time, seconds since 1970 (also the keep-alive query).
    case queryTime = 185
    /// 186: the router's longitude (vendor's help; not in PROTOCOLS.md).
    case queryLongitude = 186
    /// 187: the router's latitude (vendor's help; not in PROTOCOLS.md).
    case queryLatitude = 187
    /// 188: the router's time zone.
    case queryTimeZone = 188
    /// 189: the router's daylight saving time setting.
    case queryDaylightSavingTime = 189
    /// 190: the router's software version, packed (`0x04020200` = 4.2.2).
    case querySoftwareVersion = 190
    /// 191: the HelvarNet protocol version.
    case queryHelvarNetVersion = 191
}

/// The three families of HelvarNet commands (PROTOCOLS.md §2).
public enum HelvarCommandCategory: String, Codable, Sendable, Hashable {
    case control, configuration, query
}

extension HelvarCommandNumber {
    /// The case name, e.g. `recallSceneGroup` (the JSON form).
    public var name: String { "\(self)" }

    /// Control, configuration or query.
    public var category: HelvarCommandCategory {
        switch rawValue {
        case 11...24: return .control
        case 201...206: return .configuration
        default: return .query
        }
    }

    /// The command with this JSON name, if any.
    public init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }
}

extension HelvarCommandNumber: Codable {
    /// Decodes the case name or, for convenience, the number.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let number = try? c.decode(UInt16.self) {
            guard let value = Self(rawValue: number) else {
                throw JSONDecodingError(path: "command", reason: "unknown HelvarNet command number \(number)")
            }
            self = value
            return
        }
        let name = try c.decode(String.self)
        guard let value = Self(name: name) else {
            throw JSONDecodingError(path: "command", reason: "unknown HelvarNet command '\(name)'")
        }
        self = value
    }

    /// Encodes the case name.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(name)
    }
}
