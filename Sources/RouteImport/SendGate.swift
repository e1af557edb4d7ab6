import Synchronization

/// Decides when the next request may go, by asking `SendGateState`: the thin async shell that
/// sleeps until a paced or paused instant and queues waiters in order, waking them on releases,
/// never by polling. A lock rather than an actor: every attempt passes here twice, and a lock
/// costs no task switch.
final class SendGate: Sendable {
    typealias Ticket = SendGateState.Ticket
    typealias Signal = SendGateState.Signal

    private struct Guarded {
        var state: SendGateState
        var waiters = FIFO<(id: Int, continuation: CheckedContinuation<Void, any Error>)>()
        var nextWaiterID = 0
    }

    private let guarded: Mutex<Guarded>
    private let clock = ContinuousClock()
    /// The most requests ever in flight at once.
    let ceiling: Int

    init(concurrency: Int, rate: Double?) {
        let state = SendGateState(concurrency: concurrency, rate: rate)
        ceiling = state.ceiling
        guarded = Mutex(Guarded(state: state))
    }

    /// Until when a 429's `Retry-After` holds every request back, if one ever did.
    var pausedUntil: ContinuousClock.Instant? {
        guarded.withLock { $0.state.pausedUntil }
    }

    /// Waits for a slot; throws `CancellationError` if the task is cancelled first (nothing sent).
    func acquire() async throws -> Ticket {
        while true {
            try Task.checkCancellation()
            switch guarded.withLock({ $0.state.acquire(now: clock.now) }) {
            case .granted(let ticket, let sendAt):
                if sendAt > clock.now {
                    do { try await clock.sleep(until: sendAt) } catch {
                        release(ticket, .neutral)
                        throw error
                    }
                }
                return ticket
            case .paused(let until):
                try await clock.sleep(until: until)
            case .full:
                try await waitForSlot()
            }
        }
    }

    func release(_ ticket: Ticket, _ signal: Signal) {
        let woken = guarded.withLock { guarded in
            var free = guarded.state.release(ticket, signal, now: clock.now)
            var woken: [CheckedContinuation<Void, any Error>] = []
            while free > 0, let waiter = guarded.waiters.popFirst() {
                woken.append(waiter.continuation)
                free -= 1
            }
            return woken
        }
        for continuation in woken { continuation.resume() }
    }

    /// Waits for a release; a slot freed between the failed acquire and this wait is not lost,
    /// since the caller tries again after any wake-up.
    private func waitForSlot() async throws {
        let id = guarded.withLock { guarded in
            defer { guarded.nextWaiterID += 1 }
            return guarded.nextWaiterID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let waitNeeded = guarded.withLock { guarded in
                    // Re-checked under the lock: a release may have come since the acquire said
                    // full, or a cancellation whose handler found nothing to cancel yet.
                    guard !Task.isCancelled, guarded.state.inFlight >= guarded.state.limit else { return false }
                    guarded.waiters.append((id, continuation))
                    return true
                }
                if !waitNeeded { continuation.resume() }
            }
        } onCancel: {
            let cancelled = guarded.withLock { $0.waiters.remove { $0.id == id }?.continuation }
            cancelled?.resume(throwing: CancellationError())
        }
    }
}
