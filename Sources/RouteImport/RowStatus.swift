/// What became of one data row, as written in the result file's `status` column.
public enum RowStatus: String, Sendable, CaseIterable {
    case created, updated, exists, invalid, failed, unprocessed
    /// `--on-existing update`: the route already holds every value of the row, so nothing was sent.
    case unchanged
    /// Under `--dry-run`: the row would have been sent.
    case valid
    /// Under `--plan`: what an import with the same options would do.
    case toCreate = "to-create", toUpdate = "to-update"

    /// A row with a final status is settled for good: `--resume` does not send it again.
    /// `failed` and `unprocessed` rows are tried again.
    public var isFinal: Bool {
        switch self {
        case .created, .updated, .exists, .unchanged, .invalid: return true
        case .failed, .unprocessed, .valid, .toCreate, .toUpdate: return false
        }
    }

    /// Counted against `--max-errors` and in the exit status.
    public var isError: Bool { self == .failed || self == .invalid }
}
