/// One line of the Lumencor text protocol: a request (`GET`, `SET`, `REBOOT`, `SHUTDOWN`) or an
/// answer (`A`, `E`), told apart by the first token (PROTOCOLS.md §4; seed 001).
///
/// One decoder reads both directions, so the same code serves the bridge's driver (reading
/// answers) and the simulator (reading requests).
///
/// JSON: the request's or answer's own flat object; their `type` names never clash, e.g.
/// `{"type":"getChannelIntensity","channel":2}` or `{"type":"channelIntensity","intensity":37}`.
public enum LumencorMessage: Sendable, Hashable {
    /// A line a client sends.
    case request(LumencorRequest)
    /// A line the engine sends.
    case answer(LumencorAnswer)

    /// The request, or `nil`.
    public var request: LumencorRequest? {
        if case .request(let r) = self { return r }
        return nil
    }

    /// The answer, or `nil`.
    public var answer: LumencorAnswer? {
        if case .answer(let a) = self { return a }
        return nil
    }

    /// The command mnemonic.
    public var name: LumencorCommandName {
        switch self {
        case .request(let r): return r.name
        case .answer(let a): return a.name
        }
    }
}

extension LumencorMessage: Codable {
    public init(from decoder: any Decoder) throws {
        let tag = try decoder.container(keyedBy: TypeKey.self).decode(String.self, forKey: .type)
        if LumencorRequest.typeNames.contains(tag) {
            self = .request(try LumencorRequest(from: decoder))
        } else if LumencorAnswer.typeNames.contains(tag) {
            self = .answer(try LumencorAnswer(from: decoder))
        } else {
            throw JSONDecodingError(
                path: "type",
                reason: "unknown Lumencor message '\(tag)' (requests: \(LumencorRequest.typeNames.joined(separator: ", ")); "
                    + "answers: \(LumencorAnswer.typeNames.joined(separator: ", ")))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .request(let r): try r.encode(to: encoder)
        case .answer(let a): try a.encode(to: encoder)
        }
    }
}
