import ArgumentParser
import LightDrivers
import LightProtocols

/// `lightbridge monitor heliospectra-master --group G`: a Heliospectra master's light-setting
/// packages on its multicast group (PROTOCOLS.md §5; seed `000_f8b5ddd0b5e923dc.txt`), each with
/// the verdict a lamp would reach (``HeliospectraMasterFilter``: `first`, `newer`, `restarted`
/// are applied; `stale`, `duplicate` are not); `ABC321` discovery frames on the same port print
/// too. A package whose counts or CRC are wrong is a typed error on stderr.
struct MonitorHeliospectraMasterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heliospectra-master", abstract: "Heliospectra master packages on a multicast group.")

    @Option(help: "The master's multicast group, e.g. 239.1.1.1.")
    var group: String

    @Option(help: "UDP port.")
    var port = HeliospectraMasterFormat.udpPort

    @Option(help: "Address of the interface to join the group on (0.0.0.0: the kernel's choice).")
    var interface = "0.0.0.0"

    @OptionGroup var monitor: MonitorOptions

    func run() async throws {
        guard let groupAddress = IPv4Address(group), groupAddress.isMulticast else {
            throw ValidationError("--group is an IPv4 multicast address (224.0.0.0/4)")
        }
        guard let interfaceAddress = IPv4Address(interface) else {
            throw ValidationError("--interface is an IPv4 address")
        }
        let output = monitor.output()
        let tap: DatagramTap
        do {
            tap = try await DatagramTap.open(host: "0.0.0.0", port: port, group: groupAddress, interface: interfaceAddress)
        } catch {
            printError("error: cannot join \(group) on port \(port): \(error)")
            throw ExitCode(1)
        }
        output.note("listening to group \(group) on udp \(tap.port ?? port)")
        let source = "heliospectra-master:\(group)"
        let reader = Task {
            let decoder = HeliospectraMasterDecoder()
            let discovery = HeliospectraDiscoveryDecoder()
            var filter = HeliospectraMasterFilter()
            for await datagram in tap.datagrams {
                let from = JSONMember("from", .string(datagram.sender))
                do {
                    if datagram.bytes.starts(with: Array("ABC321".utf8)) {
                        let frame = try discovery.decodeDatagram(datagram.bytes)
                        output.emit(
                            source: source, protocol: "heliospectra-discovery", message: jsonLine(frame), extra: [from])
                    } else {
                        let package = try decoder.decodeDatagram(datagram.bytes)
                        let verdict = filter.check(package)
                        output.emit(
                            source: source, protocol: "heliospectra", message: jsonLine(package),
                            extra: [from, JSONMember("verdict", .string(verdict.rawValue))])
                    }
                } catch {
                    output.error(CodecFailure(error), from: datagram.sender)
                }
            }
        }
        let status = await monitor.wait(output)
        await tap.stop()
        reader.cancel()
        try exitWith(status)
    }
}
