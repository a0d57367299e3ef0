import ArgumentParser
import LightDrivers
import LightProtocols

/// `lightbridge monitor lightwave`: everything a LightwaveRF Link sends to the reply port
/// (PROTOCOLS.md §3; seed 004): `OK`/`ERR` replies to any client on this machine, `?V=` and the
/// `*!{…}` JSON events, each as its `lightwave` message. The port is shared with the driver
/// (`SO_REUSEPORT`); bound to 0.0.0.0 it hears the Link's broadcast copies too. A Link sends
/// each datagram twice (broadcast and unicast): a copy identical to one within the last 2 s is
/// dropped unless `--duplicates`. Datagrams that do not decode are typed errors on stderr.
struct MonitorLightwaveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lightwave", abstract: "LightwaveRF Link replies and JSON events on the reply port.")

    @Option(help: "The reply port.")
    var port = LightwaveUDP.replyPort

    @Option(help: "Address to bind (0.0.0.0 hears broadcasts).")
    var bind = "0.0.0.0"

    @Flag(help: "Print broadcast/unicast duplicates too.")
    var duplicates = false

    @OptionGroup var monitor: MonitorOptions

    func run() async throws {
        let output = monitor.output()
        let tap: DatagramTap
        do {
            tap = try await DatagramTap.open(host: bind, port: port)
        } catch {
            printError("error: cannot listen on udp \(bind):\(port): \(error)")
            throw ExitCode(1)
        }
        output.note("listening on udp \(bind):\(tap.port ?? port)")
        let keepDuplicates = duplicates
        let source = "lightwave:\(bind):\(tap.port ?? port)"
        let reader = Task {
            var recent: [(bytes: [UInt8], at: ContinuousClock.Instant)] = []
            for await datagram in tap.datagrams {
                let now = ContinuousClock.now
                recent.removeAll { now - $0.at > .seconds(2) }
                if !keepDuplicates {
                    if recent.contains(where: { $0.bytes == datagram.bytes }) { continue }
                    recent.append((datagram.bytes, now))
                }
                do {
                    let message = try LightwaveUDP.decodeDatagram(datagram.bytes)
                    output.emit(
                        source: source, protocol: "lightwave", message: jsonLine(message),
                        extra: [JSONMember("from", .string(datagram.sender))])
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
