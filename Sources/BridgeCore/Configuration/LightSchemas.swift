/// The keys each light protocol accepts under `[lights.NAME]` (besides `protocol` and
/// `description`), with their kinds; defaults live in the drivers' settings and are listed in
/// `examples/lightbridge.toml`. Sources: PROTOCOLS.md §1–5 and issue 4.
public enum LightSchemas {
    /// The schema of `kind`.
    public static func schema(for kind: LightKind) -> [OptionSpec] {
        switch kind {
        case .helvar: return helvar
        case .lightwave: return lightwave
        case .lumencor: return lumencor
        case .heliospectra: return heliospectra
        case .smartlight: return smartlight
        }
    }

    static let timeouts: [OptionSpec] = [
        OptionSpec("reply_timeout_ms", .milliseconds(1...60_000)),
        OptionSpec("connect_timeout_ms", .milliseconds(1...60_000)),
    ]

    /// HelvarNet router (§2).
    static let helvar: [OptionSpec] =
        [
            OptionSpec("host", .host, required: true), OptionSpec("port", .port),
            OptionSpec("transport", .choice(["tcp", "udp"])), OptionSpec("encoding", .choice(["ascii", "raw"])),
            OptionSpec("acknowledge", .flag), OptionSpec("keepalive_s", .seconds(0...86_400)),
            OptionSpec("write_interval_ms", .milliseconds(0...10_000)),
        ] + timeouts

    /// LightwaveRF Link (§3).
    static let lightwave: [OptionSpec] = [
        OptionSpec("host", .host, required: true), OptionSpec("port", .port), OptionSpec("reply_port", .port),
        OptionSpec("broadcast", .flag), OptionSpec("link", .text), OptionSpec("await_confirmation", .flag),
        OptionSpec("reply_timeout_ms", .milliseconds(1...60_000)), OptionSpec("pacing_ms", .milliseconds(0...10_000)),
    ]

    /// Lumencor light engine (§4).
    static let lumencor: [OptionSpec] =
        [
            OptionSpec("transport", .choice(["tcp", "udp", "serial"])), OptionSpec("host", .host),
            OptionSpec("port", .port), OptionSpec("device", .path), OptionSpec("baud", .integer(50...4_000_000)),
            OptionSpec("answer_timeout_ms", .milliseconds(1...60_000)), OptionSpec("poll_s", .seconds(0...86_400)),
            OptionSpec("channels", .texts),
        ] + timeouts

    /// Heliospectra lamp (control socket) or lamp group (master packages) (§5).
    static let heliospectra: [OptionSpec] =
        [
            OptionSpec("via", .choice(["control", "master"])), OptionSpec("host", .host), OptionSpec("port", .port),
            OptionSpec("group", .multicastGroup), OptionSpec("multicast_port", .port),
            OptionSpec("master_address", .host), OptionSpec("interface", .host),
            OptionSpec("resend_s", .seconds(0.01...86_400)), OptionSpec("wavelengths", .integers(200...2000)),
        ] + timeouts

    /// Caron Smart Light (§1).
    static let smartlight: [OptionSpec] =
        [
            OptionSpec("transport", .choice(["tcp", "serial", "usb"])), OptionSpec("host", .host),
            OptionSpec("port", .port), OptionSpec("device", .path), OptionSpec("baud", .integer(50...4_000_000)),
            OptionSpec("delimiter", .character), OptionSpec("byte_order", .choice(["msb", "lsb"])),
            OptionSpec("usb", .usbID), OptionSpec("pass_modes", .flag),
        ] + timeouts

    /// The transport a light uses when `transport` is not given.
    public static func transport(of light: LightConfiguration) -> String {
        if let chosen = light.options.text("transport") { return chosen }
        switch light.kind {
        case .helvar, .lumencor, .smartlight: return "tcp"
        case .lightwave: return "udp"
        case .heliospectra: return light.options.text("via") ?? (light.options.text("host") != nil ? "control" : "master")
        }
    }

    /// Keys a transport needs that the schema cannot express alone.
    static func requiredKeys(kind: LightKind, transport: String) -> [String] {
        switch (kind, transport) {
        case (.lumencor, "serial"), (.smartlight, "serial"): return ["device"]
        case (.lumencor, _), (.smartlight, "tcp"): return ["host"]
        case (.smartlight, "usb"): return ["usb"]
        case (.heliospectra, "control"): return ["host"]
        case (.heliospectra, "master"): return ["group"]
        default: return []
        }
    }
}
