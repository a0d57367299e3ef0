import LightProtocols

/// What a ``LumencorDriver`` reads from the engine at connect (PROTOCOLS.md §4: intensity is
/// 0…`MAXINT`, always read it; seed "Get Channel Map": channel IDs are zero-based in `CHMAP`
/// order), so actions can be given in percent or by colour name.
public struct LumencorEngineInfo: Sendable, Hashable {
    /// `GET MAXINT`: the largest intensity count.
    public var maxIntensity: Int
    /// `GET NUMCH`: the number of channels.
    public var channelCount: Int
    /// `GET CHMAP`: colour mnemonics, channel 0 first (as many as `NUMCH`; an engine whose map
    /// is shorter leaves the last channels nameless).
    public var colours: [String]

    /// Creates an engine description.
    public init(maxIntensity: Int, channelCount: Int, colours: [String]) {
        self.maxIntensity = maxIntensity
        self.channelCount = channelCount
        self.colours = colours
    }

    /// The index of `channel`, or `nil` when the engine has no such channel.
    public func index(of channel: LumencorChannel) -> Int? {
        switch channel {
        case .index(let i): return (0..<channelCount).contains(i) ? i : nil
        case .colour(let name):
            let wanted = Self.uppercased(name)
            return colours.prefix(channelCount).firstIndex { Self.uppercased($0) == wanted }
        }
    }

    /// The counts for `percent` (0…100) of ``maxIntensity``, rounded to the nearest count
    /// (half away from zero).
    public func counts(percent: Double) throws(LumencorError) -> Int {
        try LumencorIntensity.counts(percent: percent, maxIntensity: maxIntensity)
    }

    static func uppercased(_ text: String) -> String {
        String(decoding: text.utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
    }
}

/// A channel of a Lumencor engine: by zero-based index, or by its `CHMAP` colour name (ASCII
/// case ignored). Integer and string literals work: `2`, `"green"`.
public enum LumencorChannel: Sendable, Hashable, CustomStringConvertible, ExpressibleByIntegerLiteral,
    ExpressibleByStringLiteral
{
    /// Channel ID, 0 first.
    case index(Int)
    /// Colour mnemonic, e.g. `GREEN`.
    case colour(String)

    public init(integerLiteral value: Int) { self = .index(value) }
    public init(stringLiteral value: String) { self = .colour(value) }

    public var description: String {
        switch self {
        case .index(let i): return "\(i)"
        case .colour(let name): return name
        }
    }
}
