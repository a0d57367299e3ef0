import LightDrivers
import LightProtocols
import NIOCore
import NIOPosix
import Testing

/// A scripted light on loopback: each packet it reads (one per write; the driver's packets are
/// small) is answered with whatever `answer` makes of it.
final class ScriptedSmartLight: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    let answer: @Sendable ([UInt8]) -> [UInt8]

    init(answer: @escaping @Sendable ([UInt8]) -> [UInt8]) { self.answer = answer }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = Array(unwrapInboundIn(data).readableBytesView)
        while bytes.count >= 3 {
            let length = max(Int(bytes[1]), 3)
            let packet = Array(bytes.prefix(length))
            bytes.removeFirst(min(length, bytes.count))
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: answer(packet))), promise: nil)
        }
    }

    static func start(_ answer: @escaping @Sendable ([UInt8]) -> [UInt8]) async throws -> any Channel {
        try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ScriptedSmartLight(answer: answer))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }
}

/// Bad bytes from the light never win (issue 4; PROTOCOLS.md §1.4): they are reported as typed
/// errors and the good reply behind them still counts.
@Suite struct SmartLightDriverBadReplyTests {
    @Test func garbageBeforeAReplyIsReportedAndTheReplyStillCounts() async throws {
        let server = try await ScriptedSmartLight.start { p in [0xEE, 0xEE, 0xEE] + [p[0], 4, p[2], 0] }
        let driver = SmartLightDriver(settings: smartLightTCPSettings(port: server.localAddress?.port ?? 0))
        let log = SmartLightEventLog(driver)
        await driver.start()
        try await driver.setMode(3)
        try await driver.setMode(4)
        #expect(await eventually { log.all.contains(.protocolError(.unknownPacketCommand(0xEE))) })
        #expect(await driver.health == .healthy)
        await driver.stop()
        log.cancel()
        try await server.close()
    }

    @Test func aReplyNamingAnotherCommandIsAMismatch() async throws {
        let server = try await ScriptedSmartLight.start { p in [p[0], 4, 0x52, 0] }
        let driver = SmartLightDriver(settings: smartLightTCPSettings(port: server.localAddress?.port ?? 0))
        await driver.start()
        let error = await outcome(driver, .modeSet(mode: 1))
        guard case .replyMismatch(_, 0x51, 0x52) = error else {
            Issue.record("expected a mismatch, got \(String(describing: error))")
            return
        }
        #expect(await driver.health != .healthy)
        await driver.stop()
        try await server.close()
    }

    @Test func aReplyForAnIdNobodyWaitsForIsAnEvent() async throws {
        // Answers every packet twice: once for the id after it (unasked), then properly.
        let server = try await ScriptedSmartLight.start { p in [p[0] &+ 1, 4, p[2], 0, p[0], 4, p[2], 0] }
        let driver = SmartLightDriver(settings: smartLightTCPSettings(port: server.localAddress?.port ?? 0))
        let log = SmartLightEventLog(driver)
        await driver.start()
        try await driver.setMode(1)
        #expect(
            await eventually {
                log.all.contains { if case .unmatched(let p) = $0 { p.payload == .reply(command: 0x51) } else { false } }
            })
        await driver.stop()
        log.cancel()
        try await server.close()
    }
}
