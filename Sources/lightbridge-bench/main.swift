import LightProtocols

// Codec throughput benchmark (issue 2, item 10): decode rate of long streams in MB/s and
// frames/s. Run a release build: `swift run -c release lightbridge-bench` (see BENCHMARKS.md).
// Each stream is decoded in 64 KiB pieces, as a socket would hand them over, several rounds;
// the best and median rounds are printed. A run whose frame count is wrong fails.

let arguments = CommandLine.arguments.dropFirst()
let rounds = arguments.first.flatMap { Int($0) } ?? 7
let targetBytes = 64 << 20
var failed = false

for benchmark in codecBenchmarks() {
    let stream = benchmark.stream(targetBytes)
    var seconds: [Double] = []
    for _ in 0..<rounds {
        let clock = ContinuousClock()
        let start = clock.now
        let (messages, errors) = benchmark.decode(stream.bytes)
        let elapsed = clock.now - start
        if messages != stream.frames || errors != 0 {
            print("\(benchmark.name): decoded \(messages) messages and \(errors) errors, expected \(stream.frames) and 0")
            failed = true
            break
        }
        let (s, atto) = elapsed.components
        seconds.append(Double(s) + Double(atto) * 1e-18)
    }
    guard !seconds.isEmpty else { continue }
    seconds.sort()
    let best = seconds[0]
    let median = seconds[seconds.count / 2]
    let megabytes = Double(stream.bytes.count) / 1_000_000
    print(
        "\(benchmark.name): \(stream.bytes.count) bytes, \(stream.frames) frames, \(rounds) rounds | "
            + "best \(fixed(megabytes / best)) MB/s \(fixed(Double(stream.frames) / best / 1e6)) M frames/s | "
            + "median \(fixed(megabytes / median)) MB/s \(fixed(Double(stream.frames) / median / 1e6)) M frames/s")
}
if failed { fatalError("benchmark decoded the wrong number of frames") }

/// `value` with one decimal place, without Foundation's formatters.
func fixed(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
}
