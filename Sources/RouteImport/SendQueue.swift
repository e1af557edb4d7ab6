import Synchronization

/// Journaled rows waiting for one of the pump's workers to send them. Workers live for the
/// whole run and take rows from here, so a row costs a hand-over, not a task of its own.
final class SendQueue: Sendable {
    private struct State {
        var rows = FIFO<PendingRow>()
        var idleWorkers = FIFO<CheckedContinuation<PendingRow?, Never>>()
        var finished = false
    }

    private let state = Mutex(State())

    /// Hands each row to an idle worker, or queues it for the next one free.
    func push(_ rows: [PendingRow]) {
        guard !rows.isEmpty else { return }
        let handed = state.withLock { state in
            var handed: [(CheckedContinuation<PendingRow?, Never>, PendingRow)] = []
            for row in rows {
                if let worker = state.idleWorkers.popFirst() { handed.append((worker, row)) } else { state.rows.append(row) }
            }
            return handed
        }
        for (worker, row) in handed { worker.resume(returning: row) }
    }

    /// The next row to send, waiting for one; `nil` once `finish` was called and none is left.
    /// Rows keep coming after the task is cancelled: the sender decides what a cancelled row becomes.
    func next() async -> PendingRow? {
        if let row = state.withLock({ $0.rows.popFirst() }) { return row }
        return await withCheckedContinuation { worker in
            let now: PendingRow?? = state.withLock { state in
                if let row = state.rows.popFirst() { return .some(row) }
                if state.finished { return .some(nil) }
                state.idleWorkers.append(worker)
                return nil
            }
            if let now { worker.resume(returning: now) }
        }
    }

    /// No more rows will come: idle workers end, busy ones after the rows still queued.
    func finish() {
        let idle = state.withLock { state in
            state.finished = true
            var idle: [CheckedContinuation<PendingRow?, Never>] = []
            while let worker = state.idleWorkers.popFirst() { idle.append(worker) }
            return idle
        }
        for worker in idle { worker.resume(returning: nil) }
    }
}
