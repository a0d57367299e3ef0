import BridgeCore
import LightProtocols
import NIOConcurrencyHelpers

/// The bridge's synchronous front (issue 5 items 2 and 7): routes each event and offers the
/// actions to the lights' workers in the caller's turn (an input's channel handler, on the
/// event loop that read the frame), so the first datagram leaves before any bookkeeping. The
/// ``Bridge`` actor does the bookkeeping (counters, the persisted mode, STATUS=, the log)
/// afterwards, from a stream fed in the same order.
final class EventDispatcher: Sendable {
    /// What the bridge actor is told about an event already dispatched.
    enum Dispatched: Sendable {
        /// A command, and what the mode table made of it.
        case routed(SmartLightCommand, from: SourceID, ModeRouter.Routing)
        /// Any other event, as it came.
        case event(BridgeEvent)
    }

    /// One light's share of a mode, resolved ahead.
    private struct Offer {
        let worker: LightWorker
        let actions: [LightAction]
        /// What the light's output made ready of `actions` ahead (``LightOutput/prepare(_:)``).
        let prepared: (any PreparedLightStart)?
    }

    /// A configured mode, resolved ahead: its lights' offers, and its routing for the record.
    private struct ResolvedMode {
        let mode: UInt16
        let offers: [Offer]
        let routing: ModeRouter.Routing
    }

    private struct Routes {
        var router: ModeRouter
        var workers: [String: LightWorker] = [:]
        /// Each configured mode's offers and routing, resolved from the table and the workers
        /// whenever either changes: a mode frame reaches its lights' workers with one lookup,
        /// and its record needs no routing of its own (the reader thread does that work after
        /// its packet left, and before it sleeps: BENCHMARKS.md item 10).
        var modeOffers = ModeOffers()

        mutating func resolveModes() {
            var resolved: [ResolvedMode] = []
            for mode in router.modeNumbers {
                guard let number = UInt16(exactly: mode) else { continue }
                let routing = router.route(.modeSet(mode: number))
                let offers = routing.actions.compactMap { item in
                    workers[item.light].map {
                        Offer(worker: $0, actions: item.actions, prepared: $0.prepare(item.actions))
                    }
                }
                resolved.append(ResolvedMode(mode: number, offers: offers, routing: routing))
            }
            modeOffers = ModeOffers(resolved)
        }
    }

    /// The resolved offers by mode number (``ModeIndex``).
    private struct ModeOffers {
        private var index = ModeIndex()
        private var resolved: [ResolvedMode] = []

        init() {}

        init(_ resolved: [ResolvedMode]) {
            self.resolved = resolved
            index = ModeIndex(resolved.map(\.mode))
        }

        subscript(mode: UInt16) -> ResolvedMode? {
            index[mode].map { resolved[$0] }
        }
    }

    private let routes: NIOLockedValueBox<Routes>

    init(router: ModeRouter) {
        var routes = Routes(router: router)
        routes.resolveModes()
        self.routes = NIOLockedValueBox(routes)
    }

    /// Routes `event`, offers its actions to the workers and hands the record to `record`,
    /// all under one lock, so records arrive in the order the lights saw the events. A
    /// configured mode goes through its resolved offers. Workers' wake-ups go to `followUps`
    /// when given (``LightWorker/offer(_:followUps:)``).
    func dispatch(_ event: BridgeEvent, followUps: FollowUps? = nil, record: (Dispatched) -> Void) {
        routes.withLockedValue { routes in
            switch event {
            case .command(let command, let source):
                if case .modeSet(let mode) = command, let resolved = routes.modeOffers[mode] {
                    for offer in resolved.offers {
                        offer.worker.offer(offer.actions, prepared: offer.prepared, followUps: followUps)
                    }
                    record(.routed(command, from: source, resolved.routing))
                } else {
                    let routing = routes.router.route(command)
                    Self.offer(routing.actions, to: routes.workers, followUps: followUps)
                    record(.routed(command, from: source, routing))
                }
            case .actions(let list, _):
                Self.offer(list, to: routes.workers, followUps: followUps)
                record(.event(event))
            case .sourceUp, .sourceGone:
                record(.event(event))
            }
        }
    }

    /// Offers `routing`'s actions (the persisted mode at start-up).
    func offer(_ routing: ModeRouter.Routing) {
        routes.withLockedValue { Self.offer(routing.actions, to: $0.workers, followUps: nil) }
    }

    /// The routing of `mode` with the table in force.
    func route(mode: Int) -> ModeRouter.Routing {
        routes.withLockedValue { $0.router.route(mode: mode) }
    }

    /// Swaps the mode table.
    func setRouter(_ router: ModeRouter) {
        routes.withLockedValue {
            $0.router = router
            $0.resolveModes()
        }
    }

    /// Adds or removes (`nil`) the worker of light `name`.
    func setWorker(_ worker: LightWorker?, for name: String) {
        routes.withLockedValue {
            $0.workers[name] = worker
            $0.resolveModes()
        }
    }

    private static func offer(_ list: [LightActions], to workers: [String: LightWorker], followUps: FollowUps?) {
        for item in list { workers[item.light]?.offer(item.actions, followUps: followUps) }
    }
}
