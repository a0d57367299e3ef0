import ArgumentParser
import LightProtocols
import Simulators

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// `lightbridge simulate helvar [--port N] [--udp-port N] [--workgroup FILE]`: a HelvarNet
/// router (docs/SIMULATORS.md). TCP on `--port` (50000), UDP on `--udp-port` (50001; with
/// `--port 0` a free one, with another `--port` the next port up).
enum HelvarSimulatorCLI: CLISimulator {
    static let name = "helvar"
    static let summary = "HelvarNet router (TCP 50000, UDP 50001)"

    static func start(_ options: SimulatorOptions, extra: [String]) async throws -> any Simulator {
        var workgroup = HelvarWorkgroup.standard
        var udpPort: Int?
        var i = 0
        while i < extra.count {
            let key = extra[i]
            guard i + 1 < extra.count else { throw ValidationError("\(key) needs a value") }
            let value = extra[i + 1]
            switch key {
            case "--workgroup":
                let text = try readTextFile(value)
                do {
                    workgroup = try HelvarWorkgroup.parse(json: text)
                } catch {
                    throw ValidationError("workgroup file \(value): \(error)")
                }
            case "--udp-port":
                guard let n = Int(value), (0...65535).contains(n) else { throw ValidationError("bad --udp-port \(value)") }
                udpPort = n
            default:
                throw ValidationError("unknown helvar option \(key) (--workgroup FILE, --udp-port N)")
            }
            i += 2
        }
        let tcpPort = options.port ?? HelvarFormat.tcpPort
        let udp = udpPort ?? (options.port == nil ? HelvarFormat.udpPort : (tcpPort == 0 ? 0 : tcpPort + 1))
        return try await HelvarRouterSimulator.start(
            .init(host: options.host, tcpPort: tcpPort, udpPort: udp, workgroup: workgroup))
    }
}

/// Reads a whole text file.
func readTextFile(_ path: String) throws -> String {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw ValidationError("cannot open \(path) (errno \(errno))") }
    defer { close(fd) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        if n < 0 { throw ValidationError("cannot read \(path) (errno \(errno))") }
        if n == 0 { break }
        out.append(contentsOf: chunk[0..<n])
    }
    return String(decoding: out, as: UTF8.self)
}
