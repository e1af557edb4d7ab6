import Synchronization

/// Counts this run's rows as their results are written, and the retries and lookups under way,
/// draws progress, and stops the import once `--max-errors` is exceeded.
final class Tally: Sendable {
    private struct Counts {
        var progress = ProgressState<ContinuousClock.Instant>.Counts()
        /// By `RowStatus.allCases` index: cheaper per row than a dictionary.
        var byStatus = [Int](repeating: 0, count: RowStatus.allCases.count)
    }

    private let counts = Mutex(Counts())
    private let notice = Mutex<String?>(nil)
    private let maxErrors: Int?
    private let progress: ProgressLine?
    private let stop: StopSignal

    init(maxErrors: Int?, total: Int?, progress: ProgressLine?, stop: StopSignal) {
        self.maxErrors = maxErrors
        self.progress = progress
        self.stop = stop
        progress?.begin(total: total)
    }

    /// What the reader said once about the input after reading it all (e.g. that it is not UTF-8).
    var inputNotice: String? {
        get { notice.withLock { $0 } }
        set { notice.withLock { $0 = newValue } }
    }

    /// Rows this run settled; rows it only marked `unprocessed` are not work done.
    var rows: Int { counts.withLock { $0.progress.thisRun } }

    /// This run's rows per status, `unprocessed` ones included.
    var statuses: [RowStatus: Int] {
        let counts = counts.withLock { $0.byStatus }
        return Dictionary(uniqueKeysWithValues: zip(RowStatus.allCases, counts).filter { $0.1 > 0 })
    }

    func add(_ status: RowStatus) {
        let now = counts.withLock { counts in
            counts.byStatus[RowStatus.allCases.firstIndex(of: status)!] += 1
            if status != .unprocessed {
                counts.progress.thisRun += 1
                counts.progress.done += 1
            }
            if status.isError { counts.progress.errors += 1 }
            return counts.progress
        }
        if let maxErrors, now.errors > maxErrors { stop.trigger(.tooManyErrors) }
        progress?.update(now)
    }

    /// A row settled by an earlier run (`--resume`): done, but not this run's work.
    func addCarriedOver() {
        counts.withLock { $0.progress.done += 1 }
    }

    /// An attempt after the first of a row.
    func addRetry() {
        update { $0.retries += 1 }
    }

    /// The server's `Retry-After` holds every request back until `until`.
    func paused(until: ContinuousClock.Instant) {
        update { $0.pausedUntil = max($0.pausedUntil ?? until, until) }
    }

    /// A row starts or stops waiting to be looked up by name.
    func awaitingLookup(_ delta: Int) {
        update { $0.awaitingLookup += delta }
    }

    private func update(_ change: (inout ProgressState<ContinuousClock.Instant>.Counts) -> Void) {
        let now = counts.withLock { counts in
            change(&counts.progress)
            return counts.progress
        }
        progress?.update(now)
    }
}
