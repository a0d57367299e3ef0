import LightProtocols

/// How a simulated Smart Light is reached and what it accepts (issue 4 item 6; PROTOCOLS.md
/// §1.2–§1.4; seed `002_5fdeac084bbe168a.txt`).
public struct SmartLightDeviceSimulatorSettings: Sendable {
    /// A serial side that reads RS232 frames (and never answers, like the light).
    public enum Serial: Sendable, Hashable {
        /// A new pseudo-terminal; its slave path is ``SmartLightDeviceSimulator/serialPath``.
        case pseudoTerminal
        /// An existing tty (e.g. the far end of a null-modem cable), opened raw at `baudRate`.
        case device(path: String, baudRate: Int)
    }

    /// Address the TCP server binds (loopback by default).
    public var host: String
    /// TCP port (13000, seed); 0 picks a free one; `nil`: no TCP server.
    public var port: Int?
    /// The serial side, if any.
    public var serial: Serial?
    /// Recipe modes besides 0 (which always clears). Default 1…255, an assumption: the seed
    /// numbers modes with 16 bits but a recipe holds a few dozen.
    public var configuredModes: [ClosedRange<UInt16>]
    /// Byte order of mode numbers in packets (§1.4: MSB first by default).
    public var modeByteOrder: SmartLightPacketFormat.ModeByteOrder
    /// RS232 delimiter and code table of the serial side (§1.2, §1.3).
    public var frameFormat: SmartLightFrameFormat

    /// Creates settings; the defaults are TCP on 127.0.0.1:13000, no serial side, modes 1…255.
    public init(
        host: String = "127.0.0.1", port: Int? = SmartLightPacketFormat.tcpPort, serial: Serial? = nil,
        configuredModes: [ClosedRange<UInt16>] = [1...255], modeByteOrder: SmartLightPacketFormat.ModeByteOrder = .msbFirst,
        frameFormat: SmartLightFrameFormat = .standard
    ) {
        self.host = host
        self.port = port
        self.serial = serial
        self.configuredModes = configuredModes
        self.modeByteOrder = modeByteOrder
        self.frameFormat = frameFormat
    }

    /// Parses a mode list such as `1-255` or `1-10,20,30-31`.
    public static func parseModes(_ text: String) -> [ClosedRange<UInt16>]? {
        var ranges: [ClosedRange<UInt16>] = []
        for part in text.split(separator: ",") {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(ends.count), let low = UInt16(ends[0]), let high = UInt16(ends[ends.count - 1]),
                low <= high
            else { return nil }
            ranges.append(low...high)
        }
        return ranges.isEmpty ? nil : ranges
    }
}
