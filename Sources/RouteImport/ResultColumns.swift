import RouteModel

/// The result file's header and the encoding of one result as its cells.
struct ResultColumns: Sendable {
    let header: [String]
    /// Whether a plan's `changes` column follows `note`.
    let planning: Bool
    /// A `numbers import`'s: whether its routing columns have a failover beside the primary;
    /// `nil` for routes.
    private let failoverColumns: Bool?

    /// `row,line,RouteName,status,CallRouteId,http_status,attempts,error,note`, with the key and
    /// id columns named by the schema, then `changes` for a plan, then the input's own header
    /// under `--include-input`.
    init(schema: RouteSchema, inputHeader: [String]?, planning: Bool = false) {
        let idColumn = schema.idField == schema.keyField ? "id" : schema.idField
        header = ["row", "line", schema.keyField, "status", idColumn, "http_status", "attempts", "error", "note"]
            + (planning ? ["changes"] : []) + (inputHeader ?? [])
        self.planning = planning
        failoverColumns = nil
    }

    /// A `numbers import`'s: `row,line,Number,status,VoiceRouteId,previous_route,http_status,attempts,error,note`
    /// for Telegent; Flowroute's name the primary and failover routes before and after
    /// (`route,failover_route,previous_route,previous_failover_route`).
    init(numbersOf dialect: Dialect) {
        let routing = dialect.hasFailoverRoutes
            ? ["route", "failover_route", "previous_route", "previous_failover_route"] : ["VoiceRouteId", "previous_route"]
        header = ["row", "line", NumberColumn.number.rawValue, "status"] + routing + ["http_status", "attempts", "error", "note"]
        planning = false
        failoverColumns = dialect.hasFailoverRoutes
    }

    /// A plan's changes share one cell: `TrunkPort1: 5060 → 5062; TrunkTransport1: UDP → TCP`.
    static let changeSeparator = "; "

    func cells(of result: RowResult) -> [String] {
        let answer = [result.httpStatus.map(String.init) ?? "", String(result.attempts), result.error, result.note]
        if let failoverColumns {
            var to = NumberRouting.none, from = NumberRouting.none
            if case .assign(let assignment)? = result.action { (to, from) = (assignment.to, assignment.from) }
            let routing = failoverColumns
                ? [to.primary, to.failover, from.primary, from.failover] : [to.primary, from.primary]
            return [String(result.row), String(result.line), result.key, result.status.rawValue] + routing.map { $0 ?? "" } + answer
        }
        return [String(result.row), String(result.line), result.key, result.status.rawValue, result.id] + answer
            + (planning ? [result.changes.joined(separator: Self.changeSeparator)] : []) + result.input
    }

    /// A result as a JSON object of the same columns, `changes` as an array of lines.
    func json(of result: RowResult) -> JSON {
        .object(zip(header, cells(of: result)).map { name, cell in
            switch name {
            case "row", "line", "attempts": return (name, .int(Int(cell) ?? 0))
            case "http_status": return (name, Int(cell).map(JSON.int) ?? .null)
            case "changes" where planning: return (name, .array(result.changes.map(JSON.string)))
            default: return (name, .string(cell))
            }
        })
    }
}
