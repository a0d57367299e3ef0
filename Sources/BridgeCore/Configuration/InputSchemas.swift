/// The keys each input type accepts under `[inputs.NAME]` (besides `type` and `description`).
/// Sources: PROTOCOLS.md §1.2–1.5, §2, §5 and issue 3.
public enum InputSchemas {
    /// The schema of `kind`.
    public static func schema(for kind: InputConfiguration.Kind) -> [OptionSpec] {
        switch kind {
        case .serial:
            return [
                OptionSpec("device", .path), OptionSpec("usb", .usbID), OptionSpec("serial_number", .text),
                OptionSpec("baud", .integer(50...4_000_000)), OptionSpec("data_bits", .integer(5...8)),
                OptionSpec("parity", .choice(["none", "even", "odd"])), OptionSpec("stop_bits", .integer(1...2)),
                OptionSpec("flow_control", .choice(["none", "rts-cts", "xon-xoff"])), OptionSpec("delimiter", .character),
            ]
        case .gpio:
            return [
                OptionSpec("board", .text), OptionSpec("chip", .text), OptionSpec("lines", .integers(0...1023)),
                OptionSpec("strobe", .integer(0...1023)), OptionSpec("use_strobe", .flag), OptionSpec("active_low", .flag),
                OptionSpec("settle_ms", .milliseconds(0...10_000)),
                OptionSpec("bias", .choice(GPIOBias.allCases.map(\.rawValue))),
            ]
        case .usb:
            return [
                OptionSpec("usb", .usbID, required: true), OptionSpec("serial_number", .text),
                OptionSpec("interface", .integer(0...255)), OptionSpec("out_endpoint", .integer(0...255)),
                OptionSpec("in_endpoint", .integer(0...255)), OptionSpec("byte_order", .choice(["msb", "lsb"])),
            ]
        case .tcp:
            return [
                OptionSpec("bind", .host), OptionSpec("port", .port), OptionSpec("allow", .texts),
                OptionSpec("max_connections", .integer(1...1000)), OptionSpec("byte_order", .choice(["msb", "lsb"])),
            ]
        case .heliospectraMaster:
            return [
                OptionSpec("group", .multicastGroup, required: true), OptionSpec("port", .port),
                OptionSpec("interface", .host), OptionSpec("lights", .texts, required: true),
            ]
        case .helvarRecalls:
            return [OptionSpec("light", .text, required: true)]
        }
    }

    /// Keys read by hand rather than by the schema.
    static func extraKeys(for kind: InputConfiguration.Kind) -> Set<String> {
        switch kind {
        case .serial: return ["codes"]
        case .helvarRecalls: return ["recalls"]
        default: return []
        }
    }
}
