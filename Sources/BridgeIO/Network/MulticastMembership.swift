import LightProtocols
import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// IPv4 multicast group membership for a NIO datagram channel (PROTOCOLS.md §5: each
/// Heliospectra master has its own group).
public enum MulticastMembership {
    /// Joins `group` on the interface with address `interface` (`IP_ADD_MEMBERSHIP`), and asks
    /// for that group's datagrams only (`IP_MULTICAST_ALL` off), so several listeners of
    /// different groups on one port stay apart. Works on a loopback interface without the
    /// MULTICAST flag, which NIO's own `joinGroup(_:device:)` refuses.
    public static func join(_ group: IPv4Address, on interface: IPv4Address, _ channel: any Channel) async throws {
        guard let provider = channel as? any SocketOptionProvider else { return }
        let request = ip_mreq(
            imr_multiaddr: in_addr(s_addr: group.value.bigEndian), imr_interface: in_addr(s_addr: interface.value.bigEndian))
        try await provider.unsafeSetSocketOption(level: .ip, name: .ip_add_membership, value: request).get()
        #if os(Linux)
            try await provider.unsafeSetSocketOption(
                level: .ip, name: NIOBSDSocket.Option(rawValue: Int32(IP_MULTICAST_ALL)), value: CInt(0)
            ).get()
        #endif
    }
}
