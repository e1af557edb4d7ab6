/// What became of one data row, as written in the result file's `status` column.
public enum RowStatus: String, Sendable, CaseIterable {
    case created, updated, exists, invalid, failed, unprocessed
    /// Under `--dry-run`: the row would have been sent.
    case valid

    /// A row with a final status is settled for good: `--resume` does not send it again.
    /// `failed` and `unprocessed` rows are tried again.
    public var isFinal: Bool {
        switch self {
        case .created, .updated, .exists, .invalid: return true
        case .failed, .unprocessed, .valid: return false
        }
    }

    /// Counted against `--max-errors` and in the exit status.
    public var isError: Bool { self == .failed || self == .invalid }
}
