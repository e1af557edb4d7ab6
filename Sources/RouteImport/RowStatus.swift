/// What became of one data row, as written in the result file's `status` column: an import's
/// row, or an undo's (which takes the import's rows back one by one). Summaries list the
/// statuses in this order.
public enum RowStatus: String, Sendable, CaseIterable {
    /// Under `--plan`: what an import with the same options would do.
    case toCreate = "to-create", toUpdate = "to-update"
    /// `numbers import --plan`: the number would be pointed at the row's routes.
    case toAssign = "to-assign"
    /// `undo --plan`: what undo would do with the row.
    case toDelete = "to-delete", toRestore = "to-restore"
    case created, updated
    /// `numbers import`: the number now uses the row's routes.
    case assigned
    /// `--on-existing update`: the route already holds every value of the row, so nothing was sent.
    case unchanged
    case exists, invalid, failed, unprocessed
    /// Under `--dry-run`: the row would have been sent.
    case valid
    /// Undo: the route the import created is deleted.
    case deleted
    /// Undo: the route the import updated has its earlier values back on every field the import changed.
    case restored
    /// Undo: restored, except for fields no update can put back (a field the import added, a
    /// secret the service never shows); the note names them.
    case partlyRestored = "partly-restored"
    /// Undo: the route was changed by someone else since the import, and is left alone.
    case drifted
    /// Undo: the route the import created or updated is no longer in the account.
    case gone
    /// Undo: the import changed nothing with this row.
    case nothingToUndo = "nothing-to-undo"

    /// A row with a final status is settled for good: `--resume` does not send it again.
    /// `failed` and `unprocessed` rows are tried again.
    public var isFinal: Bool {
        switch self {
        case .created, .updated, .assigned, .exists, .unchanged, .invalid: return true
        case .deleted, .restored, .partlyRestored, .drifted, .gone, .nothingToUndo: return true
        case .failed, .unprocessed, .valid, .toCreate, .toUpdate, .toAssign, .toDelete, .toRestore: return false
        }
    }

    /// A plan's row that the run it plans would send a request for.
    var isPlannedRequest: Bool {
        self == .toCreate || self == .toUpdate || self == .toAssign || self == .toDelete || self == .toRestore
    }

    /// The row holds a route of the account, whose id is in its result: verification checks it.
    var holdsRoute: Bool {
        self == .created || self == .updated || self == .unchanged || self == .exists
    }

    /// Counted against `--max-errors` and in the exit status.
    public var isError: Bool { self == .failed || self == .invalid }

    /// The row was not done as asked, which makes the exit status 1: an error, a row left
    /// unprocessed, or a route an undo could not take back in full.
    public var fallsShort: Bool {
        isError || self == .unprocessed || self == .drifted || self == .partlyRestored
    }
}
