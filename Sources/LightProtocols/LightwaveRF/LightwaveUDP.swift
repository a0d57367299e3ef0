/// The Link's UDP protocol: ports, limits and the datagram decoder (PROTOCOLS.md §3).
public enum LightwaveUDP {
    /// Commands go to this port on the Link (or broadcast).
    public static let commandPort = 9760
    /// Replies and events are broadcast (and from 2.91Z also unicast) from the Link to this port.
    public static let replyPort = 9761
    /// Longest message accepted, without its line terminator (UDP datagrams from the Link are
    /// far shorter; this bounds the stream decoder's buffer).
    public static let maxLineLength = 1024
}

extension LightwaveUDP {
    /// Decodes one UDP datagram: every datagram holds exactly one message, optionally ended by
    /// `\n` or `\r\n` (seed `004_ba308fd4a8628ac7.txt`; PROTOCOLS.md §3). This is the main entry
    /// for a socket; ``LightwaveStreamDecoder`` reads newline-separated captures.
    public static func decodeDatagram(_ bytes: some Collection<UInt8>) throws(LightwaveError) -> LightwaveMessage {
        var line = Array(bytes)
        if line.last == 0x0A {
            line.removeLast()
            if line.last == 0x0D { line.removeLast() }
        }
        return try LightwaveParser.parse(line)
    }
}
