import Foundation
import RouteCSV
import RouteClient
import RouteModel

/// Routes as each output format shows them, with field names from the schema and secrets
/// masked (JSON) or only said to be set (tables) or left out (CSV, which `import` reads back).
struct RouteOutput {
    let schema: RouteSchema
    let format: OutputFormat
    /// The table's or CSV file's columns; `nil` for the defaults.
    var columns: [RouteColumn]?
    var filters: [RouteFilter] = []
    var sort: RouteColumn?
    var paging = true

    init(dialect: Dialect, format: OutputFormat) {
        schema = .forDialect(dialect)
        self.format = format
    }

    /// Prints routes as they are listed (see `RowPrinter`), filtered; sorting needs every route first.
    final class ListPrinter {
        private let output: RouteOutput
        private var held: [Route] = []
        private let rows: RowPrinter
        private let columns: [RouteColumn]

        init(_ output: RouteOutput) throws {
            self.output = output
            columns = output.format == .csv ? output.csvColumns : output.tableColumns
            rows = try RowPrinter(format: output.format, paging: output.paging, header: columns.map(\.name), noun: "route")
        }

        func add(_ route: Route) throws {
            guard output.filters.allSatisfy({ $0.matches(route) }) else { return }
            if output.sort != nil {
                held.append(route)
            } else {
                try emit(route)
            }
        }

        func finish() throws {
            if let sort = output.sort {
                for route in held.sorted(by: sort.precedes) { try emit(route) }
                held.removeAll()
            }
            try rows.finish()
        }

        private func emit(_ route: Route) throws {
            try rows.add(cells: { columns.map { $0.text(route) } }, json: { output.json(route) })
        }
    }

    /// Every field of one route; a secret field says only whether it is set.
    func printRoute(_ route: Route) throws {
        switch format {
        case .table:
            let paged = PagedOutput(paging: paging)
            for line in OutputTable(header: ["Field", "Value"], rows: fieldRows(route)).lines { paged.write(line) }
            paged.finish()
        case .json:
            OutputJSON.print(json(route))
        case .csv:
            let printer = try ListPrinter(self)
            try printer.add(route)
            try printer.finish()
        }
    }

    /// The fields present, and every secret field: the service never returns a secret, so its
    /// row says so rather than leave the reader to guess whether one is set.
    func fieldRows(_ route: Route) -> [[String]] {
        schema.fields.compactMap { field -> [String]? in
            if let value = route[field.name] { return [field.name, field.isSecret ? "(set)" : value.description] }
            return field.isSecret ? [field.name, "(not returned by the service)"] : nil
        }
    }

    /// The catalog's columns without secrets or the account's own id: the header `import` maps
    /// back to the same fields, in this account or another.
    static func csvFields(_ schema: RouteSchema) -> [Field] {
        schema.fields.filter { !$0.isSecret && !$0.isAccountBound }
    }

    private var tableColumns: [RouteColumn] { columns ?? schema.listColumns }

    private var csvColumns: [RouteColumn] {
        columns ?? Self.csvFields(schema).compactMap { try? schema.column(named: $0.name) }
    }

    /// The catalog names as keys and JSON types that match the values: numbers, booleans, lists.
    /// `--columns` keeps only those columns.
    fileprivate func json(_ route: Route) -> JSON {
        if let columns {
            return .object(columns.map { column in
                guard let field = column.field else { return (column.name, .string(column.text(route))) }
                return (column.name, route[field.name].map { Self.json($0, of: field) } ?? .null)
            })
        }
        return CatalogJSON.encode(route) { .string(Secret.mask($0.description)) }
    }

    private static func json(_ value: FieldValue, of field: Field) -> JSON {
        field.isSecret ? .string(Secret.mask(value.description)) : CatalogJSON.encode(value)
    }
}
