import LightDrivers
import LightProtocols
import NIOCore
import NIOPosix
import Testing

/// ``DatagramTap`` (the `lightbridge monitor` listener) over real loopback sockets: unicast
/// datagrams with their sender, a shared port, a multicast group joined on loopback.
@Suite struct DatagramTapTests {
    /// Sends `bytes` to `host:port` from a fresh socket (multicast out of loopback).
    private func send(_ bytes: [UInt8], to host: String, port: Int) async throws {
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        if let provider = channel as? any SocketOptionProvider {
            try await provider.setIPMulticastIF(in_addr(s_addr: IPv4Address(127, 0, 0, 1).value.bigEndian)).get()
            try await provider.setIPMulticastLoop(1).get()
        }
        let address = try SocketAddress(ipAddress: host, port: port)
        try await channel.writeAndFlush(AddressedEnvelope(remoteAddress: address, data: ByteBuffer(bytes: bytes))).get()
        try await channel.close()
    }

    /// The first datagram on `tap`, or `nil` after 15 s.
    private func first(_ tap: DatagramTap) async -> TappedDatagram? {
        await withTaskGroup(of: TappedDatagram?.self) { group in
            group.addTask {
                for await datagram in tap.datagrams { return datagram }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(15))
                return nil
            }
            let result = await group.next() ?? nil
            group.cancelAll()
            await tap.stop()
            return result
        }
    }

    @Test func unicastDatagramsArriveWithTheirSender() async throws {
        let tap = try await DatagramTap.open(host: "127.0.0.1", port: 0)
        let port = try #require(tap.port)
        try await send(Array("1,OK\r\n".utf8), to: "127.0.0.1", port: port)
        let datagram = try #require(await first(tap))
        #expect(datagram.bytes == Array("1,OK\r\n".utf8))
        #expect(datagram.sender.hasPrefix("127.0.0.1:"))
    }

    @Test func twoTapsShareOnePort() async throws {
        let one = try await DatagramTap.open(host: "0.0.0.0", port: 0)
        let port = try #require(one.port)
        let two = try await DatagramTap.open(host: "0.0.0.0", port: port)
        #expect(two.port == port)
        await one.stop()
        await two.stop()
    }

    @Test func multicastGroupJoinedOnLoopback() async throws {
        let group = try #require(IPv4Address("239.77.1.9"))
        let tap = try await DatagramTap.open(
            host: "0.0.0.0", port: 0, group: group, interface: IPv4Address(127, 0, 0, 1))
        let port = try #require(tap.port)
        try await send([1, 2, 3], to: "239.77.1.9", port: port)
        let datagram = try #require(await first(tap))
        #expect(datagram.bytes == [1, 2, 3])
    }
}
