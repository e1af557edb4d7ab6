import RouteClient
import RouteModel

/// The check that ends every undo, as verification ends every import: one list of the account,
/// against which every `deleted` row's route must be gone and every `restored` or
/// `partly-restored` row's route must hold the values its restore put back. The listing goes
/// into the undo's journal and the rows are read a page at a time, so any size costs flat memory.
public struct UndoCheck: Sendable {
    /// Rows checked.
    public var rows = 0
    /// Routes the account held when checked.
    public var routes = 0
    /// `row 12: CRID-… TrunkPort1 5060 restored, 5070 now`, one per row not as undo left it (the first thousand).
    public var mismatches: [String] = []

    public var isClean: Bool { mismatches.isEmpty }

    static func run(
        service: any RouteService, imported: Journal, journal: Journal
    ) async throws(ImportError) -> UndoCheck {
        try await AccountListing.load(service, into: journal, full: true, purpose: "to check the undo")
        var check = UndoCheck()
        check.routes = try journal.accountCount()
        var records = RecordedRows(journal: imported, dialect: service.dialect)
        var results = PreviousRows(journal: journal)
        while let record = try records.next() {
            guard let state = try results.state(of: record.row), let status = state.status else { continue }
            let problem: String?
            switch (status, state.intent) {
            case (.deleted, .delete(let id)?):
                check.rows += 1
                problem = try journal.accountRoute(id: id, dialect: service.dialect) == nil ? nil : "\(id) is still in the account"
            case (.restored, .update(let id)?), (.partlyRestored, .update(let id)?):
                check.rows += 1
                problem = try restoreProblem(record, id: id, current: journal.accountRoute(id: id, dialect: service.dialect))
            default:
                problem = nil
            }
            if let problem, check.mismatches.count < 1000 { check.mismatches.append("row \(record.row): " + problem) }
        }
        return check
    }

    /// What of the restore of `record` the route as listed does not hold.
    private static func restoreProblem(_ record: RecordedWrite, id: String, current: Route?) -> String? {
        guard let current else { return "\(id) is not in the account" }
        guard let before = record.before, let sent = record.sent,
              case .restore(_, let changes) = UndoStep.restoring(id: id, before: before, sent: sent, secrets: []).action
        else { return nil }
        let off = RouteDifference(of: changes, from: current).changes
        guard !off.isEmpty else { return nil }
        return "\(id) " + off.map { "\($0.field) \($0.after) restored, \($0.before?.description ?? "(none)") now" }
            .joined(separator: "; ")
    }

    /// `checked 12 rows against 40 routes: every deleted route is gone, every restored one as it was`, or what is not.
    public var description: String {
        var lines = ["checked \(ImportSummary.grouped(rows)) rows against \(ImportSummary.grouped(routes)) routes: "
            + (mismatches.isEmpty ? "every deleted route is gone, every restored one holds its earlier values"
                                  : "\(mismatches.count) not as undo left them")]
        lines += mismatches.prefix(20).map { "  " + $0 }
        if mismatches.count > 20 { lines.append("  … and \(mismatches.count - 20) more") }
        return lines.joined(separator: "\n")
    }
}
