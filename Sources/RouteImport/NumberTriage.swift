import Foundation
import RouteModel

/// Decides, before anything is sent, what each row of a numbers file needs: a result straight
/// away (invalid, a number given twice, already on those routes) or an assignment.
///
/// Routes are named by name or id and resolved against the account as listed once at the start,
/// as are the numbers' current routes, both in the journal: a file and an account of any size
/// cost no memory here. Under `--resume`, an assignment an earlier run may have sent is sent
/// again as it was journaled (it is idempotent), with the routes the number had before it.
struct NumberTriage: RowTriaging {
    let journal: Journal
    let dialect: Dialect
    /// `--plan`: a row that would be sent is `to-assign`.
    let planning: Bool
    /// Numbers of the batch being triaged, not yet committed to the journal.
    private var batch: [String: Int] = [:]

    init(journal: Journal, dialect: Dialect, planning: Bool) {
        self.journal = journal
        self.dialect = dialect
        self.planning = planning
    }

    mutating func committed() {
        batch.removeAll(keepingCapacity: true)
    }

    mutating func decide(_ row: NumberRowSource.Row, previous: JournalRow?) throws(ImportError) -> RowTriage.Decision {
        let plan = previous?.plan ?? .fresh
        let request: NumberRowSource.Request
        switch row.request {
        case .failure(let problem):
            if plan == .carryOver { return .carriedOver }
            return .done(result(row, .invalid, error: problem.message))
        case .success(let parsed):
            request = parsed
        }
        var first = batch[row.key]
        if first == nil { first = try journal.firstRow(withKey: row.key, before: row.number) }
        if let first {
            if plan == .carryOver { return .carriedOver }
            return .done(result(row, .invalid, error: "\(request.number) is also in row \(first): which routes it is to use is unclear"))
        }
        let decision = try decide(row, request, plan: plan)
        // As in the journal, only a row that is not invalid holds its number against later rows.
        if case .done(let result) = decision, result.status == .invalid { return decision }
        batch[row.key] = row.number
        return decision
    }

    private func decide(_ row: NumberRowSource.Row, _ request: NumberRowSource.Request, plan: JournalRow.Plan) throws(ImportError)
        -> RowTriage.Decision {
        switch plan {
        case .carryOver:
            return .carriedOver
        case .resume(.assign(let sent), let settleAt):
            // The earlier run may have applied its assignment. The row goes out as the file says
            // now (an edited row replaces what was sent), and keeps the routes the number had
            // before that run, which undo is to put back.
            switch try routing(request, before: sent.from) {
            case .failure(let problem):
                return .done(RowResult(
                    row: row.number, line: row.line, key: row.key, status: .failed, id: sent.to.primary ?? "",
                    error: problem.message + "; an earlier run sent, or was about to send, \(sent.number) to \(sent.to), which may have "
                        + "been applied: fix the row and --resume",
                    action: .assign(sent), mayHaveApplied: true))
            case .success(let to):
                let edited = to == sent.to ? "" : "the row changed since an earlier run sent, or was about to send, \(sent.to)"
                var pending = pending(row, NumberAssignment(number: sent.number, to: to, from: sent.from),
                                      settleAt: settleAt ?? Date().timeIntervalSince1970)
                pending.note = edited
                return .send(pending)
            }
        case .resume:
            return .done(result(row, .failed, error: "the journal records a request for this row that numbers import never sends"))
        case .fresh:
            break
        }
        guard let current = try journal.routing(of: request.number) else {
            return .done(result(row, .invalid, error: "the account has no number \(request.number)"))
        }
        let to: NumberRouting
        switch try routing(request, before: current) {
        case .failure(let problem): return .done(result(row, .invalid, error: problem.message))
        case .success(let wanted): to = wanted
        }
        let assignment = NumberAssignment(number: request.number, to: to, from: current)
        if to == current { return .done(result(row, .unchanged, assignment: assignment)) }
        if planning { return .done(result(row, .toAssign, assignment: assignment)) }
        return .send(pending(row, assignment, settleAt: nil))
    }

