import RouteModel

/// The input's header resolved through the field catalog, once, before any request: every column
/// must be a field, no field may appear twice, and the import key must be there.
struct ColumnMap: Sendable {
    let schema: RouteSchema
    /// The field of each column. Read-only fields (`CallRouteId`, a status column from an export)
    /// are accepted so an export can be imported again, and ignored.
    let fields: [Field]
    /// Columns whose cells go into the route, with the field's catalog name.
    private let writable: [(column: Int, name: String)]
    private let secretColumns: [Int]
    /// The columns `--include-input` repeats: all but the key's, which the results have already.
    let echoedColumns: [Int]

    init(header: [String], schema: RouteSchema) throws(ImportError) {
        var fields: [Field] = []
        var unknown: [FieldError] = []
        var firstColumn: [String: Int] = [:]
        var duplicate: ImportError?
        for (index, cell) in header.enumerated() {
            let field: Field
            do throws(FieldError) { field = try schema.resolve(cell) } catch {
                unknown.append(error)
                continue
            }
            if let earlier = firstColumn[field.name] {
                duplicate = duplicate ?? .duplicateColumn(field: field.name, columns: [earlier + 1, index + 1])
            }
            firstColumn[field.name] = firstColumn[field.name] ?? index
            fields.append(field)
        }
        guard unknown.isEmpty else { throw .unknownColumns(unknown) }
        if let duplicate { throw duplicate }
        guard firstColumn[schema.keyField] != nil else { throw .missingKeyColumn(schema.keyField) }
        self.schema = schema
        self.fields = fields
        self.writable = fields.enumerated().compactMap { $1.isReadOnly ? nil : ($0, $1.name) }
        self.secretColumns = fields.indices.filter { fields[$0].isSecret }
        self.echoedColumns = fields.indices.filter { fields[$0].name != schema.keyField }
    }

    /// The route a record describes, or why it cannot be sent: the field's own message.
    func route(from cells: [String]) -> Result<Route, RowProblem> {
        let pairs = writable.map { (name: $0.name, text: cells[$0.column]) }
        let route: Route
        do throws(FieldError) {
            route = try Route.parse(pairs: pairs, dialect: schema.dialect)
        } catch {
            return .failure(RowProblem(error.description))
        }
        let problems = schema.problems(in: route, for: .create)
        guard problems.isEmpty else {
            return .failure(RowProblem(problems.map(\.description).joined(separator: "; ")))
        }
        return .success(route)
    }

    /// The key cell as typed, for the result file even when the row is invalid.
    func key(in cells: [String]) -> String {
        guard let column = fields.firstIndex(where: { $0.name == schema.keyField }), column < cells.count else {
            return ""
        }
        return cells[column]
    }

    /// The cells as `--include-input` shows them: one per echoed column, secrets replaced by `***`.
    func redacted(_ cells: [String]) -> [String] {
        echoedColumns.map { column in
            guard column < cells.count else { return "" }
            return secretColumns.contains(column) && !cells[column].isEmpty ? "***" : cells[column]
        }
    }
}

/// Why a row is not sent; the message goes in the result file's `error` column.
struct RowProblem: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}
