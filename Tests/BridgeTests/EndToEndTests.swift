import Bridge
import BridgeCore
import BridgeIO
import LightDrivers
import LightProtocols
import NIOCore
import NIOPosix
import Simulators
import Testing

/// The bridge end to end over loopback and ptys (issue 5 item 6): inputs → bridge → simulated
/// lights of all five protocols.
@Suite(.serialized) struct EndToEndTests {
    @Test func plcFramesReachEveryLight() async throws {
        let harness = try await BridgeHarness()
        let bridge = try await harness.startBridge()
        harness.plc.write("~~~~~M1~~")
        #expect(await eventually { harness.showsMode(1) }, "mode 1 on every light")
        harness.plc.write("~~~~~M2~~")
        #expect(await eventually { harness.showsMode(2) }, "mode 2 on every light")
        #expect(await bridge.status.lastMode == 2)
        await bridge.stop()
        await harness.stop()
    }

    @Test func anIdleLightGetsTheEventInTheInputsOwnTurn() async throws {
        let harness = try await BridgeHarness()
        let bridge = try await harness.startBridge()
        harness.plc.write("~~~~~M1~~")
        #expect(await eventually { harness.showsMode(1) })
        await bridge.waitUntilIdle()
        let link = try #require(await bridge.worker("link"))
        #expect(await eventually { link.isWaitingForWork })
        let before = await link.counters.begunAtOnce
        // The sink routes and hands the actions to the light, which begins them, before it
        // returns: no task of the bridge has to run first (BENCHMARKS.md, trigger-to-wire
        // latency). (Whether the worker is still busy afterwards depends on how fast the Link
        // answered meanwhile; the counter does not.)
        bridge.sink(.command(.modeSet(mode: 2), from: SourceID("test")))
        #expect(await link.counters.begunAtOnce == before + 1)
        #expect(await eventually { harness.showsMode(2) })
        #expect(await eventually { await bridge.status.lastMode == 2 }, "the bookkeeping follows")
        await bridge.stop()
        await harness.stop()
    }

    @Test func garbageBetweenFramesLosesNoGoodFrameAndKeepsOrder() async throws {
        let harness = try await BridgeHarness()
        let bridge = try await harness.startBridge()
        // Each chunk mixes garbage (bytes outside frames, an unknown letter, a torn frame) with
        // one valid frame; the next chunk goes once the frame before it was applied (the
        // queues coalesce frames that arrive faster than a light takes them, by design).
        let chunks = ["\u{00}\u{FF}junk~~~~~M1~~", "~~~~~Z9~~~~~~~M2~~%%%", "~~~~~M~~~~~~~M1~~\r\n"]
        for (index, chunk) in chunks.enumerated() {
            harness.plc.write(chunk)
            #expect(await eventually { harness.helvar.recalls.count == index + 1 }, "chunk \(index)")
        }
        // The router saw scene 1, then 2, then 1 again: every valid frame, in order.
        #expect(harness.helvar.recalls.map(\.scene) == [1, 2, 1])
        #expect(await eventually { harness.showsMode(1) })
        await bridge.stop()
        await harness.stop()
    }

    @Test func aTCPClientSetsAModeAndGetsItsReply() async throws {
        let harness = try await BridgeHarness()
        let bridge = try await harness.startBridge()
        let reply = try await sendPacket([0x07, 0x05, 0x51, 0x00, 0x02], to: harness.tcpPort)
        #expect(reply == [0x07, 0x04, 0x51, 0x00])
        #expect(await eventually { harness.showsMode(2) })
        let refused = try await sendPacket([0x08, 0x05, 0x51, 0x00, 0x09], to: harness.tcpPort)
        #expect(refused == [0x08, 0x05, 0x7F, 0x51, 0x02], "mode 9 is not configured")
        await bridge.stop()
        await harness.stop()
    }

