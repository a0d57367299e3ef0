import LightProtocols

/// The workgroup a simulated HelvarNet router serves (issue 4 item 6; PROTOCOLS.md §2): its
/// name, devices (whose addresses give the clusters, routers and subnets), groups with their
/// members and named scenes. Loaded from JSON (docs/SIMULATORS.md) or ``standard``.
public struct HelvarWorkgroup: Sendable, Hashable, Codable {
    /// One device on a subnet.
    public struct Device: Sendable, Hashable, Codable {
        /// `cluster.router.subnet.device`.
        public var address: HelvarAddress
        /// The device type code (query 104/100), e.g. 1537 = DALI LED module.
        public var type: UInt32
        /// The description (query 106).
        public var name: String
        /// The load level in percent at start (query 152), 0 when absent.
        public var level: Int?

        /// Creates a device.
        public init(address: HelvarAddress, type: UInt32 = 1537, name: String, level: Int? = nil) {
            self.address = address
            self.type = type
            self.name = name
            self.level = level
        }
    }

    /// A named scene of a group, with the level it sets on the group's members.
    public struct Scene: Sendable, Hashable, Codable {
        /// Block 1–8.
        public var block: UInt8
        /// Scene 1–16.
        public var scene: UInt8
        /// The name (query 166).
        public var name: String
        /// The level in percent the scene sets.
        public var level: Int

        /// Creates a scene.
        public init(block: UInt8, scene: UInt8, name: String, level: Int) {
            self.block = block
            self.scene = scene
            self.name = name
            self.level = level
        }
    }

    /// A group.
    public struct Group: Sendable, Hashable, Codable {
        /// Group number 1–16383.
        public var id: UInt16
        /// The description (query 105).
        public var name: String
        /// Member device addresses (query 164).
        public var members: [HelvarAddress]
        /// Its named scenes.
        public var scenes: [Scene]

        /// Creates a group.
        public init(id: UInt16, name: String, members: [HelvarAddress], scenes: [Scene]) {
            self.id = id
            self.name = name
            self.members = members
            self.scenes = scenes
        }
    }

    /// The workgroup name (query 107).
    public var name: String
    /// Every device.
    public var devices: [Device]
    /// Every group.
    public var groups: [Group]

    /// Creates a workgroup.
    public init(name: String, devices: [Device], groups: [Group]) {
        self.name = name
        self.devices = devices
        self.groups = groups
    }

    /// Clusters in use, ascending (query 101).
    public var clusters: [UInt8] { Array(Set(devices.map(\.address.cluster))).sorted() }

    /// Routers of `cluster`, ascending (query 102).
    public func routers(in cluster: UInt8) -> [UInt8] {
        Array(Set(devices.filter { $0.address.cluster == cluster }.compactMap(\.address.router))).sorted()
    }

    /// The built-in workgroup of `lightbridge simulate helvar`: one router `1.1` with three DALI
    /// LED devices on subnet 1 and two groups with named scenes.
    public static var standard: HelvarWorkgroup {
        func a(_ d: UInt8) -> HelvarAddress { HelvarAddress(cluster: 1, router: 1, subnet: 1, device: d) }
        return HelvarWorkgroup(
            name: "Simulated Workgroup",
            devices: [
                Device(address: a(1), name: "Bench light 1"),
                Device(address: a(2), name: "Bench light 2"),
                Device(address: a(3), name: "Corridor light"),
            ],
            groups: [
                Group(
                    id: 1, name: "Bench", members: [a(1), a(2)],
                    scenes: [
                        Scene(block: 1, scene: 1, name: "Off", level: 0),
                        Scene(block: 1, scene: 2, name: "Work", level: 100),
                        Scene(block: 1, scene: 3, name: "Dim", level: 30),
                    ]),
                Group(
                    id: 2, name: "Corridor", members: [a(3)],
                    scenes: [
                        Scene(block: 1, scene: 1, name: "Off", level: 0),
                        Scene(block: 1, scene: 2, name: "On", level: 80),
                    ]),
            ])
    }

    /// Parses the JSON form (docs/SIMULATORS.md).
    public static func parse(json text: String) throws -> HelvarWorkgroup {
        try JSONValueDecoder.decode(HelvarWorkgroup.self, fromText: text)
    }
}