    /// The routes the row names, as ids; a failover the file does not give is the one the number
    /// had `before`.
    private func routing(_ request: NumberRowSource.Request, before: NumberRouting) throws(ImportError)
        -> Result<NumberRouting, RowProblem> {
        let primary: String
        switch try resolve(request.route, column: .route) {
        case .failure(let problem): return .failure(problem)
        case .success(let id): primary = id
        }
        var failover: String?
        switch request.failover {
        case .kept:
            failover = dialect.hasFailoverRoutes ? before.failover : nil
        case .removed:
            failover = nil
        case .route(let name):
            switch try resolve(name, column: .failoverRoute) {
            case .failure(let problem): return .failure(problem)
            case .success(let id): failover = id
            }
            if failover == primary {
                return .failure(RowProblem("\(NumberColumn.failoverRoute.rawValue): \(name) is the same route as \(NumberColumn.route.rawValue)"))
            }
        }
        if let failover, failover == primary, case .kept = request.failover {
            return .failure(RowProblem("\(NumberColumn.route.rawValue): \(request.route) is the number's failover route, which it keeps "
                + "without a \(NumberColumn.failoverRoute.rawValue) column: a number's failover must be another route; "
                + "give the column (empty for none)"))
        }
        return .success(NumberRouting(primary: primary, failover: failover))
    }

    /// A route of the account by id, else by name; a name several routes share is refused, as
    /// `routes update` refuses it.
    private func resolve(_ reference: String, column: NumberColumn) throws(ImportError) -> Result<String, RowProblem> {
        let named = try journal.accountRoute(named: reference, dialect: dialect)
        if try journal.accountName(id: reference) != nil {
            // A route whose name is another's id: which one the row means is anyone's guess.
            if let named, named.id != reference {
                return .failure(RowProblem("\(column.rawValue): \"\(reference)\" is the id of one route and the name of another "
                    + "(\(([named.id] + named.others).joined(separator: ", "))): rename that one, or give the other's id"))
            }
            return .success(reference)
        }
        guard let named else {
            return .failure(RowProblem("\(column.rawValue): the account has no route named or with the id "
                + "\"\(TerminalText.escaped(reference))\"" + (try lookalike(of: reference))))
        }
        guard named.others.isEmpty else {
            let ids = ([named.id] + named.others).joined(separator: ", ")
            return .failure(RowProblem("\(column.rawValue): \(named.others.count + 1)\(named.others.count == 10 ? " or more" : "") "
                + "routes are named \"\(reference)\" (\(ids)): give the id of the one you mean"))
        }
        return .success(named.id)
    }

    /// Why a name that looks like a route's is not found: an invisible character in the cell, or
    /// the same letters in another Unicode form (the service compares names byte for byte).
    private func lookalike(of reference: String) throws(ImportError) -> String {
        if let hidden = reference.unicodeScalars.first(where: { $0.properties.generalCategory == .format || TerminalText.isUnsafe($0) }) {
            return " (it holds the invisible character U+\(String(hidden.value, radix: 16, uppercase: true)))"
        }
        for form in [reference.precomposedStringWithCanonicalMapping, reference.decomposedStringWithCanonicalMapping]
        where Array(form.utf8) != Array(reference.utf8) {
            if let route = try journal.accountRoute(named: form, dialect: dialect) {
                return " (route \(route.id) has the same name in another Unicode form: its accents are written otherwise)"
            }
        }
        return ""
    }

    private func result(_ row: NumberRowSource.Row, _ status: RowStatus, error: String = "", assignment: NumberAssignment? = nil) -> RowResult {
        RowResult(row: row.number, line: row.line, key: row.key, status: status, id: assignment?.to.primary ?? "",
                  error: error, action: assignment.map { .assign($0) })
    }

    private func pending(_ row: NumberRowSource.Row, _ assignment: NumberAssignment, settleAt: Double?) -> PendingRow {
        PendingRow(row: row.number, line: row.line, key: row.key, route: Route(dialect: dialect), action: .assign(assignment),
                   settleAt: settleAt, unrecordedCreates: 0, input: [])
    }
}

/// A numbers import's rows.
typealias NumberRows = FileRows<NumberRowSource, NumberTriage>
