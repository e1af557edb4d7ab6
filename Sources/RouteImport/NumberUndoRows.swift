import Foundation
import RouteModel

/// The undo of a `numbers import`: its rows as its journal holds them, in input order a page at a
/// time, each number the import assigned put back on the routes it had — if it is still where
/// the import put it (as listed into the undo's journal). A number moved since is `drifted` and
/// left alone. Under `--resume`, what an earlier undo recorded comes first, as in an import.
struct NumberUndoRows: RowDecisions {
    private var imported: RecordedRows
    private let journal: Journal
    private let dialect: Dialect
    /// `--plan`: say what would be sent, send nothing.
    private let plan: Bool
    private var previous: PreviousRows

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
        // An assignment an earlier undo sent without learning its outcome is decided afresh
        // against the new listing: someone may have moved the number since.
        var inFlight = false
        switch try previous.state(of: row.row)?.plan ?? .fresh {
        case .carryOver: return .carriedOver
        case .resume: inFlight = true
        case .fresh: break
        }
        guard row.status == .assigned, case .assign(let assignment)? = row.intent else {
            return .done(result(row, .nothingToUndo, note: "the import did not move this number"))
        }
        let back = assignment.reversed
        guard let current = try journal.routing(of: assignment.number) else {
            return .done(result(row, .gone, note: "\(assignment.number) is no longer in the account"))
        }
        if current == assignment.from {
            // Back where it was: the earlier undo's request did it, or someone else did.
            return .done(inFlight
                ? result(row, .restored, back: back)
                : result(row, .nothingToUndo, back: back, note: "already on the routes it had before the import"))
        }
        // On Flowroute v2 an assignment is two requests: an earlier undo may have made one of them.
        let halfway = [assignment.from.primary, assignment.to.primary].contains(current.primary)
            && [assignment.from.failover, assignment.to.failover].contains(current.failover)
        guard current == assignment.to || (inFlight && halfway) else {
            return .done(result(row, .drifted, note: "now on \(current.description); the import put it on \(assignment.to.description)"))
        }
        for missing in [assignment.from.primary, assignment.from.failover].compactMap({ $0 }) where try journal.accountName(id: missing) == nil {
            return .done(RowResult(row: row.row, line: row.line, key: row.key, status: .failed,
                                   error: "its route before the import, \(missing), is no longer in the account: there is nothing to "
                                       + "put it back on; point it at a route with routectl numbers assign"))
        }
        if plan { return .done(result(row, .toRestore, back: back)) }
        return .send(PendingRow(row: row.row, line: row.line, key: row.key, route: Route(dialect: dialect), action: .assign(back),
                                settleAt: inFlight ? Date().timeIntervalSince1970 : nil, unrecordedCreates: 0, input: [],
                                doneStatus: .restored))
    }

    private func result(_ row: RecordedWrite, _ status: RowStatus, back: NumberAssignment? = nil, note: String = "") -> RowResult {
        RowResult(row: row.row, line: row.line, key: row.key, status: status, id: back?.to.primary ?? "", note: note,
                  action: back.map { .assign($0) })
    }
}
