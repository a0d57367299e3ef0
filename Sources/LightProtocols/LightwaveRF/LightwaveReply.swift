/// What a Link error reply means, named from its code and, for code 1, its text
/// (seed 004 "Transmit Error Example"; PROTOCOLS.md §3). JSON: the camelCase case name.
public enum LightwaveErrorKind: String, CaseIterable, Codable, Sendable, Hashable {
    /// `ERR,1` (LW500) / `ERR,2` (LW930) "Not yet registered. Send !F*p to register": this
    /// client must register first.
    case notRegistered
    /// `ERR,1,"Not yet registered. See WifiLink"` (LW930: `ERR,2,"… See LightwaveLink"`): the
    /// answer to `!F*p` while the Link waits for its button to be pressed.
    case awaitingButtonPress
    /// `ERR,1,"Pairing memory is full"`: the Link already holds 12 clients.
    case pairingMemoryFull
    /// `ERR,5`: the addressed slot is empty.
    case slotEmpty
    /// `ERR,6,"Transmit fail"`: the radio was busy and nothing went out; retry with back-off.
    case transmitFail
    /// Any other code.
    case other

    /// Whether the command should be sent again after a back-off (§3: 125 ms doubling, ~5 s).
    public var isRetryable: Bool { self == .transmitFail }
}

/// An error reply `[<trans>,]ERR,<code>,"<text>"` from the Link (seed 004; PROTOCOLS.md §3).
///
/// The text is kept exactly as received (any printable ASCII, quotes included) so the reply
/// re-encodes byte for byte; ``kind`` names it. JSON (inside ``LightwaveMessage``):
/// `{"type":"error","trans":112,"code":6,"text":"Transmit fail","kind":"transmitFail"}`
/// (`kind` is derived and ignored on input).
public struct LightwaveErrorReply: Sendable, Hashable {
    /// Valid error codes.
    public static let codeRange = 0...999

    /// The transaction id of the command refused (`nil`: the reply had no prefix).
    public var transaction: UInt16?
    /// The numeric code.
    public var code: UInt16
    /// The text between the quotes.
    public var text: String

    /// Creates an error reply.
    public init(transaction: UInt16?, code: UInt16, text: String) {
        self.transaction = transaction
        self.code = code
        self.text = text
    }

    /// What the code (and for codes 1 and 2 the text) means.
    public var kind: LightwaveErrorKind {
        switch code {
        case 1, 2:
            let lower = text.lowercased()
            if lower.contains("memory is full") { return .pairingMemoryFull }
            if lower.hasPrefix("not yet registered. see") { return .awaitingButtonPress }
            return .notRegistered
        case 5: return .slotEmpty
        case 6: return .transmitFail
        default: return .other
        }
    }

    /// The Link model the code reveals: "not registered" is code 1 on an LW500 and code 2 on
    /// an LW930; `nil` when the code does not tell.
    public var model: LightwaveLinkModel? {
        switch (kind, code) {
        case (.notRegistered, 1), (.awaitingButtonPress, 1): return .lw500
        case (.notRegistered, 2), (.awaitingButtonPress, 2): return .lw930
        default: return nil
        }
    }

    /// The Link's texts (PROTOCOLS.md §3).
    public static let notRegisteredText = "Not yet registered. Send !F*p to register"
    /// The LW500's answer to `!F*p` while waiting for the button.
    public static let awaitingButtonLW500Text = "Not yet registered. See WifiLink"
    /// The LW930's answer to `!F*p` while waiting for the button.
    public static let awaitingButtonLW930Text = "Not yet registered. See LightwaveLink"
    /// A full Link's answer to `!F*p`.
    public static let pairingMemoryFullText = "Pairing memory is full"
    /// The busy radio's answer.
    public static let transmitFailText = "Transmit fail"
}
