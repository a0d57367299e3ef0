import LightProtocols
import Logging
import NIOCore
import Synchronization

/// State shared by every transport of one ``LumencorEngineSimulator``, and the line logic they
/// all use (PROTOCOLS.md §4; seed 001 "Command parsing rules").
final class LumencorEngineShared: Sendable {
    struct Inner: Sendable {
        var engine: LumencorEngineState
        var behaviour: LumencorEngineSimulator.Behaviour = .normal
        var failFirstCommand: Bool
        var received: [LumencorRequest] = []
        var badLines = 0
        var clients: [ObjectIdentifier: any Channel] = [:]
        var connections = 0
        var udpSenders: Set<SocketAddress> = []
    }

    /// What to do with one line.
    enum Outcome {
        /// Write this answer line (with its `\r\n`).
        case answer([UInt8])
        /// Answer nothing.
        case nothing
        /// Close the connection without answering.
        case close
    }

    let lock: Mutex<Inner>
    let format: LumencorFormat
    let logger: Logger
    private let encoder: LumencorEncoder

    init(engine: LumencorEngineState, failFirstCommand: Bool, format: LumencorFormat, logger: Logger) {
        lock = Mutex(Inner(engine: engine, failFirstCommand: failFirstCommand))
        self.format = format
        self.logger = logger
        encoder = LumencorEncoder(format: format)
    }

    func clients() -> [any Channel] { lock.withLock { Array($0.clients.values) } }

    func register(_ channel: any Channel) {
        lock.withLock {
            $0.clients[ObjectIdentifier(channel)] = channel
            $0.connections += 1
        }
    }

    func unregister(_ channel: any Channel) {
        _ = lock.withLock { $0.clients.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// Whether `sender` has sent a datagram before (and remembers it).
    func isFirstDatagram(from sender: SocketAddress) -> Bool {
        lock.withLock { $0.udpSenders.insert(sender).inserted }
    }

    /// The outcome of one line (without its terminator). `first`: the first line since the
    /// client connected (or, on a serial line, since the simulator started), which fails when
    /// ``LumencorEngineSimulator/failsFirstCommandAfterConnect`` is set: a blank line gets a bare
    /// `E`, a command `E <NAME>` without being applied — the power-up quirk an empty line guards
    /// against.
    func process(line: [UInt8], first: Bool, from client: String) -> Outcome {
        let text = String(decoding: line, as: UTF8.self)
        let blank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 }
        let parsed = blank ? nil : LumencorDecoder.parse(line: text)
        let outcome: Outcome = lock.withLock { inner in
            if inner.engine.isShutDown { return .nothing }
            if case .success(.request(let r)) = parsed { inner.received.append(r) }
            if case .failure = parsed { inner.badLines += 1 }
            switch inner.behaviour {
            case .silent: return .nothing
            case .closeOnNextCommand where !blank:
                inner.behaviour = .normal
                return .close
            default: break
            }
            if first && inner.failFirstCommand {
                return .answer(Array((blank ? "E" : "E \(Self.echoedName(parsed, text))").utf8) + LumencorFormat.answerTerminator)
            }
            guard let parsed else { return .nothing }
            switch parsed {
            case .success(.request(let r)): return .answer(bytes(of: inner.engine.handle(r)))
            case .success(.answer(let a)): return .answer(bytes(of: .error(a.name, text: nil)))
            case .failure: return .answer(Array("E \(Self.echoedName(parsed, text))".utf8) + LumencorFormat.answerTerminator)
            }
        }
        log(text, blank: blank, parsed: parsed, outcome: outcome, client: client)
        return outcome
    }

    /// The outcome of a line longer than the format allows (its bytes are skipped).
    func lineTooLong(from client: String) -> Outcome {
        let silent = lock.withLock { inner in
            inner.badLines += 1
            return inner.behaviour == .silent || inner.engine.isShutDown
        }
        logger.warning("lumencor sim: \(client): \(LumencorError.lineTooLong(maxLength: format.maxLineLength))")
        return silent ? .nothing : .answer(Array("E".utf8) + LumencorFormat.answerTerminator)
    }

    private func bytes(of answer: LumencorAnswer) -> [UInt8] {
        do {
            return try encoder.encode(answer)
        } catch {
            logger.error("lumencor sim: cannot encode \(answer): \(error)")
            return Array("E \(answer.name.rawValue)".utf8) + LumencorFormat.answerTerminator
        }
    }

    /// The command name an `E` answer echoes: the second token (the first for a bare word),
    /// upper case; empty when the line has none.
    static func echoedName(_ parsed: Result<LumencorMessage, LumencorError>?, _ text: String) -> String {
        if case .success(let m) = parsed { return m.name.rawValue }
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let printable = tokens.map { t in String(decoding: t.utf8.filter { $0 > 0x20 && $0 < 0x7F }, as: UTF8.self) }
        guard let first = printable.first else { return "" }
        let keyword = LumencorEngineState.uppercased(first)
        let name = ["GET", "SET", "A", "E"].contains(keyword) ? (printable.count > 1 ? printable[1] : "") : first
        return LumencorEngineState.uppercased(name)
    }

    /// One stderr line per line received: what came in and what went out.
    private func log(
        _ text: String, blank: Bool, parsed: Result<LumencorMessage, LumencorError>?, outcome: Outcome, client: String
    ) {
        let answer: String
        switch outcome {
        case .answer(let bytes): answer = String(decoding: bytes.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
        case .nothing: answer = "(no answer)"
        case .close: answer = "(closing the connection)"
        }
        let shown = blank ? "(empty line)" : ASCII.escaped(text.utf8)
        if case .failure(let e) = parsed {
            logger.warning("lumencor sim: \(client): bad line '\(shown)': \(e) -> \(answer)")
        } else {
            logger.info("lumencor sim: \(client): \(shown) -> \(answer)")
        }
    }
}
