/// What became of one data row, as written in the result file's `status` column.
/// Summaries list the statuses in this order.
public enum RowStatus: String, Sendable, CaseIterable {
    /// Under `--plan`: what an import with the same options would do.
    case toCreate = "to-create", toUpdate = "to-update"
    case created, updated
    /// `--on-existing update`: the route already holds every value of the row, so nothing was sent.
    case unchanged
    case exists, invalid, failed, unprocessed
    /// Under `--dry-run`: the row would have been sent.
    case valid

    /// A row with a final status is settled for good: `--resume` does not send it again.
    /// `failed` and `unprocessed` rows are tried again.
    public var isFinal: Bool {
        switch self {
        case .created, .updated, .exists, .unchanged, .invalid: return true
        case .failed, .unprocessed, .valid, .toCreate, .toUpdate: return false
        }
    }

    /// The row holds a route of the account, whose id is in its result: verification checks it.
    var holdsRoute: Bool {
        self == .created || self == .updated || self == .unchanged || self == .exists
    }

    /// Counted against `--max-errors` and in the exit status.
    public var isError: Bool { self == .failed || self == .invalid }
}
