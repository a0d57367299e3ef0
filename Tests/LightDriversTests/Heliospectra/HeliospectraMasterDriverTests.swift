import LightDrivers
import LightProtocols
import Simulators
import Testing

/// The Heliospectra master against lamp simulators over real multicast on loopback
/// (issue 4 items 4, 6, 7).
@Suite struct HeliospectraMasterDriverTests {
    @Test func aMasterPackageReachesTheLampAndChangesItsPowers() async throws {
        let group = IPv4Address(239, 50, 1, 1)
        let lamp = try await startLamp(group: group)
        let master = loopbackMaster(group: group, port: lamp.multicastPort)
        try await master.start()
        try await master.set(powers: [400: 100, 450: 250, 735: 900])
        #expect(await eventually { lamp.power(at: 400) == 100 && lamp.power(at: 735) == 900 })
        #expect(lamp.power(at: 450) == 250)
        #expect(lamp.power(at: 660) == 0)
        #expect(lamp.lastMasterPackage?.multicast == group)
        #expect(lamp.masterCounters.applied == 1)
        #expect(await master.health == .healthy)
        // The full list, in wire order.
        try await master.set(channels: [HeliospectraChannel(wavelength: 660, relativePower: 1000)])
        #expect(await eventually { lamp.power(at: 660) == 1000 })
        #expect(lamp.masterCounters.applied == 2)
        await master.stop()
        try await lamp.stop()
    }

    @Test func lampsSharingThePortAllApplyTheirMastersPackage() async throws {
        let group = IPv4Address(239, 50, 1, 2)
        let first = try await startLamp(group: group)
        let second = try await startLamp(group: group, udpPort: first.multicastPort, mac: 2)
        let other = try await startLamp(group: IPv4Address(239, 50, 1, 99), udpPort: first.multicastPort, mac: 3)
        let master = loopbackMaster(group: group, port: first.multicastPort)
        try await master.start()
        try await master.set(powers: [530: 530])
        #expect(await eventually { first.power(at: 530) == 530 && second.power(at: 530) == 530 })
        // A lamp following another master neither joined this group nor applies its packages.
        try await master.set(powers: [530: 531])
        #expect(await eventually { first.power(at: 530) == 531 && second.power(at: 530) == 531 })
        #expect(other.power(at: 530) == 0)
        #expect(other.masterCounters.applied == 0)
        await master.stop()
        for lamp in [first, second, other] { try await lamp.stop() }
    }

    @Test func theLatestSettingIsResentPeriodicallyWithRisingTimestamps() async throws {
        let group = IPv4Address(239, 50, 1, 3)
        let lamp = try await startLamp(group: group)
        let master = loopbackMaster(group: group, port: lamp.multicastPort, resend: .milliseconds(100))
        try await master.start()
        try await master.set(powers: [420: 42])
        #expect(await eventually { lamp.masterCounters.applied >= 4 })
        let counters = lamp.masterCounters
        #expect(counters.rejected(.stale) == 0 && counters.rejected(.duplicate) == 0)
        // The master counts a send once its write completed, which can be after the lamp
        // applied the package (one busy core).
        #expect(await eventually { await master.sentCount >= 4 })
        #expect(lamp.power(at: 420) == 42)
        await master.stop()
        try await lamp.stop()
    }

    @Test func timestampsWrapAndStayNewer() async throws {
        let group = IPv4Address(239, 50, 1, 4)
        let lamp = try await startLamp(group: group)
        let master = loopbackMaster(group: group, port: lamp.multicastPort, initialTimestamp: UInt64.max - 1)
        try await master.start()
        for value: UInt16 in [1, 2, 3] {
            try await master.set(powers: [400: value])
            #expect(await eventually { lamp.power(at: 400) == value })
        }
        #expect(lamp.masterCounters.applied == 3)
        #expect(lamp.lastMasterPackage?.timestamp == 0)
        #expect(lamp.masterCounters.rejected.isEmpty)
        await master.stop()
        try await lamp.stop()
    }

    @Test func badCRCStaleDuplicateForeignAndMalformedPackagesAreRejectedAndCounted() async throws {
        let group = IPv4Address(239, 50, 1, 5)
        let lamp = try await startLamp(group: group)
        let port = lamp.multicastPort
        let encoder = HeliospectraMasterEncoder()
        func package(_ timestamp: UInt64, _ power: UInt16, from master: IPv4Address = group) throws -> [UInt8] {
            try encoder.encode(
                HeliospectraMasterPackage(
                    timestamp: timestamp, multicast: master,
                    channels: [HeliospectraChannel(wavelength: 630, relativePower: power)]))
        }
        try await sendRaw(try package(1000, 600), to: group, port: port)
        #expect(await eventually { lamp.power(at: 630) == 600 })

        var badCRC = try package(1001, 7)
        badCRC[11] ^= 0xFF
        try await sendRaw(badCRC, to: group, port: port)
        #expect(await eventually { lamp.masterCounters.rejected(.crc) == 1 })

        try await sendRaw(try package(999, 8), to: group, port: port)
        #expect(await eventually { lamp.masterCounters.rejected(.stale) == 1 })

        try await sendRaw(try package(1000, 9), to: group, port: port)
        #expect(await eventually { lamp.masterCounters.rejected(.duplicate) == 1 })

        try await sendRaw(try package(2000, 10, from: IPv4Address(239, 50, 1, 6)), to: group, port: port)
        #expect(await eventually { lamp.masterCounters.rejected(.otherMaster) == 1 })

        try await sendRaw(Array(try package(1002, 11).dropLast(2)), to: group, port: port)
        #expect(await eventually { lamp.masterCounters.rejected(.malformed) == 1 })

        // None of them changed the lamp; the next good package still applies.
        #expect(lamp.power(at: 630) == 600)
        try await sendRaw(try package(1003, 700), to: group, port: port)
        #expect(await eventually { lamp.power(at: 630) == 700 })
        #expect(lamp.masterCounters.applied == 2)
        try await lamp.stop()
    }

    @Test func badSettingsAndUnstartedMastersThrowTypedErrors() async throws {
        let master = loopbackMaster(group: IPv4Address(239, 50, 1, 7), port: 9)
        #expect(await caught { try await master.set(powers: [400: 1]) } == .notStarted)
        try await master.start()
        let error = await caught { try await master.set(powers: [400: 1001]) }
        #expect(error == .encoding(.relativePowerOutOfRange(wavelength: 400, value: 1001)))
        #expect(await master.channels.isEmpty)
        await master.stop()
    }
}
