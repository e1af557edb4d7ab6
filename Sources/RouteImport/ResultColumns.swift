import RouteModel

/// The result file's header and the encoding of one result as its cells.
struct ResultColumns: Sendable {
    let header: [String]

    /// `row,line,RouteName,status,CallRouteId,http_status,attempts,error,note`, with the key and
    /// id columns named by the schema, then the input's own header under `--include-input`.
    init(schema: RouteSchema, inputHeader: [String]?) {
        let idColumn = schema.idField == schema.keyField ? "id" : schema.idField
        header = ["row", "line", schema.keyField, "status", idColumn, "http_status", "attempts", "error", "note"]
            + (inputHeader ?? [])
    }

    func cells(of result: RowResult) -> [String] {
        [
            String(result.row), String(result.line), result.key, result.status.rawValue, result.id,
            result.httpStatus.map(String.init) ?? "", String(result.attempts), result.error, result.note,
        ] + result.input
    }
}
