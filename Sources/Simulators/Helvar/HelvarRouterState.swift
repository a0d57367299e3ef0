import LightProtocols

/// A scene recall the simulated router applied (and pushes to its clients).
public struct HelvarRecall: Sendable, Hashable, CustomStringConvertible {
    /// The group.
    public var group: UInt16
    /// The block.
    public var block: UInt8
    /// The scene.
    public var scene: UInt8
    /// The fade in centiseconds.
    public var fade: UInt32

    /// Creates a recall record.
    public init(group: UInt16, block: UInt8, scene: UInt8, fade: UInt32) {
        self.group = group
        self.block = block
        self.scene = scene
        self.fade = fade
    }

    public var description: String { "group \(group) block \(block) scene \(scene) fade \(fade)" }
}

/// What one command did: the reply to send back (if any) and the recall to push (if any).
public struct HelvarRouterOutcome: Sendable, Hashable {
    /// The `?` reply or `!` error/acknowledgement for the sender.
    public var reply: HelvarMessage?
    /// A scene recall to push to every connected client.
    public var recall: HelvarRecall?
}

/// The simulated router's state machine, free of I/O (PROTOCOLS.md §2): answers queries from
/// the workgroup, applies control commands, errors for missing clusters, routers, devices and
/// groups. Control and configuration commands answer only with `A:1`, with
/// `!…=0#` (code 0, success) or the error code.
public struct HelvarRouterState: Sendable {
    /// The workgroup as configured.
    public private(set) var workgroup: HelvarWorkgroup
    /// Load level of each device, in tenths of a percent.
    public private(set) var levels: [HelvarAddress: Int] = [:]
    /// Last recalled (block, scene) of each group; block 1 scene 1 until a recall.
    public private(set) var lastScene: [UInt16: (block: UInt8, scene: UInt8)] = [:]
    /// Seconds since 1970 for query 185.
    public var clock: @Sendable () -> Int64

    /// The packed software version answered to 190 (4.2.2).
    public static let softwareVersion = HelvarSoftwareVersion(major: 4, minor: 2, patch: 2)

    /// Creates the state of a router serving `workgroup`.
    public init(workgroup: HelvarWorkgroup, clock: @escaping @Sendable () -> Int64) {
        self.workgroup = workgroup
        self.clock = clock
        for d in workgroup.devices { levels[d.address] = max(0, min(100, d.level ?? 0)) * 10 }
    }

    /// The level of a device in percent.
    public func level(of address: HelvarAddress) -> Double? { levels[address].map { Double($0) / 10 } }

    /// Handles one command from a client.
    public mutating func handle(_ c: HelvarCommand) -> HelvarRouterOutcome {
        switch c.number.category {
        case .query: return HelvarRouterOutcome(reply: query(c), recall: nil)
        case .control, .configuration:
            var recall: HelvarRecall?
            let code = control(c, recall: &recall)
            let reply: HelvarMessage? = c.effectiveAcknowledge ? .error(HelvarErrorReply(request: c, code: code)) : nil
            return HelvarRouterOutcome(reply: reply, recall: recall)
        }
    }

    // MARK: Lookup

    private enum Lookup {
        case success(HelvarWorkgroup.Device)
        case failure(HelvarErrorCode)
    }

    private func device(_ a: HelvarAddress?) -> Lookup {
        guard let a else { return .failure(.missingParameter) }
        let key = HelvarAddress(cluster: a.cluster, router: a.router, subnet: a.subnet, device: a.device)
        if let d = workgroup.devices.first(where: { $0.address == key }) { return .success(d) }
        return .failure(missing(a))
    }

    private func missing(_ a: HelvarAddress) -> HelvarErrorCode {
        if !workgroup.clusters.contains(a.cluster) { return .clusterMissing }
        if let r = a.router, !workgroup.routers(in: a.cluster).contains(r) { return .routerMissing }
        return .deviceMissing
    }

