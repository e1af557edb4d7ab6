import Synchronization

/// Why an import stopped sending before the end of the file.
public enum StopReason: Sendable {
    /// Ctrl-C: exit status 4.
    case interrupted
    /// `--max-errors`: exit status 2.
    case tooManyErrors
    /// The result file could not be written: nothing more may be sent without a record of it.
    case fatal(ImportError)
}

/// The one switch that stops an import: it records the first reason and cancels the work, which
/// stops reading ahead and sending while letting requests already sent finish.
final class StopSignal: Sendable {
    private let state = Mutex<(reason: StopReason?, work: Task<Void, Never>?)>((nil, nil))

    var reason: StopReason? { state.withLock { $0.reason } }

    /// The task to cancel when stopping; cancelled at once if a stop came first.
    func attach(_ work: Task<Void, Never>) {
        let stopped = state.withLock { state in
            state.work = work
            return state.reason != nil
        }
        if stopped { work.cancel() }
    }

    func trigger(_ reason: StopReason) {
        let work = state.withLock { state -> Task<Void, Never>? in
            guard state.reason == nil else { return nil }
            state.reason = reason
            return state.work
        }
        work?.cancel()
    }
}
