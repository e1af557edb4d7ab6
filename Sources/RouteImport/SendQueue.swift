import Synchronization

/// Journaled rows waiting for one of the pump's workers to send them: the thin async shell of
/// `SendQueueState`. Workers live for the whole run once started and take rows from here, so a
/// row costs a hand-over, not a task of its own.
final class SendQueue: Sendable {
    private typealias Worker = CheckedContinuation<PendingRow?, Never>

    private struct Guarded {
        var state: SendQueueState<PendingRow, Worker>
        /// The pump, waiting to be told to start workers.
        var starter: CheckedContinuation<Int?, Never>?
        /// The reader, waiting for room for another batch.
        var reader: CheckedContinuation<Void, Never>?

        /// Wakes the starter if workers are wanted, or to end once no more ever will be.
        mutating func starterToWake() -> (CheckedContinuation<Int?, Never>, Int?)? {
            guard let starter else { return nil }
            let count = state.workersToStart()
            if count == 0, !state.isDrained { return nil }
            self.starter = nil
            return (starter, count == 0 ? nil : count)
        }

        mutating func readerToWake() -> CheckedContinuation<Void, Never>? {
            guard let reader, state.hasRoom else { return nil }
            self.reader = nil
            return reader
        }
    }

    private let guarded: Mutex<Guarded>

    /// - Parameters:
    ///   - sending: how many requests the gate lets in flight at most.
    ///   - most: how many workers may exist at all.
    ///   - batch: how many rows the reader journals at a time.
    init(sending: Int, most: Int, batch: Int) {
        guarded = Mutex(Guarded(state: SendQueueState(sending: sending, most: most, batch: batch)))
    }

    /// Hands each row to an idle worker, or queues it for the next one free.
    func push(_ rows: [PendingRow]) {
        guard !rows.isEmpty else { return }
        let (handed, starter) = guarded.withLock { ($0.state.push(rows), $0.starterToWake()) }
        for (worker, row) in handed { worker.resume(returning: row) }
        if let (starter, count) = starter { starter.resume(returning: count) }
    }

    /// The next row to send, waiting for one; `nil` once `finish` was called and none is left.
    /// Rows keep coming after the task is cancelled: the sender decides what a cancelled row becomes.
    func next() async -> PendingRow? {
        let (row, reader, starter) = guarded.withLock { ($0.state.take(), $0.readerToWake(), $0.starterToWake()) }
        reader?.resume()
        if let (starter, count) = starter { starter.resume(returning: count) }
        if let row { return row }
        return await withCheckedContinuation { worker in
            let (next, reader) = guarded.withLock { ($0.state.next(worker), $0.readerToWake()) }
            reader?.resume()
            switch next {
            case .row(let row): worker.resume(returning: row)
            case .end: worker.resume(returning: nil)
            case .wait: break
            }
        }
    }

    /// How many workers to start now, waiting until some are wanted; `nil` once none ever will be.
    func workersToStart() async -> Int? {
        await withCheckedContinuation { starter in
            let wake = guarded.withLock { guarded in
                guarded.starter = starter
                return guarded.starterToWake()
            }
            if let (starter, count) = wake { starter.resume(returning: count) }
        }
    }

    /// The row a worker holds starts (`true`) or stops waiting for a retry or a lookup: while
    /// it waits, another worker may be started to keep the gate's slots in use.
    func rowWaits(_ starts: Bool) {
        let starter = guarded.withLock { guarded in
            guarded.state.rowWaits(starts)
            return guarded.starterToWake()
        }
        if let (starter, count) = starter { starter.resume(returning: count) }
    }

    /// Returns once less than a batch is waiting to be sent, so that rows are journaled shortly
    /// before they are sent rather than a whole window ahead.
    func room() async {
        guard !guarded.withLock({ $0.state.hasRoom }) else { return }
        await withCheckedContinuation { reader in
            let now = guarded.withLock { guarded in
                guarded.reader = reader
                return guarded.readerToWake()
            }
            now?.resume()
        }
    }

    /// No more rows will come: idle workers end, busy ones after the rows still queued.
    func finish() {
        let (idle, starter) = guarded.withLock { ($0.state.finish(), $0.starterToWake()) }
        for worker in idle { worker.resume(returning: nil) }
        if let (starter, count) = starter { starter.resume(returning: count) }
    }
}
