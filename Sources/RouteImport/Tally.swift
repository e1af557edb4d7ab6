import Synchronization

/// Counts this run's rows as their results are written, draws progress, and stops the import
/// once `--max-errors` is exceeded.
final class Tally: Sendable {
    private struct Counts {
        var rows = 0
        var carriedOver = 0
        var errors = 0
    }

    private let counts = Mutex(Counts())
    private let notice = Mutex<String?>(nil)
    private let maxErrors: Int?
    private let total: Int?
    private let progress: ProgressLine?
    private let stop: StopSignal

    init(maxErrors: Int?, total: Int?, progress: ProgressLine?, stop: StopSignal) {
        self.maxErrors = maxErrors
        self.total = total
        self.progress = progress
        self.stop = stop
    }

    /// What the reader said once about the input after reading it all (e.g. that it is not UTF-8).
    var inputNotice: String? {
        get { notice.withLock { $0 } }
        set { notice.withLock { $0 = newValue } }
    }

    /// Rows this run settled; rows it only marked `unprocessed` are not work done.
    var rows: Int { counts.withLock { $0.rows } }

    func add(_ status: RowStatus) {
        let now = counts.withLock { counts in
            if status != .unprocessed { counts.rows += 1 }
            if status.isError { counts.errors += 1 }
            return counts
        }
        if let maxErrors, now.errors > maxErrors { stop.trigger(.tooManyErrors) }
        progress?.update(done: now.rows + now.carriedOver, total: total, errors: now.errors)
    }

    /// A row settled by an earlier run (`--resume`): done, but not this run's work.
    func addCarriedOver() {
        counts.withLock { $0.carriedOver += 1 }
    }
}
