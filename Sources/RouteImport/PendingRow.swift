import RouteModel

/// A row on its way to the service: an import's valid row, an undo's delete or restore, or a
/// number's assignment.
struct PendingRow: Sendable {
    enum Action: Sendable, Equatable {
        case create
        /// `--on-existing update`, or an undo's restore: a partial update of route `id`.
        case update(id: String)
        /// An undo's delete of a route the import created.
        case delete(id: String)
        /// `numbers import`, or its undo: a number pointed at routes. `route` is then empty.
        case assign(NumberAssignment)
    }

    let row: Int
    let line: Int
    let key: String
    /// What the request carries: the row's fields, or for an update only those that differ.
    let route: Route
    let action: Action
    /// When an earlier run sent this row without learning the outcome (`--resume`), the time
    /// from which it may be looked up (seconds since 1970); else `nil`.
    let settleAt: Double?

    /// 1 when an earlier run stopped with this row's request in flight and no record of its end.
    let unrecordedCreates: Int

    var mayHaveApplied: Bool { settleAt != nil }
    /// Cells for `--include-input`, already redacted; empty otherwise.
    let input: [String]
    /// For an update: the route as listed before it, kept in the journal so the update can be
    /// taken back. `nil` when the row resumes an earlier run's request, whose image is kept.
    var before: Route? = nil
    /// The status the row gets when its request succeeds: the action's own (`created`,
    /// `updated`, `deleted`) unless the row says otherwise (an undo's `restored`).
    var doneStatus: RowStatus
    /// Said in the result's note whatever the request's outcome: what `--from` carried over only
    /// with a note, or what an undo cannot put back.
    var note = ""

    init(row: Int, line: Int, key: String, route: Route, action: Action, settleAt: Double?,
         unrecordedCreates: Int, input: [String], before: Route? = nil, doneStatus: RowStatus? = nil, note: String = "") {
        self.row = row
        self.line = line
        self.key = key
        self.route = route
        self.action = action
        self.settleAt = settleAt
        self.unrecordedCreates = unrecordedCreates
        self.input = input
        self.before = before
        self.doneStatus = doneStatus ?? action.doneStatus
        self.note = note
    }

    func result(
        _ status: RowStatus, id: String = "", httpStatus: Int? = nil, attempts: Int, error: String = "",
        note: String = "", mayHaveApplied: Bool = false, settleAt: Double? = nil, createsUnknown: Int = 0
    ) -> RowResult {
        RowResult(row: row, line: line, key: key, status: status, id: id, httpStatus: httpStatus,
                  attempts: attempts, error: error, note: note, action: action, mayHaveApplied: mayHaveApplied,
                  settleAt: settleAt, createsUnknown: createsUnknown, input: input)
    }
}
