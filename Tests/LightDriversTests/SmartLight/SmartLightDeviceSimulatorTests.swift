import BridgeIO
import LightProtocols
import Simulators
import Testing

/// The Smart Light device simulator on its own, with raw bytes (issue 4 item 6; PROTOCOLS.md
/// §1.4): replies, refusals, malformed packets and several clients.
@Suite struct SmartLightDeviceSimulatorTests {
    @Test func answersAndRefusesByThePacketRules() async throws {
        let sim = try await startSmartLightSimulator(configuredModes: [1...9])
        let client = try await RawSmartLightClient.connect(port: sim.port)
        // The seed's example (mode 255) is not in this recipe: code 2.
        try await client.send([0x01, 0x05, 0x51, 0x00, 0xFF])
        #expect(await eventually { client.received.count == 5 })
        #expect(client.received == [0x01, 0x05, 0x7F, 0x51, 0x02])
        // Level with 21 lights: well-formed, out of range: code 1, state unchanged.
        try await client.send([0x07, 0x08, 0x50, 0x02, 0x00, 0x00, 21, 0x00])
        #expect(await eventually { client.received.count == 10 })
        #expect(client.received.suffix(5) == [0x07, 0x05, 0x7F, 0x50, 0x01])
        #expect(sim.state.display == .cleared)
        // The connection stays open after refusals; a good packet succeeds.
        try await client.send([0x08, 0x05, 0x51, 0x00, 0x09])
        #expect(await eventually { client.received.count == 14 })
        #expect(client.received.suffix(4) == [0x08, 0x04, 0x51, 0x00])
        #expect(sim.state.display == .mode(9))
        #expect(sim.refusals == [.modeNotConfigured, .valueOutOfRange])
        #expect(!client.closed)
        await client.close()
        try await sim.stop()
    }

    @Test(
        arguments: [
            ([0x01, 0x06, 0x51, 0x00, 0x01, 0x00], "declares length 6"),  // length disagrees
            ([0x01, 0x05, 0x60, 0x00, 0x01], "unknown packet command 0x60"),  // unknown command
            ([0x01, 0x08, 0x50, 0x09, 0x00, 0x00, 0x00, 0x00], "unknown direct-set type 0x09"),  // unknown subtype
            ([0x01, 0x04, 0x51, 0x00], "not a request"),  // a reply sent to the light
        ] as [([UInt8], String)])
    func malformedPacketsCloseThatConnectionOnly(packet: [UInt8], reason: String) async throws {
        let sim = try await startSmartLightSimulator()
        let bad = try await RawSmartLightClient.connect(port: sim.port)
        let good = try await RawSmartLightClient.connect(port: sim.port)
        try await bad.send(packet + [0x02, 0x05, 0x51, 0x00, 0x03])  // the good packet behind it is never read
        #expect(await eventually { bad.closed })
        #expect(bad.received.isEmpty)
        #expect(sim.malformedReasons.count == 1)
        #expect(sim.malformedReasons.first?.contains(reason) == true, "\(sim.malformedReasons)")
        #expect(sim.received.isEmpty)
        try await good.send([0x03, 0x05, 0x51, 0x00, 0x04])
        #expect(await eventually { good.received == [0x03, 0x04, 0x51, 0x00] })
        #expect(!good.closed)
        #expect(sim.state.display == .mode(4))
        await good.close()
        try await sim.stop()
    }

    @Test func theSerialSideReadsFramesFromATtyPath() async throws {
        // A pseudo-terminal's slave stands in for the tty at the end of a null-modem cable.
        let pty = try PseudoTerminal()
        let sim = try await SmartLightDeviceSimulator.start(
            SmartLightDeviceSimulatorSettings(port: nil, serial: .device(path: pty.path, baudRate: 9600)))
        #expect(sim.serialPath == pty.path)
        #expect(sim.ports.isEmpty)
        pty.write("~~~~~M7~~junk~~~~~LBG071~~")
        let level = SmartLightLevelMode(levelType: .fillFromBottom, colour: .green, lightCount: 7, buzzer: .continuous)
        #expect(await eventually { sim.state.display == .level(level) })
        #expect(sim.received == [.modeSet(mode: 7), .level(level)])
        #expect(sim.serialErrors == ["skipped 4 byte(s) outside any frame"])
        try await sim.stop()
    }

    @Test func clientsShareOneLight() async throws {
        let sim = try await startSmartLightSimulator()
        let a = try await RawSmartLightClient.connect(port: sim.port)
        let b = try await RawSmartLightClient.connect(port: sim.port)
        try await a.send([0x01, 0x06, 0x52, 10, 20, 30])
        #expect(await eventually { a.received == [0x01, 0x04, 0x52, 0x00] })
        // A packet split across writes is put together.
        try await b.send([0x01, 0x09, 0x50, 0x03])
        try await b.send([2, 0, 7, 4, 0])
        #expect(await eventually { b.received == [0x01, 0x04, 0x50, 0x00] })
        #expect(sim.state.userColour == SmartLightRGB(red: 10, green: 20, blue: 30))
        #expect(
            sim.state.display
                == .runLight(SmartLightRunLight(segmentCount: 2, runColour: .red, backColour: .off, speed: .fast, buzzer: .off))
        )
        #expect(sim.connectionCount == 2)
        await a.close()
        await b.close()
        try await sim.stop()
    }
}
