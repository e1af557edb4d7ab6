import RouteImport
import RouteModel

/// A header checked by the importer's own `ColumnMap`, so `csv inspect` refuses exactly what
/// `import` refuses, in the same words. `csv inspect` has no connection to learn the provider
/// from: it checks against the first catalog the header fits (Telegent, Flowroute v1, v2), or
/// reports against the one it comes closest to.
struct HeaderCheck {
    let schema: RouteSchema
    /// Why `import` would refuse the header, if it would.
    let problem: ImportError?
    /// Columns whose cells are secrets in any provider's catalog: never shown in clear. A header
    /// read with the wrong delimiter is one cell holding every name, and its cells hold every
    /// value: a column is secret if any name in its header cell, split on any delimiter, is.
    let secretColumns: Set<Int>
    private let header: [String]
    private let ignored: Set<String>

    init(_ header: [String]?, file: String, ignoring ignoredNames: [String]) {
        let cells = header ?? []
        self.header = cells
        ignored = Set(ignoredNames.map(FieldName.normalize))
        secretColumns = Set(cells.indices.filter { column in
            cells[column].split(whereSeparator: { ",;\t|".contains($0) }).contains { name in
                Dialect.allCases.contains { RouteSchema.forDialect($0).field(named: String(name))?.isSecret == true }
            }
        })
        guard let header else {
            schema = .telegent
            problem = .emptyFile(file)
            return
        }
        var closest: (schema: RouteSchema, problem: ImportError, known: Int)?
        for dialect in Dialect.allCases {
            let schema = RouteSchema.forDialect(dialect)
            do throws(ImportError) {
                _ = try ColumnMap(header: header, schema: schema, ignoring: ignoredNames)
                self.schema = schema
                problem = nil
                return
            } catch {
                let known = header.filter { schema.field(named: $0) != nil }.count
                if closest == nil || known > closest!.known { closest = (schema, error, known) }
            }
        }
        schema = closest?.schema ?? .telegent
        problem = closest?.problem
    }

    /// The heading of the mapping column: `Telegent field`.
    var schemaTitle: String { "\(schema.dialect.displayName) field" }

    /// What a column feeds: `→ RouteName`, `ignored`, or `unknown (did you mean RouteType?)`.
    func mapping(of column: Int) -> String {
        let name = header[column]
        if ignored.contains(FieldName.normalize(name)) { return "ignored (--ignore-column)" }
        if let field = schema.field(named: name) { return "→ \(field.name)" }
        let suggestions = schema.suggestions(for: name)
        return suggestions.isEmpty ? "unknown" : "unknown (did you mean \(suggestions.joined(separator: ", "))?)"
    }
}
