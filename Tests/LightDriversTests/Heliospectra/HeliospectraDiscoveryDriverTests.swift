import LightDrivers
import LightProtocols
import Simulators
import Testing

/// Heliospectra discovery against lamp simulators sharing one UDP port on loopback
/// (issue 4 items 4, 6, 7).
@Suite struct HeliospectraDiscoveryDriverTests {
    @Test func findsTwoLampsByBroadcast() async throws {
        let first = try await startLamp(group: nil)
        let second = try await startLamp(group: nil, udpPort: first.multicastPort, mac: 2) { $0.firmware = "3.1.0" }
        let found = try await HeliospectraDiscovery.discover(
            HeliospectraDiscoverySettings(address: "127.255.255.255", port: first.multicastPort, localHost: "127.0.0.1"))
        #expect(found.map(\.mac) == [first.settings.mac, second.settings.mac])
        #expect(found.map(\.firmwareVersion) == ["3.2.2", "3.1.0"])
        #expect(found.map(\.serialNumber) == ["LX601C-0001", "LX601C-0002"])
        #expect(found.map(\.ipAddress) == ["127.0.0.1", "127.0.0.1"])
        #expect(found.map { $0.info["ControlPort"] } == [String(first.controlPort), String(second.controlPort)])
        #expect(first.discoveryQueryCount == 1 && second.discoveryQueryCount == 1)
        try await first.stop()
        try await second.stop()
    }

    @Test func aQueryForOneMACIsAnsweredByThatLampOnly() async throws {
        let first = try await startLamp(group: nil)
        let second = try await startLamp(group: nil, udpPort: first.multicastPort, mac: 2)
        let found = try await HeliospectraDiscovery.discover(
            HeliospectraDiscoverySettings(
                address: "127.255.255.255", port: first.multicastPort, localHost: "127.0.0.1", target: second.settings.mac,
                window: .seconds(1)))
        #expect(found.map(\.mac) == [second.settings.mac])
        #expect(first.discoveryQueryCount == 0)
        try await first.stop()
        try await second.stop()
    }
}
