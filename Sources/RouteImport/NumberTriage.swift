import Foundation
import RouteModel

/// Decides, before anything is sent, what each row of a numbers file needs: a result straight
/// away (invalid, a number given twice, already on those routes) or an assignment.
///
/// Routes are named by name or id and resolved against the account as listed once at the start,
/// as are the numbers' current routes, both in the journal: a file and an account of any size
/// cost no memory here. Under `--resume`, an assignment an earlier run may have sent is sent
/// again as it was journaled (it is idempotent), with the routes the number had before it.
struct NumberTriage {
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
        case .resume(.assign(let assignment), let settleAt):
            return .send(pending(row, assignment, settleAt: settleAt ?? Date().timeIntervalSince1970))
        case .resume:
            return .done(result(row, .failed, error: "the journal records a request for this row that numbers import never sends"))
        case .fresh:
            break
        }
        let to: NumberRouting
        switch try routing(request) {
        case .failure(let problem): return .done(result(row, .invalid, error: problem.message))
        case .success(let wanted): to = wanted
        }
        guard let current = try journal.routing(of: request.number) else {
            return .done(result(row, .invalid, error: "the account has no number \(request.number)"))
        }
        let assignment = NumberAssignment(number: request.number, to: to, from: current)
        if to == current { return .done(result(row, .unchanged, assignment: assignment)) }
        if planning { return .done(result(row, .toAssign, assignment: assignment)) }
        return .send(pending(row, assignment, settleAt: nil))
    }

    /// The routes the row names, as ids; a failover the file does not give is kept as listed.
    private func routing(_ request: NumberRowSource.Request) throws(ImportError) -> Result<NumberRouting, RowProblem> {
        let primary: String
        switch try resolve(request.route, column: .route) {
        case .failure(let problem): return .failure(problem)
        case .success(let id): primary = id
        }
        var failover: String?
        switch request.failover {
        case .kept:
            if dialect.hasFailoverRoutes { failover = try journal.routing(of: request.number)?.failover }
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
        return .success(NumberRouting(primary: primary, failover: failover))
    }

    /// A route of the account by id, else by name; a name several routes share is refused, as
    /// `routes update` refuses it.
    private func resolve(_ reference: String, column: NumberColumn) throws(ImportError) -> Result<String, RowProblem> {
        if try journal.accountName(id: reference) != nil { return .success(reference) }
        guard let named = try journal.accountRoute(named: reference, dialect: dialect) else {
            return .failure(RowProblem("\(column.rawValue): the account has no route named or with the id \"\(reference)\""))
        }
        guard named.others.isEmpty else {
            let ids = ([named.id] + named.others).joined(separator: ", ")
            return .failure(RowProblem("\(column.rawValue): \(named.others.count + 1)\(named.others.count == 10 ? " or more" : "") "
                + "routes are named \"\(reference)\" (\(ids)): give the id of the one you mean"))
        }
        return .success(named.id)
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

/// The rows of a numbers file, each decided with what the journal of an earlier run holds of it.
struct NumberRows: RowDecisions {
    let source: NumberRowSource
    var triage: NumberTriage
    var previous: PreviousRows

    mutating func next() throws(ImportError) -> RowTriage.Decision? {
        guard let row = try source.next() else { return nil }
        return try triage.decide(row, previous: try previous.state(of: row.number))
    }

    mutating func committed() {
        triage.committed()
    }

    var notice: String? { source.notice }
}
