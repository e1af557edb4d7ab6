/// One row's line in the journal, and what a later run does with it.
///
/// The journal is written ahead: a row's intent (the request it is about to send) is committed
/// before the request leaves, and its outcome after. So after any stop — Ctrl-C, a crash,
/// `kill -9` — every row is in one of three states, and each has one safe next step:
///
/// | recorded | may have reached the service | next run |
/// |---|---|---|
/// | a final status | — | carried over |
/// | an intent (create), no outcome, or an outcome that left it unknown | yes | looked up by name first, sent only if absent |
/// | an intent (update, delete), no final outcome | yes | sent again (both are idempotent) |
/// | nothing, or `failed`/`unprocessed` known not applied | no | decided afresh, as on a first run |
struct JournalRow: Sendable, Equatable {
    enum Intent: Sendable, Equatable {
        case create
        case update(id: String)
        case delete(id: String)
        case assign(NumberAssignment)
    }

    enum Plan: Sendable, Equatable {
        /// Final: the row keeps its result.
        case carryOver
        /// Send `intent` again, knowing that an earlier attempt may have been applied.
        case resume(Intent, settleAt: Double?)
        /// Nothing of this row can be on the service: triage it as on a first run.
        case fresh
    }

    /// The row's name as the file had it then.
    var key: String = ""
    var status: RowStatus?
    var intent: Intent?
    /// Set with the intent, cleared by an outcome that proves the request was not applied.
    var mayHaveApplied: Bool
    /// When a later run may look the row up (seconds since 1970): the end of the last attempt
    /// whose outcome stayed unknown plus the settle delay of the run that sent it; `nil` when
    /// only the intent was recorded (the request may have left at any moment before the stop).
    var settleAt: Double? = nil

    var plan: Plan {
        // `invalid` rows sent nothing: they are checked again, so a row fixed in the file goes out.
        if let status, status.isFinal, status != .invalid { return .carryOver }
        if let intent, mayHaveApplied { return .resume(intent, settleAt: settleAt) }
        return .fresh
    }
}

extension JournalRow.Intent {
    /// The request this intent stands for.
    var action: PendingRow.Action {
        switch self {
        case .create: .create
        case .update(let id): .update(id: id)
        case .delete(let id): .delete(id: id)
        case .assign(let assignment): .assign(assignment)
        }
    }
}
