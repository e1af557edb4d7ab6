import Foundation
import RouteModel

/// The undo's rows: the import's rows as its journal holds them, in input order a page at a
/// time, each decided (`UndoStep`) against the account as this run listed it into the undo's own
/// journal; under `--resume`, what an earlier undo recorded comes first, as in an import.
struct UndoRows: RowDecisions {
    private var imported: RecordedRows
    private let journal: Journal
    private let dialect: Dialect
    /// `--plan`: say what would be sent, send nothing.
    private let plan: Bool
    private var previous: PreviousRows

    /// - Parameters:
    ///   - imported: the import's journal, read only.
    ///   - journal: the undo's journal, holding the account as listed with every route's fields.
    ///   - resuming: the undo's journal holds an earlier run of this undo.
    init(imported: Journal, journal: Journal, dialect: Dialect, plan: Bool, resuming: Bool) {
        self.imported = RecordedRows(journal: imported, dialect: dialect)
        self.journal = journal
        self.dialect = dialect
        self.plan = plan
        previous = PreviousRows(journal: resuming ? journal : nil)
    }

    var notice: String? { nil }

    mutating func committed() {}

    mutating func next() throws(ImportError) -> RowTriage.Decision? {
        guard let row = try imported.next() else { return nil }
        switch try previous.state(of: row.row)?.plan ?? .fresh {
        case .carryOver: return .carriedOver
        case .resume(let intent, let settleAt): return resumed(row, intent, settleAt: settleAt ?? Date().timeIntervalSince1970)
        case .fresh: break
        }
        let current = row.id.isEmpty ? nil : try journal.accountRoute(id: row.id, dialect: dialect)
        let step = UndoStep.decide(
            UndoStep.Imported(status: row.status ?? .unprocessed, id: row.id, sent: row.sent,
                              sentSecrets: row.sentSecrets, before: row.before),
            current: current)
        switch step.action {
        case .leave(let status):
            return .done(result(row, status, note: step.note))
        case .delete(let id):
            if plan { return .done(result(row, .toDelete, note: step.note)) }
            return .send(pending(row, .delete(id: id), route: Self.identifying(id, row.key, dialect), step: step, settleAt: nil))
        case .restore(let id, let changes):
            let restoring = Self.restoring(changes, from: current)
            if plan { return .done(result(row, .toRestore, note: step.note, changes: restoring)) }
            return .send(pending(row, .update(id: id), route: changes, step: step,
                                 note: RowResult.notes(restoring.joined(separator: "; "), step.note), settleAt: nil))
        }
    }

    /// A request an earlier undo sent without learning its outcome: the same request again,
    /// which is harmless (a delete's 404 then means it was done). A restore's values come from
    /// the import's journal, never from the account, which that request may have changed.
    private func resumed(_ row: RecordedWrite, _ intent: JournalRow.Intent, settleAt: Double) -> RowTriage.Decision {
        switch intent {
        case .delete(let id):
            let step = UndoStep(action: .delete(id: id))
            return .send(pending(row, .delete(id: id), route: Self.identifying(id, row.key, dialect), step: step, settleAt: settleAt))
        case .update(let id):
            if let before = row.before, let sent = row.sent {
                let step = UndoStep.restoring(id: id, before: before, sent: sent, secrets: row.sentSecrets)
                if case .restore(_, let changes) = step.action {
                    return .send(pending(row, .update(id: id), route: changes, step: step, note: step.note, settleAt: settleAt))
                }
            }
            return .done(result(row, .failed, note: "the undo's journal records a restore that the import's journal cannot rebuild"))
        case .create:
            return .done(result(row, .failed, note: "the undo's journal records a create, which undo never sends"))
        }
    }

    private func result(_ row: RecordedWrite, _ status: RowStatus, note: String, changes: [String] = []) -> RowResult {
        // A row undo cannot take back has its reason where failures have theirs.
        RowResult(row: row.row, line: row.line, key: row.key, status: status, id: row.id,
                  error: status == .failed ? note : "", note: status == .failed ? "" : note, changes: changes)
    }

    private func pending(
        _ row: RecordedWrite, _ action: PendingRow.Action, route: Route, step: UndoStep, note: String = "", settleAt: Double?
    ) -> PendingRow {
        PendingRow(row: row.row, line: row.line, key: row.key, route: route, action: action, settleAt: settleAt,
                   unrecordedCreates: 0, input: [], doneStatus: step.doneStatus,
                   note: note)
    }

    /// A route holding only its id and name: what a delete's result reports.
    private static func identifying(_ id: String, _ key: String, _ dialect: Dialect) -> Route {
        var route = Route(dialect: dialect)
        route[route.schema.keyField] = .string(key)
        route[route.schema.idField] = .string(id)
        return route
    }

    /// `TrunkPort1: 5062 → 5061`, a line per field: what the restore changes on the route as listed.
    private static func restoring(_ changes: Route, from current: Route?) -> [String] {
        guard let current else { return [] }
        return RouteDifference(of: changes, from: current).lines
    }
}
