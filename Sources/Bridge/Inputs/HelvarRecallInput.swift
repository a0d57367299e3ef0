import BridgeCore
import LightProtocols
import Logging
import NIOConcurrencyHelpers

/// Scene recalls pushed by a Helvar router (a wall panel, another controller) select modes
/// (PROTOCOLS.md §2): each recall that the `recalls` table maps becomes a mode set, as if the
/// PLC had sent it. The router's connection belongs to its light output.
final class HelvarRecallInput: BridgeInput {
    let name: String
    private let output: HelvarLightOutput
    private let recalls: [HelvarRecallMode]
    private let sink: BridgeEventSink
    private let logger: Logger
    private let active = NIOLockedValueBox(false)

    init(name: String, output: HelvarLightOutput, recalls: [HelvarRecallMode], logger: Logger, sink: @escaping BridgeEventSink) {
        self.name = name
        self.output = output
        self.recalls = recalls
        self.logger = logger
        self.sink = sink
    }

    func start() async {
        let (recalls, sink, active, logger, source) = (recalls, sink, active, logger, SourceID(name))
        active.withLockedValue { $0 = true }
        output.onRecall { group, block, scene in
            guard active.withLockedValue({ $0 }) else { return }
            guard
                let match = recalls.first(where: {
                    $0.group == Int(group) && $0.block == Int(block) && $0.scene == Int(scene)
                })
            else {
                logger.info("\(source): recall group \(group) scene \(block).\(scene) selects no mode")
                return
            }
            sink(.command(.modeSet(mode: UInt16(clamping: match.mode)), from: source))
        }
    }

    func stop() async { active.withLockedValue { $0 = false } }
}
