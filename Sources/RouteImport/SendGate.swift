/// Decides when the next request may go: at most `limit` in flight, no faster than `--rate`, and
/// not before a `Retry-After` has passed.
///
/// The limit follows AIMD, like TCP's congestion window: when the server pushes back (429, 503)
/// it halves (once per round of requests, not once per refusal of the same round), and it grows
/// by one after a limit's worth of successes, back up to `--concurrency`. A 429 means the whole
/// account is over its limit, so its `Retry-After` pauses every request; a 503's applies to the
/// retry of that row only (one busy instance should not stall the import). Waiters queue in
/// order and are woken by releases, never by polling.
actor SendGate {
    /// Which round a request belongs to, so one burst of refusals halves the limit only once.
    struct Ticket: Sendable {
        fileprivate let sequence: Int
    }

    enum Signal: Sendable {
        case success
        /// The server asked us to slow down (429, 503).
        case pushback
        /// The account is over its rate limit (429): nothing may go before `retryAfter` has passed.
        case throttled(retryAfter: Duration?)
        /// Neither: a refusal, an error or an unknown outcome says nothing about load.
        case neutral
    }

    private let ceiling: Int
    private(set) var limit: Int
    private var inFlight = 0
    private var successes = 0
    private var issued = 0
    /// Tickets issued up to the last decrease: their pushbacks are already accounted for.
    private var decreasedAt = 0
    private var pausedUntil: ContinuousClock.Instant?
    private var pacer: Pacer?
    private var waiters: [(id: Int, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextWaiterID = 0
    private let clock = ContinuousClock()

    init(concurrency: Int, rate: Double?) {
        ceiling = max(1, concurrency)
        limit = ceiling
        pacer = rate.map { Pacer(perSecond: $0) }
    }

    /// Waits for a slot; throws `CancellationError` if the task is cancelled first (nothing sent).
    func acquire() async throws -> Ticket {
        while true {
            try Task.checkCancellation()
            if let until = pausedUntil, until > clock.now {
                try await clock.sleep(until: until)
                continue
            }
            guard inFlight < limit else {
                try await waitForSlot()
                continue
            }
            inFlight += 1
            if let at = pacer?.reserve(now: clock.now), at > clock.now {
                do { try await clock.sleep(until: at) } catch {
                    release(Ticket(sequence: issued), .neutral)
                    throw error
                }
            }
            issued += 1
            return Ticket(sequence: issued)
        }
    }

    func release(_ ticket: Ticket, _ signal: Signal) {
        inFlight -= 1
        switch signal {
        case .success:
            successes += 1
            if successes >= limit {
                limit = min(ceiling, limit + 1)
                successes = 0
            }
        case .pushback:
            decrease(ticket)
        case .throttled(let retryAfter):
            decrease(ticket)
            if let retryAfter {
                let until = clock.now + retryAfter
                if pausedUntil.map({ until > $0 }) ?? true { pausedUntil = until }
            }
        case .neutral:
            break
        }
        wakeWaiters()
    }

    private func decrease(_ ticket: Ticket) {
        guard ticket.sequence > decreasedAt else { return }
        limit = max(1, limit / 2)
        successes = 0
        decreasedAt = issued
    }

    private func wakeWaiters() {
        var free = limit - inFlight
        while free > 0, !waiters.isEmpty {
            waiters.removeFirst().continuation.resume()
            free -= 1
        }
    }

    private func waitForSlot() async throws {
        let id = nextWaiterID
        nextWaiterID += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiters.append((id, continuation))
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    private func cancelWaiter(_ id: Int) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }
}

/// Spaces requests evenly at `perSecond`: each caller reserves the next free instant.
struct Pacer: Sendable {
    private let interval: Duration
    private var next: ContinuousClock.Instant?

    init(perSecond rate: Double) {
        interval = .nanoseconds(Int64(1e9 / max(rate, 0.001)))
    }

    mutating func reserve(now: ContinuousClock.Instant) -> ContinuousClock.Instant {
        let at = max(next ?? now, now)
        next = at + interval
        return at
    }
}
