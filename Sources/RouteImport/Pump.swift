import Synchronization

/// The main loop of an import or an undo: takes places in the row window a batch at a time,
/// decides that many rows, commits the batch to the journal (intents before their requests
/// leave), and then hands the rows that need a request to workers, which live as long as the
/// run; `SendQueue` says how many.
final class Pump {
    private var rows: any RowDecisions
    private let sender: RowSender?
    private let journal: Journal
    private let tally: Tally
    let stop: StopSignal
    private let window: RowWindow
    /// Results of sent rows, committed with the next batch: losing them in a crash is safe,
    /// since their intents are already in the journal.
    private let finished = FinishedRows()

    init(rows: any RowDecisions, sender: RowSender?, journal: Journal, tally: Tally, stop: StopSignal, window: RowWindow) {
        self.rows = rows
        self.sender = sender
        self.journal = journal
        self.tally = tally
        self.stop = stop
        self.window = window
    }

    /// Returns when every row has a result in the journal. Once stopped (the task is cancelled),
    /// rows that would need a request are marked `unprocessed` instead, and reading goes on to
    /// the end so that every row of the file is in the results.
    func run() async {
        let batchSize = max(1, min(128, window.size / 4))
        let queue = SendQueue(sending: sender?.gate.ceiling ?? 1, most: window.size, batch: batchSize)
        await withDiscardingTaskGroup { group in
            if let sender {
                group.addTask { [finished, tally, window] in
                    await withDiscardingTaskGroup { workers in
                        while let count = await queue.workersToStart() {
                            for _ in 0..<count {
                                workers.addTask(executorPreference: sender.loop) {
                                    while let pending = await queue.next() {
                                        let result = await sender.send(pending, waits: queue.rowWaits)
                                        finished.append(result)
                                        tally.add(result.status)
                                        window.give()
                                    }
                                }
                            }
                        }
                    }
                }
            }
            // Every way out of the reading loop lets the workers end once the queue is empty.
            defer { queue.finish() }
            var atEnd = false
            while !atEnd {
                if case .fatal = stop.reason { return }
                await queue.room()
                let places = await window.take(batch: batchSize)
                var entries: [Journal.Entry] = []
                var toSend: [PendingRow] = []
                do throws(ImportError) {
                    atEnd = try journal.lookingUpTogether { () throws(ImportError) in
                        try decide(places, into: &entries, sending: &toSend)
                    }
                    try commit(entries)
                    rows.committed()
                } catch {
                    stop.trigger(.fatal(error))
                    return
                }
                window.give(places - toSend.count)
                queue.push(toSend)
            }
            queue.finish()
            // Rows still being sent after the input's end are journaled a batch at a time, not
            // all at the end: a kill -9 in a long tail then leaves --resume little to look up.
            while !(await window.finished(batchSize)) {
                do throws(ImportError) { try commit([]) } catch {
                    stop.trigger(.fatal(error))
                    return
                }
            }
        }
        do throws(ImportError) { try commit([]) } catch { stop.trigger(.fatal(error)) }
    }

    /// Decides up to `places` rows: what they need journaled, and which need a request. Returns
    /// whether the input has ended.
    private func decide(_ places: Int, into entries: inout [Journal.Entry], sending toSend: inout [PendingRow]) throws(ImportError) -> Bool {
        for _ in 0..<places {
            guard let decision = try rows.next() else {
                tally.inputNotice = rows.notice
                return true
            }
            switch decision {
            case .carriedOver:
                tally.addCarriedOver()
            case .done(var result):
                // A plan's row is what the run would do: once stopped, it sends nothing more.
                if result.status.isPlannedRequest && Task.isCancelled { result.status = .unprocessed }
                entries.append(.outcome(result))
                tally.add(result.status)
            case .send(let pending):
                if sender == nil || Task.isCancelled {
                    let result = pending.result(.unprocessed, attempts: 0, note: pending.note, mayHaveApplied: pending.mayHaveApplied)
                    entries.append(.outcome(result))
                    tally.add(result.status)
                } else {
                    entries.append(.intent(pending))
                    toSend.append(pending)
                }
            }
        }
        return false
    }

    /// Runs `pump` in a task of its own so that cancelling this one (Ctrl-C) becomes a stop:
    /// requests already sent finish and every row still gets its result.
    static func runUntilDone(_ pump: sending Pump) async {
        let stop = pump.stop
        let work = Task { await pump.run() }
        stop.attach(work)
        await withTaskCancellationHandler { await work.value } onCancel: { stop.trigger(.interrupted) }
    }

    /// Commits `entries` after the results finished since the last commit.
    private func commit(_ entries: [Journal.Entry]) throws(ImportError) {
        try journal.commit(finished.drain().map(Journal.Entry.outcome) + entries)
    }
}

/// Results of sent rows waiting for the pump's next commit.
private final class FinishedRows: Sendable {
    private let results = Mutex<[RowResult]>([])

    func append(_ result: RowResult) {
        results.withLock { $0.append(result) }
    }

    func drain() -> [RowResult] {
        results.withLock { results in
            defer { results.removeAll(keepingCapacity: true) }
            return results
        }
    }
}