    private func group(_ id: UInt16?) -> HelvarWorkgroup.Group? {
        workgroup.groups.first { $0.id == (id ?? 1) }
    }

    private func reply(_ c: HelvarCommand, _ answer: HelvarAnswer) -> HelvarMessage {
        .reply(HelvarReply(request: c, answer: answer))
    }

    private func reply(_ c: HelvarCommand, text: String) -> HelvarMessage {
        .reply(HelvarReply(request: c, answer: text))
    }

    private func error(_ c: HelvarCommand, _ code: HelvarErrorCode) -> HelvarMessage {
        .error(HelvarErrorReply(request: c, code: code))
    }

    // MARK: Queries

    private func query(_ c: HelvarCommand) -> HelvarMessage {
        switch c.number {
        case .queryClusters: return reply(c, .numbers(workgroup.clusters.map { Int64($0) }))
        case .queryRouters:
            guard let a = c.address, workgroup.clusters.contains(a.cluster) else { return error(c, .clusterMissing) }
            return reply(c, .numbers(workgroup.routers(in: a.cluster).map { Int64($0) }))
        case .queryDeviceTypesAndAddresses:
            guard let a = c.address else { return error(c, .missingParameter) }
            let code = missing(a)
            guard code == .deviceMissing else { return error(c, code) }
            let entries = workgroup.devices.filter {
                $0.address.cluster == a.cluster && $0.address.router == a.router && $0.address.subnet == a.subnet
            }.compactMap { d in d.address.device.map { HelvarDeviceTypeEntry(deviceType: d.type, device: $0) } }
            return reply(c, .deviceTypes(entries))
        case .queryWorkgroupName: return reply(c, .text(workgroup.name))
        case .queryGroups: return reply(c, .numbers(workgroup.groups.map { Int64($0.id) }))
        case .querySceneNames: return reply(c, text: sceneNames(group: c.group))
        case .queryTime: return reply(c, .integer(clock()))
        case .querySoftwareVersion: return reply(c, .softwareVersion(Self.softwareVersion))
        case .queryHelvarNetVersion: return reply(c, .integer(2))
        case .queryTimeZone, .queryDaylightSavingTime: return reply(c, .integer(0))
        case .queryGroupDescription, .queryGroup, .queryLastSceneInGroup, .queryLastSceneInBlock:
            guard let g = group(c.group) else { return error(c, .invalidGroup) }
            let last = lastScene[g.id] ?? (1, 1)
            switch c.number {
            case .queryGroupDescription: return reply(c, .text(g.name))
            case .queryGroup: return reply(c, .addresses(g.members))
            case .queryLastSceneInBlock: return reply(c, .integer(last.block == c.effectiveBlock ? Int64(last.scene) : 0))
            default: return reply(c, .integer(Self.blockScene(block: last.block, scene: last.scene)))
            }
        default: return deviceQuery(c)
        }
    }

    private func deviceQuery(_ c: HelvarCommand) -> HelvarMessage {
        let d: HelvarWorkgroup.Device
        switch device(c.address) {
        case .failure(let code): return error(c, code)
        case .success(let found): d = found
        }
        switch c.number {
        case .queryDeviceType: return reply(c, .integer(Int64(d.type)))
        case .queryDeviceDescription: return reply(c, .text(d.name))
        case .queryDeviceState: return reply(c, .integer(0))
        case .queryDeviceIsDisabled, .queryLampFailure, .queryDeviceIsMissing, .queryDeviceIsFaulty: return reply(c, .flag(false))
        case .queryLoadLevel:
            guard let level = try? HelvarLevel(tenths: levels[d.address] ?? 0) else { return error(c, .propertyMissing) }
            return reply(c, .level(level))
        case .querySceneInfo: return reply(c, text: sceneInfo(d.address))
        default: return error(c, .propertyMissing)
        }
    }

    /// The block-and-scene number of query 109 as aiohelvar 0.9.8 decodes it:
    /// `(block − 1) × 16 + (scene − 1)`.
    public static func blockScene(block: UInt8, scene: UInt8) -> Int64 {
        Int64(max(block, 1) - 1) * 16 + Int64(max(scene, 1) - 1)
    }

