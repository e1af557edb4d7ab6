import RouteModel

/// A valid row on its way to the service.
struct PendingRow: Sendable {
    enum Action: Sendable, Equatable {
        case create
        /// `--on-existing update`: a partial update of the route that has the row's name.
        case update(id: String)
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
    /// What `--from` carried over only with a note; the row's result note starts with it.
    var note = ""
    /// For an update: the route as listed before it, kept in the journal so the update can be
    /// taken back. `nil` when the row resumes an earlier run's request, whose image is kept.
    var before: Route? = nil

    func result(
        _ status: RowStatus, id: String = "", httpStatus: Int? = nil, attempts: Int, error: String = "",
        note: String = "", mayHaveApplied: Bool = false, settleAt: Double? = nil, createsUnknown: Int = 0
    ) -> RowResult {
        RowResult(row: row, line: line, key: key, status: status, id: id, httpStatus: httpStatus,
                  attempts: attempts, error: error, note: [self.note, note].filter { !$0.isEmpty }.joined(separator: "; "),
                  action: action, mayHaveApplied: mayHaveApplied,
                  settleAt: settleAt, createsUnknown: createsUnknown, input: input)
    }
}
