/// The send gate's decisions as a state machine: how many requests may be in flight (AIMD, like
/// TCP's congestion window), how fast they may leave (`--rate`) and when the account is paused
/// by a 429's `Retry-After`. No I/O and no clock of its own: `SendGate` passes the time in and
/// carries the answers out.
///
/// The limit halves when the account is over its rate limit (429) — once per round of requests,
/// not once per refusal of the same round — and grows by one after a limit's worth of successes,
/// back up to `--concurrency`; the 429's `Retry-After` pauses every request.
struct SendGateState: Sendable {
    typealias Instant = ContinuousClock.Instant

    /// Which round a request belongs to, so one burst of refusals halves the limit only once.
    struct Ticket: Sendable, Equatable {
        fileprivate let sequence: Int
    }

    enum Signal: Sendable, Equatable {
        case success
        /// The account is over its rate limit (429): nothing may go before `retryAfter` has passed.
        case throttled(retryAfter: Duration?)
        /// Neither: a refusal, an error or an unknown outcome says nothing about load.
        case neutral
    }

    enum Acquisition: Sendable, Equatable {
        /// Go, at `sendAt` (now, or later when `--rate` spaces requests).
        case granted(Ticket, sendAt: Instant)
        /// Everything waits until then.
        case paused(until: Instant)
        /// As many in flight as allowed: wait for a release.
        case full
    }

    let ceiling: Int
    private(set) var limit: Int
    private(set) var inFlight = 0
    private var successes = 0
    private var issued = 0
    /// Tickets issued up to the last decrease: their pushbacks are already accounted for.
    private var decreasedAt = 0
    private(set) var pausedUntil: Instant?
    private let interval: Duration?
    private var nextSend: Instant?

    /// - Parameter rate: requests per second at most, `nil` for no cap.
    init(concurrency: Int, rate: Double?) {
        ceiling = max(1, concurrency)
        limit = ceiling
        interval = rate.map { .nanoseconds(Int64(1e9 / min(max($0, 0.001), 1e9))) }
    }

    mutating func acquire(now: Instant) -> Acquisition {
        if let until = pausedUntil, until > now { return .paused(until: until) }
        guard inFlight < limit else { return .full }
        inFlight += 1
        issued += 1
        var sendAt = now
        if let interval {
            sendAt = max(nextSend ?? now, now)
            nextSend = sendAt + interval
        }
        return .granted(Ticket(sequence: issued), sendAt: sendAt)
    }

    /// A request finished (or a granted one was abandoned: `.neutral`). Returns how many waiting
    /// requests may try again now.
    mutating func release(_ ticket: Ticket, _ signal: Signal, now: Instant) -> Int {
        inFlight -= 1
        switch signal {
        case .success:
            successes += 1
            if successes >= limit {
                limit = min(ceiling, limit + 1)
                successes = 0
            }
        case .throttled(let retryAfter):
            decrease(ticket)
            if let retryAfter {
                let until = now + retryAfter
                if pausedUntil.map({ until > $0 }) ?? true { pausedUntil = until }
            }
        case .neutral:
            break
        }
        return max(0, limit - inFlight)
    }

    private mutating func decrease(_ ticket: Ticket) {
        guard ticket.sequence > decreasedAt else { return }
        limit = max(1, limit / 2)
        successes = 0
        decreasedAt = issued
    }
}