    @Test func aHeliospectraMasterPackageIsForwardedToOurLamp() async throws {
        let harness = try await BridgeHarness()
        let bridge = try await harness.startBridge()
        var settings = HeliospectraMasterSettings(
            group: harness.masterInputGroup, port: harness.masterInputPort, interface: IPv4Address(127, 0, 0, 1))
        settings.resendInterval = .seconds(1)
        let master = HeliospectraMaster(settings: settings)
        try await master.start()
        try await master.set(powers: [450: 321, 735: 654])
        #expect(await eventually { harness.lampControl.power(at: 450) == 321 && harness.lampControl.power(at: 735) == 654 })
        await master.stop()
        await bridge.stop()
        await harness.stop()
    }

    @Test func aHelvarPanelRecallSelectsAMode() async throws {
        let harness = try await BridgeHarness()
        let bridge = try await harness.startBridge()
        #expect(await eventually { await bridge.worker("router")?.health == .healthy })
        // A router pushes recalls to the connections it has accepted: the bridge's link can be
        // up before the simulator's event loop registered it (one busy core).
        #expect(await eventually { harness.helvar.clientCount > 0 })
        harness.helvar.recall(group: 2, block: 1, scene: 5)
        #expect(await eventually { harness.showsMode(2) })
        await bridge.stop()
        await harness.stop()
    }

    @Test func theLastModeIsReappliedAtStartUp() async throws {
        let directory = temporaryDirectory()
        defer { StateStore(directory: directory).remove() }
        let first = try await BridgeHarness(stateDirectory: directory)
        let bridge = try await first.startBridge()
        first.plc.write("~~~~~M2~~")
        #expect(await eventually { first.showsMode(2) })
        #expect(await eventually { StateStore(directory: directory).load() == 2 })
        await bridge.stop()
        await first.stop()

        // A new bridge (fresh lights, same state directory) re-applies mode 2 with no input.
        let second = try await BridgeHarness(stateDirectory: directory)
        let restarted = try await second.startBridge()
        #expect(await eventually { second.showsMode(2) })
        await restarted.stop()
        await second.stop()
    }

    @Test func aLightThatRestartsGetsItsStateBack() async throws {
        let harness = try await BridgeHarness()
        let bridge = try await harness.startBridge()
        harness.plc.write("~~~~~M1~~")
        #expect(await eventually { harness.showsMode(1) })
        let port = harness.helvar.tcpPort
        try await harness.helvar.stop()
        #expect(await eventually { await !(bridge.worker("router")?.health.isUp ?? true) })
        harness.helvar = try await HelvarRouterSimulator.start(.init(tcpPort: port, udpPort: nil), logger: quietLogger)
        #expect(harness.helvar.recalls.isEmpty, "the new router starts blank")
        #expect(await eventually { harness.helvar.recalls.last?.scene == 1 })
        await bridge.stop()
        await harness.stop()
    }

    @Test func reloadKeepsUnchangedInputsAndAppliesNewModes() async throws {
        let harness = try await BridgeHarness()
        let bridge = try await harness.startBridge()
        harness.plc.write("~~~~~M1~~")
        #expect(await eventually { harness.showsMode(1) })
        let text = harness.configurationText.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0 == "router = { group = 1, scene = 2 }" ? "router = { group = 1, scene = 7 }" : String($0)
        }
        let changed = try BridgeConfiguration(toml: text.joined(separator: "\n"))
        await bridge.reload(changed)
        // The PLC's pty stayed open (the same input), and mode 2 now recalls scene 7.
        harness.plc.write("~~~~~M2~~")
        #expect(await eventually { harness.helvar.recalls.last?.scene == 7 })
        await bridge.stop()
        await harness.stop()
    }

    /// Sends one packet to the TCP input and returns the reply.
    func sendPacket(_ bytes: [UInt8], to port: Int) async throws -> [UInt8] {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(bytes: bytes))
            var reply: [UInt8] = []
            for try await chunk in inbound {
                reply += Array(chunk.readableBytesView)
                if reply.count >= 4 && reply.count >= Int(reply[1]) { break }
            }
            return reply
        }
    }
}
