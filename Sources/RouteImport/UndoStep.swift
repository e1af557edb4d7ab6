import RouteModel

/// What undo does with one row of the import, decided from what the import journaled of it (its
/// status, the route's id, the fields it sent and, for an update, the route as it was before)
/// and the route as the account holds it now. No I/O.
///
/// A route is taken back only when it is exactly as the import left it: a created route whose
/// fields still hold what was sent, an updated route whose fields equal its before-image with
/// the sent fields laid over it. Anything else was changed by someone since, and is left alone.
/// Fields that are never listed (secrets) cannot be compared, and are not.
struct UndoStep: Sendable, Equatable {
    enum Action: Sendable, Equatable {
        case delete(id: String)
        /// A partial update putting the before-image's values back on the fields the import changed.
        case restore(id: String, changes: Route)
        /// Nothing to send; the status says why.
        case leave(RowStatus)
    }

    /// What the import journaled of one row.
    struct Imported: Sendable, Equatable {
        var status: RowStatus
        var id: String
        /// The fields the import sent (creates and updates), secrets left out.
        var sent: Route?
        /// The secret fields the import sent: named, never kept.
        var sentSecrets: [String] = []
        /// The route as listed before the import updated it (updates).
        var before: Route?
    }

    let action: Action
    /// What differs, what cannot be put back, or why there is nothing to do.
    let note: String
    /// The status a sent action ends with: `deleted`, `restored`, or `partly-restored` when some
    /// field the import changed cannot be put back.
    var doneStatus: RowStatus {
        switch action {
        case .delete: return .deleted
        case .restore: return unrestorable.isEmpty ? .restored : .partlyRestored
        case .leave(let status): return status
        }
    }
    /// The fields the import changed that no update can put back, with why.
    let unrestorable: [String]

    init(action: Action, note: String = "", unrestorable: [String] = []) {
        self.action = action
        self.note = note
        self.unrestorable = unrestorable
    }

    static func decide(_ imported: Imported, current: Route?) -> UndoStep {
        switch imported.status {
        case .created:
            guard let current else { return UndoStep(action: .leave(.gone), note: "already deleted since the import") }
            guard let sent = imported.sent else { return missingRecord("the fields it sent") }
            let drift = RouteDifference(of: sent, from: current).changes.map(Self.changed)
            guard drift.isEmpty else { return drifted(drift) }
            return UndoStep(action: .delete(id: imported.id))
        case .updated:
            guard let current else {
                return UndoStep(action: .leave(.gone), note: "deleted since the import: nothing to restore")
            }
            guard let sent = imported.sent, let before = imported.before else { return missingRecord("its before-image") }
            let drift = differences(current, from: before.merging(sent))
            if drift.isEmpty { return restoring(id: imported.id, before: before, sent: sent, secrets: imported.sentSecrets) }
            // An earlier undo, or someone, already put it back: nothing left to do.
            if differences(current, from: before).isEmpty {
                return UndoStep(action: .leave(.nothingToUndo), note: "already as it was before the import")
            }
            return drifted(drift)
        default:
            return UndoStep(action: .leave(.nothingToUndo),
                            note: "the import changed nothing with this row (\(imported.status.rawValue))")
        }
    }

    /// The update that takes `sent` back: each field it changed gets its value from `before`; a
    /// field `before` did not have, or a secret `before` could not show, stays as imported.
    static func restoring(id: String, before: Route, sent: Route, secrets: [String]) -> UndoStep {
        let difference = RouteDifference(of: sent, from: before)
        var changes = Route(dialect: sent.dialect)
        var unrestorable: [String] = []
        for change in difference.changes {
            if let earlier = change.before {
                changes[change.field] = earlier
            } else {
                unrestorable.append("\(change.field): added by the import, and no update can empty a field; it keeps \(change.after)")
            }
        }
        unrestorable += (difference.secrets + secrets).map {
            "\($0): a secret the service never shows, so its earlier value is unknown; it keeps the imported one"
        }
        let note = unrestorable.joined(separator: "; ")
        guard changes.entries.isEmpty else {
            return UndoStep(action: .restore(id: id, changes: changes), note: note, unrestorable: unrestorable)
        }
        return unrestorable.isEmpty
            ? UndoStep(action: .leave(.nothingToUndo), note: "the import's update changed no value")
            : UndoStep(action: .leave(.partlyRestored), note: note, unrestorable: unrestorable)
    }

    /// How `current` differs from `expected`, both ways: a field someone added since is a
    /// difference as much as a value someone changed.
    private static func differences(_ current: Route, from expected: Route) -> [String] {
        RouteDifference(of: expected, from: current).changes.map(changed)
            + RouteDifference(of: current, from: expected).changes.filter { $0.before == nil }.map {
                "\($0.field) (none) imported, \($0.after) now"
            }
    }

    /// `TrunkPort1 5061 imported, 5062 now`: a change from the route as the import left it
    /// (wanted) to the route as listed now.
    private static func changed(_ change: RouteDifference.Change) -> String {
        "\(change.field) \(change.after) imported, \(change.before?.description ?? "(none)") now"
    }

    private static func drifted(_ differences: [String]) -> UndoStep {
        UndoStep(action: .leave(.drifted), note: "changed since the import, left alone: " + differences.joined(separator: "; "))
    }

    private static func missingRecord(_ what: String) -> UndoStep {
        UndoStep(action: .leave(.failed), note: "the import's journal does not hold \(what): it cannot be taken back safely")
    }
}
