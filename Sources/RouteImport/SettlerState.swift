/// When the settler looks routes up, as a state machine: rows whose create had an unknown
/// outcome wait here until their settle time (the send time plus the settle delay, so that a
/// late commit has landed), and one lookup settles every row that is due when it starts. One
/// lookup runs at a time; rows that come due during it wait for the next.
struct SettlerState<Instant: Comparable & Sendable>: Sendable {
    struct Waiter: Sendable, Equatable {
        let id: Int
        let key: String
        let due: Instant
    }

    enum Action: Sendable, Equatable {
        /// Nothing to do now.
        case none
        /// Wake at this instant (replacing any earlier wake-up).
        case wake(at: Instant)
        /// Start one lookup for these rows.
        case lookUp([Waiter])
    }

    private(set) var waiting: [Waiter] = []
    private(set) var lookingUp = false

    mutating func enqueue(_ waiter: Waiter, now: Instant) -> Action {
        waiting.append(waiter)
        return next(now: now)
    }

    /// A wake-up came: start a lookup if any row is due.
    mutating func woke(now: Instant) -> Action {
        next(now: now)
    }

    mutating func lookupFinished(now: Instant) -> Action {
        lookingUp = false
        return next(now: now)
    }

    /// Takes a waiter out (its row was cancelled); `false` if it is already being looked up.
    mutating func cancel(_ id: Int) -> Bool {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return false }
        waiting.remove(at: index)
        return true
    }

    private mutating func next(now: Instant) -> Action {
        guard !lookingUp, let earliest = waiting.map(\.due).min() else { return .none }
        guard earliest <= now else { return .wake(at: earliest) }
        let due = waiting.filter { $0.due <= now }
        waiting.removeAll { $0.due <= now }
        lookingUp = true
        return .lookUp(due)
    }
}