    /// Query 166: `@group.block.scene:Name` for each named scene (of one group, or all).
    private func sceneNames(group id: UInt16?) -> String {
        var out = ""
        for g in workgroup.groups where id == nil || g.id == id {
            for s in g.scenes { out += "@\(g.id).\(s.block).\(s.scene):\(s.name)" }
        }
        return out
    }

    /// Query 167: 136 comma-separated levels (8 blocks × 16 scenes, then 8 more), `*` where
    /// the device has no level for the scene.
    private func sceneInfo(_ address: HelvarAddress) -> String {
        var values = [String](repeating: "*", count: 136)
        for g in workgroup.groups where g.members.contains(address) {
            for s in g.scenes where (1...8).contains(s.block) && (1...16).contains(s.scene) {
                let i = Int(s.block - 1) * 16 + Int(s.scene - 1)
                if values[i] == "*" { values[i] = String(max(0, min(100, s.level))) }
            }
        }
        return values.joined(separator: ",")
    }

    // MARK: Control

    private mutating func setLevel(_ a: HelvarAddress, tenths: Int) {
        levels[a] = max(0, min(1000, tenths))
    }

    private mutating func control(_ c: HelvarCommand, recall: inout HelvarRecall?) -> HelvarErrorCode {
        let groupTarget = c.number.target == .group
        var targets: [HelvarAddress]
        if groupTarget {
            targets = group(c.group)?.members ?? []
        } else {
            switch device(c.address) {
            case .failure(let code): return code
            case .success(let d): targets = [d.address]
            }
        }
        switch c.number {
        case .recallSceneGroup, .recallSceneDevice:
            for a in targets {
                if let level = sceneLevel(for: a, group: groupTarget ? c.group ?? 1 : nil, c.effectiveBlock, c.effectiveScene) {
                    setLevel(a, tenths: level * 10)
                }
            }
            if groupTarget {
                lastScene[c.effectiveGroup] = (c.effectiveBlock, c.effectiveScene)
                recall = HelvarRecall(
                    group: c.effectiveGroup, block: c.effectiveBlock, scene: c.effectiveScene, fade: c.effectiveFade)
            }
        case .directLevelGroup, .directLevelDevice:
            for a in targets { setLevel(a, tenths: Int(c.level?.tenths ?? 0)) }
        case .directProportionGroup, .directProportionDevice:
            // Simplification: proportion −100…100 maps onto 0…100 %.
            for a in targets { setLevel(a, tenths: (Int(c.proportion ?? 0) + 100) * 5) }
        case .modifyProportionGroup, .modifyProportionDevice:
            for a in targets { setLevel(a, tenths: (levels[a] ?? 0) + Int(c.proportion ?? 0) * 10) }
        case .storeSceneGroup:
            if let level = c.level, let gi = workgroup.groups.firstIndex(where: { $0.id == c.effectiveGroup }) {
                var scenes = workgroup.groups[gi].scenes
                let percent = level.wholePercent
                if let si = scenes.firstIndex(where: { $0.block == c.effectiveBlock && $0.scene == c.effectiveScene }) {
                    scenes[si].level = percent
                } else {
                    scenes.append(.init(block: c.effectiveBlock, scene: c.effectiveScene, name: "", level: percent))
                }
                workgroup.groups[gi].scenes = scenes
            }
        default: break
        }
        return .success
    }

    /// The level (percent) scene `block.scene` sets on device `a`: that of `group`, or of the
    /// first of the device's groups that defines it.
    private func sceneLevel(for a: HelvarAddress, group id: UInt16?, _ block: UInt8, _ scene: UInt8) -> Int? {
        for g in workgroup.groups where (id == nil || g.id == id) && g.members.contains(a) {
            if let s = g.scenes.first(where: { $0.block == block && $0.scene == scene }) { return s.level }
        }
        return nil
    }
}
