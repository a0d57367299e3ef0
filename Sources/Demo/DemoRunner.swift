import Bridge
import BridgeCore
import BridgeIO
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// `lightbridge demo` (issue 5 item 3): with no hardware and no configuration, starts the five
/// simulators on loopback, a bridge with ``DemoConfiguration``, and a pseudo-terminal PLC that
/// plays ``DemoScript``; after each step it prints what every simulated light shows and checks
/// it against what the step must produce.
public enum DemoRunner {
    /// Runs the demo, printing through `print`; returns 0 when every light showed what it must
    /// after every step, 1 otherwise.
    public static func run(
        print: @escaping @Sendable (String) -> Void, logger: Logger, stepTimeout: Duration = .seconds(10)
    ) async throws -> Int32 {
        let lights = try await DemoLights.start(logger: logger)
        let plc = try PseudoTerminal()
        var template = Array("/tmp/lightbridge-demo-XXXXXX".utf8CString)
        let stateDirectory =
            template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
            .map { String(cString: $0) } ?? "/tmp"
        let text = DemoConfiguration.text(lights: lights, plcPath: plc.path, stateDirectory: stateDirectory)
        let configuration = try BridgeConfiguration(toml: text, source: "<demo>")
        let bridge = Bridge(configuration: configuration, logger: logger)
        await bridge.start()
        print("LightBridge demo: six simulated lights of five protocols on 127.0.0.1, a PLC on \(plc.path)")
        print("")

        var failures = 0
        var frames = 0
        for (number, step) in DemoScript.steps.enumerated() {
            print("\(number + 1). \(step.title)")
            print("   PLC writes: \(visible(step.bytes))")
            frames += step.validFrames
            plc.write(step.bytes)
            let ok = await settle(bridge: bridge, lights: lights, step: step, frames: frames, timeout: stepTimeout)
            if let counters = await bridge.inputCounters("plc"), step.validFrames == 0 {
                print("   the bridge rejected it: \(counters.errors) bad stretches so far, \(counters.frames) good frames")
            }
            for ((light, shows), expected) in zip(lights.describe(), step.expected) {
                let mark = shows == expected ? "✓" : "✗ expected \(expected)"
                print("   \(pad(light, 32)) \(shows)  \(mark)")
            }
            if !ok { failures += 1 }
            print("")
        }
        await bridge.stop()
        await lights.stop()
        // The bridge saved the last mode there; the demo keeps nothing once it is over.
        StateStore(directory: stateDirectory).remove()
        if failures == 0 {
            print("Every light showed what every step asked for.")
            return 0
        }
        print("\(failures) step(s) did not reach every light.")
        return 1
    }

    /// Waits until the bridge has seen `frames` commands in all, its lights are idle, and they
    /// show what `step` expects (or `timeout` passes).
    private static func settle(
        bridge: Bridge, lights: DemoLights, step: DemoStep, frames: Int, timeout: Duration
    ) async -> Bool {
        let end = ContinuousClock.now + timeout
        while ContinuousClock.now < end {
            if await bridge.status.events >= frames {
                await bridge.waitUntilIdle()
                if lights.describe().map(\.shows) == step.expected {
                    // A rejected frame changes nothing: give it time to prove it.
                    if step.validFrames == 0 { try? await Task.sleep(for: .milliseconds(200)) }
                    return lights.describe().map(\.shows) == step.expected
                }
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    private static func visible(_ text: String) -> String {
        text.unicodeScalars.map { $0.value < 0x20 ? "\\x" + hex($0.value) : String($0) }.joined()
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(value >> 4) & 0xF], digits[Int(value) & 0xF]])
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
