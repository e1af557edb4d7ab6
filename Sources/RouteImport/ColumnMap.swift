import RouteModel

/// The input's header resolved through the field catalog, once, before any request: every column
/// must be a field or ignored (`--ignore-column`), no field may appear twice, and the import key
/// must be there. `csv inspect` checks a header with the same map, so the two always agree.
public struct ColumnMap: Sendable {
    public let schema: RouteSchema
    /// The field of each column, `nil` for an ignored one. Read-only fields (`CallRouteId`, a
    /// status column from an export) are accepted so an export can be imported again, and ignored.
    public let fields: [Field?]
    /// Columns whose cells go into the route, with the field's catalog name.
    private let writable: [(column: Int, name: String)]
    private let secretColumns: [Int]
    /// The columns `--include-input` repeats: all but the key's, which the results have already.
    let echoedColumns: [Int]

    /// - Parameter ignored: header names (spelled as fields are matched) whose columns are skipped;
    ///   each must name a column, so that a typo is not silently a no-op.
    public init(header: [String], schema: RouteSchema, ignoring ignored: [String] = []) throws(ImportError) {
        let skipped = Set(ignored.map(FieldName.normalize))
        if let stray = ignored.first(where: { name in !header.contains { FieldName.normalize($0) == FieldName.normalize(name) } }) {
            throw .usage("--ignore-column \"\(stray)\" names no column of the header")
        }
        var fields: [Field?] = []
        var unknown: [FieldError] = []
        var firstColumn: [String: Int] = [:]
        var duplicate: ImportError?
        for (index, cell) in header.enumerated() {
            if skipped.contains(FieldName.normalize(cell)) {
                fields.append(nil)
                continue
            }
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
        guard unknown.isEmpty else { throw .unknownColumns(unknown, hint: Self.delimiterHint(header)) }
        if let duplicate { throw duplicate }
        guard firstColumn[schema.keyField] != nil else { throw .missingKeyColumn(schema.keyField) }
        self.schema = schema
        self.fields = fields
        self.writable = fields.enumerated().compactMap { column, field in
            guard let field, !field.isReadOnly else { return nil }
            return (column, field.name)
        }
        self.secretColumns = fields.indices.filter { fields[$0]?.isSecret == true }
        self.echoedColumns = fields.indices.filter { fields[$0]?.name != schema.keyField }
    }

    /// A header read as one column that another delimiter would split: what to try instead.
    public static func delimiterHint(_ header: [String]) -> String? {
        guard header.count == 1, let delimiter = InputHeader.likelyDelimiter(header[0]) else { return nil }
        return "the header is separated by \(delimiter == "\t" ? "tabs" : "'\(delimiter)'"): try --delimiter "
            + (delimiter == "\t" ? "tab" : "'\(delimiter)'")
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
        guard let column = fields.firstIndex(where: { $0?.name == schema.keyField }), column < cells.count else {
            return ""
        }
        // A NUL never reaches a route (the catalog refuses it), and the journal's text cannot hold one.
        return cells[column].withVisibleNUL
    }

    /// Whether the column holds a secret, which is never shown or written back in clear.
    public func isSecret(column: Int) -> Bool { secretColumns.contains(column) }

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
