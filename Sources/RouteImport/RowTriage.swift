import RouteModel

/// Decides, before anything is sent, what each row needs: nothing (already settled), a result
/// straight away (invalid, a duplicate, a name that exists), or a request.
///
/// This is where "no duplicates, ever" starts: names already in the account (listed once before
/// the import) and names seen earlier in the file are never created again, unless
/// `--on-existing create` asks for exactly that.
struct RowTriage {
    enum Decision {
        /// `--resume`: the row has a final status from an earlier run.
        case carriedOver
        case done(RowResult)
        case send(PendingRow)
    }

    let options: ImportOptions
    /// The account's routes before this run: name → id.
    let existing: [String: String]
    let keyField: String
    /// Name → the row that first used it.
    private var seen: [String: Int32] = [:]

    /// - Parameter expectedRows: the input's row count, so the index of names is allocated once.
    init(options: ImportOptions, existing: [String: String], keyField: String, expectedRows: Int) {
        self.options = options
        self.existing = existing
        self.keyField = keyField
        if options.onExisting != .create { seen.reserveCapacity(expectedRows) }
    }

    /// - Parameter previous: the row's status in the results of an earlier run (`--resume`), if any.
    mutating func decide(_ row: RowSource.Row, previous: RowStatus?) -> Decision {
        let route: Route
        switch row.route {
        case .failure(let problem):
            if previous?.isFinal == true { return .carriedOver }
            return .done(result(row, .invalid, error: problem.message))
        case .success(let parsed):
            route = parsed
        }
        let key = route.key ?? row.key
        if options.onExisting != .create {
            if let first = seen[key] {
                if previous?.isFinal == true { return .carriedOver }
                return .done(result(row, .invalid, error: "duplicate \(keyField) in row \(first)"))
            }
            seen[key] = Int32(truncatingIfNeeded: row.number)
        }
        if previous?.isFinal == true { return .carriedOver }
        if options.dryRun { return .done(result(row, .valid)) }
        guard let id = existing[key] else { return .send(pending(row, key: key, route: route, action: .create)) }
        if options.resume && previous == nil {
            // No line at all in the earlier results: the row was in flight when that run stopped
            // abruptly, and its create was applied.
            return .done(result(row, .created, id: id))
        }
        switch options.onExisting {
        case .skip: return .done(result(row, .exists, id: id))
        case .update: return .send(pending(row, key: key, route: route, action: .update(id: id)))
        case .create: return .send(pending(row, key: key, route: route, action: .create))
        }
    }

    private func result(_ row: RowSource.Row, _ status: RowStatus, id: String = "", error: String = "") -> RowResult {
        RowResult(row: row.number, line: row.line, key: row.key, status: status, id: id, error: error, input: row.input)
    }

    private func pending(_ row: RowSource.Row, key: String, route: Route, action: PendingRow.Action) -> PendingRow {
        PendingRow(row: row.number, line: row.line, key: key, route: route, action: action, input: row.input)
    }
}
