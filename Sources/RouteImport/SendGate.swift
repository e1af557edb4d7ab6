/// Decides when the next request may go, by asking `SendGateState`: the thin async shell that
/// sleeps until a paced or paused instant and queues waiters in order, waking them on releases,
/// never by polling.
actor SendGate {
    typealias Ticket = SendGateState.Ticket
    typealias Signal = SendGateState.Signal

    private var state: SendGateState
    private var waiters: [(id: Int, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextWaiterID = 0
    private let clock = ContinuousClock()

    init(concurrency: Int, rate: Double?) {
        state = SendGateState(concurrency: concurrency, rate: rate)
    }

    var limit: Int { state.limit }

    /// Waits for a slot; throws `CancellationError` if the task is cancelled first (nothing sent).
    func acquire() async throws -> Ticket {
        while true {
            try Task.checkCancellation()
            switch state.acquire(now: clock.now) {
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
        var free = state.release(ticket, signal, now: clock.now)
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
