/// One line of the result file: where the row was, what it was called and what became of it.
struct RowResult: Sendable {
    /// The 1-based data record number.
    var row: Int
    /// The physical line where the record starts.
    var line: Int
    var key: String
    var status: RowStatus
    /// The id the service gave the route (`CallRouteId`, the v2 id, the v1 name).
    var id: String
    /// The HTTP status of the last answer for this row, if a request was answered.
    var httpStatus: Int?
    /// Requests sent for this row.
    var attempts: Int
    var error: String
    /// How the row was settled when that is not obvious (found by name after a lost answer).
    var note: String
    /// The request this row sent, for the journal; `nil` for rows that sent none.
    var action: PendingRow.Action?
    /// Whether a request of this row may have been applied although no answer said so: the
    /// journal keeps it, so a later run looks the row up before sending it again.
    var mayHaveApplied: Bool
    /// When a later run may look the row up, if `mayHaveApplied` (seconds since 1970).
    var settleAt: Double?
    /// Create requests of this row whose outcome was unknown when they ended: how many routes
    /// beyond its own the row could have made, which bounds what `--repair` may delete.
    var createsUnknown: Int
    /// The row's own cells, kept only under `--include-input` (secrets already redacted).
    var input: [String]
    /// Under `--plan`: the fields an update would change, as `RouteDifference.lines`.
    var changes: [String]

    init(
        row: Int, line: Int, key: String, status: RowStatus, id: String = "", httpStatus: Int? = nil,
        attempts: Int = 0, error: String = "", note: String = "", action: PendingRow.Action? = nil,
        mayHaveApplied: Bool = false, settleAt: Double? = nil, createsUnknown: Int = 0, input: [String] = [], changes: [String] = []
    ) {
        self.row = row
        self.line = line
        self.key = key
        self.status = status
        self.id = id
        self.httpStatus = httpStatus
        self.attempts = attempts
        self.error = error
        self.note = note
        self.action = action
        self.mayHaveApplied = mayHaveApplied
        self.settleAt = settleAt
        self.createsUnknown = createsUnknown
        self.input = input
        self.changes = changes
    }

    /// Notes for one row, joined with `; `, empty ones left out.
    static func notes(_ parts: String...) -> String {
        parts.filter { !$0.isEmpty }.joined(separator: "; ")
    }
}
