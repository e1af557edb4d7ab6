import Foundation
import RouteClient
import RouteModel

/// Decides, before anything is sent, what each row needs: nothing (already settled), a result
/// straight away (invalid, a duplicate, a name that exists), or a request.
///
/// This is where "no duplicates, ever" starts: names already in the account (listed once before
/// the run) and names seen earlier in the file are never created again, unless
/// `--on-existing create` asks for exactly that. Under `--on-existing update`, a row is compared
/// with the route as listed and only the fields that differ are sent; a row with no difference
/// is `unchanged` and sends nothing. When `planning`, nothing is sent: a row that would need a
/// request is `to-create` or `to-update`, with the changes. Under `--resume`, the journal's record of the row
/// comes first (`JournalRow.plan`): a row that may have reached the service is resumed with that
/// knowledge, and one that cannot have is decided as on a first run.
struct RowTriage: RowTriaging {
    enum Decision {
        /// `--resume`: the row has a final status from an earlier run.
        case carriedOver
        case done(RowResult)
        case send(PendingRow)
    }

    let options: ImportOptions
    /// Where the names already used and the account as listed at the start are looked up, so a
    /// file and an account of any size cost no memory here.
    let journal: Journal
    let keyField: String
    /// `--plan`, or the pass that counts an import's updates before anything is sent.
    let planning: Bool
    /// The longest settle delay of any run of this import, in seconds: a row an earlier run left
    /// in flight with no record of when may be looked up only that long after now.
    let settleDelay: Double
    /// Names used by rows of the batch being triaged, not yet committed to the journal, as bytes:
    /// the journal and the service compare names byte for byte, not as equivalent Unicode.
    private var batch: [[UInt8]: Int] = [:]

    init(options: ImportOptions, journal: Journal, keyField: String, settleDelay: Double, planning: Bool = false) {
        self.options = options
        self.journal = journal
        self.keyField = keyField
        self.planning = planning
        self.settleDelay = settleDelay
    }

    /// The batch's rows are in the journal now, where later rows find their names.
    mutating func committed() {
        batch.removeAll(keepingCapacity: true)
    }

    /// - Parameter previous: what the journal of an earlier run holds for this row (`--resume`).
    mutating func decide(_ row: RowSource.Row, previous: JournalRow?) throws(ImportError) -> Decision {
        let plan = previous?.plan ?? .fresh
        let route: Route
        switch row.route {
        case .failure(let problem):
            if plan == .carryOver { return .carriedOver }
            return .done(result(row, .invalid, error: problem.message))
        case .success(let parsed):
            route = parsed
        }
        let key = route.key ?? row.key
        if options.onExisting != .create {
            var first = batch[Array(key.utf8)]
            if first == nil { first = try journal.firstRow(withKey: key, before: row.number) }
            if let first {
                if plan == .carryOver { return .carriedOver }
                return .done(result(row, .invalid, error: "duplicate \(keyField) in row \(first)"))
            }
            batch[Array(key.utf8)] = row.number
        }
        switch plan {
        case .carryOver:
            return .carriedOver
        case .resume(let intent, let settleAt):
            let action = intent.action
            // Only an intent: the request may have left just before the stop, i.e. just now.
            let onlyIntent = settleAt == nil && action == .create
            return .send(PendingRow(
                row: row.number, line: row.line, key: key, route: route, action: action,
                settleAt: settleAt ?? Date().timeIntervalSince1970 + settleDelay,
                unrecordedCreates: onlyIntent ? 1 : 0, input: row.input, note: row.note))
        case .fresh:
            break
        }
        if options.dryRun { return .done(result(row, .valid)) }
        guard let existing = try journal.accountRoute(named: key, dialect: route.dialect) else {
            return planning ? .done(result(row, .toCreate)) : .send(pending(row, key: key, route: route, action: .create))
        }
        let difference = existing.route.map { RouteDifference(of: route, from: $0) }
        switch options.onExisting {
        case .skip:
            // A plan says what an update would have changed, although skipping changes nothing. The
            // translation's note is left out: it describes a route that is not sent.
            return .done(result(row, .exists, id: existing.id, note: "", changes: planning ? difference?.lines ?? [] : []))
        case .create:
            return planning ? .done(result(row, .toCreate)) : .send(pending(row, key: key, route: route, action: .create))
        case .update:
            // As `routes update` does, a name several routes share is refused: which one is meant?
            if !existing.others.isEmpty {
                let ids = ([existing.id] + existing.others).joined(separator: ", ")
                return .done(result(row, .invalid, error: "\(existing.others.count + 1)\(existing.others.count == 10 ? " or more" : "") "
                    + "routes are named \"\(key)\" (\(ids)): an update needs one; rename the others, "
                    + "or update the one you mean by id with routectl routes update"))
            }
            if let problem = leftovers(of: existing.route, updatedBy: route, key: key) {
                return .done(result(row, .invalid, id: existing.id, error: problem))
            }
            if let difference, difference.isEmpty { return .done(result(row, .unchanged, id: existing.id)) }
            if planning { return .done(result(row, .toUpdate, id: existing.id, changes: difference?.lines ?? [])) }
            return .send(pending(row, key: key, route: difference?.update ?? route, action: .update(id: existing.id),
                                 before: existing.route))
        }
    }

    /// `--from` with `--on-existing update`: why the update cannot make the listed route the
    /// source's, if it cannot (`RouteTranslation.leftovers`). Without the listed fields nothing
    /// can be said, so the row is refused too rather than reported as an exact update.
    private func leftovers(of listed: Route?, updatedBy route: Route, key: String) -> String? {
        guard let from = options.from else { return nil }
        let translation = RouteTranslation(from: from.dialect(baseURL: nil), to: route.dialect)
        let source = translation.sourceProvider
        guard let listed else {
            guard translation.target.dialect == .telegent else { return nil }
            return "the route's fields were not listed, so an update from the \(source) route cannot be checked to leave none "
                + "it lacks: delete the route first or edit it"
        }
        let fields = translation.leftovers(in: listed, updatedBy: route)
        if fields.isEmpty { return nil }
        return "the update would leave " + fields.joined(separator: ", ") + ", which the \(source) route does not have, and "
            + "\(route.dialect.displayName)'s update cannot empty a field: delete the route first "
            + "(routectl routes delete \(listed.id ?? key)) and import again, or edit the route by hand"
    }

    private func result(
        _ row: RowSource.Row, _ status: RowStatus, id: String = "", error: String = "", note: String? = nil,
        changes: [String] = []
    ) -> RowResult {
        RowResult(row: row.number, line: row.line, key: row.key, status: status, id: id, error: error, note: note ?? row.note,
                  input: row.input, changes: changes)
    }

    private func pending(
        _ row: RowSource.Row, key: String, route: Route, action: PendingRow.Action, before: Route? = nil
    ) -> PendingRow {
        PendingRow(row: row.number, line: row.line, key: key, route: route, action: action,
                   settleAt: nil, unrecordedCreates: 0, input: row.input, before: before, note: row.note)
    }
}
