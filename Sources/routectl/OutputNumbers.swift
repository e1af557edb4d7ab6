import RouteModel

/// Numbers and their routes as each output format shows them. The columns are `Number`, `Route`
/// and, for Flowroute, `FailoverRoute` (route ids; Flowroute v1: names), which `numbers import`
/// reads back from CSV; tables and JSON add each route's name beside its id.
struct NumberOutput {
    let format: OutputFormat
    var names: RouteNames
    var paging = true

    init(format: OutputFormat, names: RouteNames) {
        self.format = format
        self.names = names
    }

    private struct Column {
        var name: String
        var value: (NumberRouting) -> String?
    }

    /// The columns of a routing, names beside ids where they are worth showing.
    private var routingColumns: [Column] {
        let names = self.names
        let named = names.shown && format != .csv
        var columns = [Column(name: "Route") { $0.primary }]
        if named { columns.append(Column(name: "RouteName") { names.name($0.primary) }) }
        if names.dialect.hasFailoverRoutes {
            columns.append(Column(name: "FailoverRoute") { $0.failover })
            if named { columns.append(Column(name: "FailoverRouteName") { names.name($0.failover) }) }
        }
        return columns
    }

    private func cells(_ routing: NumberRouting) -> [String] {
        routingColumns.map { $0.value(routing) ?? "" }
    }

    private func json(_ routing: NumberRouting) -> [(String, JSON)] {
        routingColumns.map { column in (column.name, column.value(routing).map(JSON.string) ?? .null) }
    }

    /// A printer for a list of numbers, each printed as it is handed to `add`.
    func listPrinter() throws -> ListPrinter {
        try ListPrinter(self)
    }

    final class ListPrinter {
        private let output: NumberOutput
        private let rows: RowPrinter

        fileprivate init(_ output: NumberOutput) throws {
            self.output = output
            rows = try RowPrinter(format: output.format, paging: output.paging,
                                  header: ["Number"] + output.routingColumns.map(\.name), noun: "number")
        }

        func add(_ number: PhoneNumber, _ routing: NumberRouting) throws {
            try rows.add(cells: { [number.e164] + output.cells(routing) },
                         json: { .object([("Number", .string(number.e164))] + output.json(routing)) })
        }

        func finish() throws {
            try rows.finish()
        }
    }

    /// One number: a table of its fields, one JSON object, or a CSV row under the list's header.
    func printNumber(_ number: PhoneNumber, _ routing: NumberRouting) throws {
        switch format {
        case .table:
            let rows = [["Number", number.e164]] + routingColumns.map { [$0.name, $0.value(routing) ?? "(none)"] }
            OutputTable(header: ["Field", "Value"], rows: rows).show(paging: paging)
        case .json:
            OutputJSON.print(.object([("Number", .string(number.e164))] + json(routing)))
        case .csv:
            let printer = try listPrinter()
            try printer.add(number, routing)
            try printer.finish()
        }
    }

    /// A number's routing before and after an assignment.
    func printAssignment(_ number: PhoneNumber, previous: NumberRouting, assigned: NumberRouting) throws {
        let states = [("previous", previous), ("assigned", assigned)]
        switch format {
        case .table:
            let rows = states.map { [number.e164, $0.0] + cells($0.1) }
            OutputTable(header: ["Number", "State"] + routingColumns.map(\.name), rows: rows).show(paging: paging)
        case .json:
            OutputJSON.print(.object([
                ("Number", .string(number.e164)), ("Previous", .object(json(previous))), ("Assigned", .object(json(assigned))),
            ]))
        case .csv:
            let printer = try RowPrinter(format: .csv, paging: false, header: ["Number", "State"] + routingColumns.map(\.name), noun: "number")
            for (state, routing) in states {
                try printer.add(cells: { [number.e164, state] + cells(routing) }, json: { .null })
            }
            try printer.finish()
        }
    }
}
