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
/// | an intent (update), no final outcome | yes | sent again (an update is idempotent) |
/// | nothing, or `failed`/`unprocessed` known not applied | no | decided afresh, as on a first run |
struct JournalRow: Sendable, Equatable {
    enum Intent: Sendable, Equatable {
        case create
        case update(id: String)
    }

    enum Plan: Sendable, Equatable {
        /// Final: the row keeps its result.
        case carryOver
        /// Send `intent` again, knowing that an earlier attempt may have been applied.
        case resume(Intent, unknownSince: Double?)
        /// Nothing of this row can be on the service: triage it as on a first run.
        case fresh
    }

    var status: RowStatus?
    var intent: Intent?
    /// Set with the intent, cleared by an outcome that proves the request was not applied.
    var mayHaveApplied: Bool
    /// When the last attempt whose outcome stayed unknown ended (seconds since 1970), so a later
    /// run waits out the settle delay from then; `nil` when only the intent was recorded (the
    /// request may have left at any moment before the process stopped).
    var unknownSince: Double? = nil

    var plan: Plan {
        if let status, status.isFinal { return .carryOver }
        if let intent, mayHaveApplied { return .resume(intent, unknownSince: unknownSince) }
        return .fresh
    }
}
