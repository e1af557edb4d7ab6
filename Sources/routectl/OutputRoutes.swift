import Foundation
import RouteCSV
import RouteClient
import RouteModel

/// Routes as each output format shows them, with field names from the schema and secrets
/// masked (JSON, table) or left out (CSV, which `import` reads back).
struct RouteOutput {
    let schema: RouteSchema
    let format: OutputFormat

    init(dialect: Dialect, format: OutputFormat) {
        schema = .forDialect(dialect)
        self.format = format
    }

    /// Prints routes as they are listed, so the first line is out long before a large account's
    /// last route has arrived: JSON and CSV one route at a time, a table in blocks of a
    /// thousand rows whose columns are sized per block (as psql's `FETCH_COUNT` does).
    final class ListPrinter {
        private let output: RouteOutput
        private var printed = 0
        private var block: [[String]] = []
        private let csv: CSVWriter?
        private static let blockSize = 1000

        init(_ output: RouteOutput) throws {
            self.output = output
            guard output.format == .csv else {
                csv = nil
                return
            }
            fflush(nil)
            csv = CSVWriter(fileDescriptor: STDOUT_FILENO)
            try csv?.write(output.csvFields.map(\.name))
        }

        func add(_ route: Route) throws {
            switch output.format {
            case .table:
                block.append(output.summaryColumns.map { $0.value(route) })
                if block.count == Self.blockSize { printBlock() }
            case .json:
                print(printed == 0 ? "[" : ",")
                print(output.json(route).serialized, terminator: "")
            case .csv:
                try csv?.write(output.csvFields.map { route[$0.name]?.description ?? "" })
            }
            printed += 1
        }

        func finish() throws {
            switch output.format {
            case .table:
                printBlock()
                if printed == 0 { print("(no routes)") }
            case .json:
                print(printed == 0 ? "[]" : "\n]")
            case .csv:
                try csv?.flush()
            }
        }

        private func printBlock() {
            guard !block.isEmpty else { return }
            var table = OutputTable(header: output.summaryColumns.map(\.title))
            table.rows = block
            var text = table.text
            // The header once, above the first block.
            if printed > block.count, let newline = text.firstIndex(of: "\n") { text = String(text[text.index(after: newline)...]) }
            print(text)
            block.removeAll(keepingCapacity: true)
        }
    }

    func printRoute(_ route: Route) throws {
        switch format {
        case .table:
            var table = OutputTable(header: ["Field", "Value"])
            table.rows = route.entries.map { field, value in [field.name, display(value, of: field)] }
            print(table.text)
        case .json:
            print(json(route).serialized)
        case .csv:
            try Self.writeCSV([route], schema: schema, to: CSVWriter(fileDescriptor: STDOUT_FILENO))
        }
    }

    /// The catalog's columns without secrets or the account's own id: the header `import` maps
    /// back to the same fields, in this account or another.
    static func writeCSV(_ routes: [Route], schema: RouteSchema, to writer: CSVWriter) throws {
        fflush(nil)  // what print() buffered goes first
        let fields = csvFields(schema)
        try writer.write(fields.map(\.name))
        for route in routes {
            try writer.write(fields.map { route[$0.name]?.description ?? "" })
        }
        try writer.flush()
    }

    static func csvFields(_ schema: RouteSchema) -> [Field] {
        schema.fields.filter { !$0.isSecret && !$0.isAccountBound }
    }

    private var csvFields: [Field] { Self.csvFields(schema) }

    /// The catalog names as keys and JSON types that match the values: numbers, booleans, lists.
    fileprivate func json(_ route: Route) -> JSON {
        .object(route.entries.map { field, value in
            if field.isSecret { return (field.name, .string(Secret.mask(value.description))) }
            switch value {
            case .string(let text): return (field.name, .string(text))
            case .integer(let number): return (field.name, .int(number))
            case .boolean(let flag): return (field.name, .bool(flag))
            case .list(let items): return (field.name, .array(items.map(JSON.string)))
            }
        })
    }

    private func display(_ value: FieldValue, of field: Field) -> String {
        field.isSecret ? Secret.mask(value.description) : value.description
    }

    /// A few columns that tell routes apart at a glance, rather than all of the catalog's.
    fileprivate var summaryColumns: [(title: String, value: (Route) -> String)] {
        func field(_ name: String) -> (String, (Route) -> String) { (name, { $0[name]?.description ?? "" }) }
        switch schema.dialect {
        case .telegent:
            return [field("CallRouteId"), field("RouteName"), field("RouteType"),
                    ("Destination", Self.telegentDestination), ("Status", Self.telegentStatus)]
        case .flowrouteV1:
            return [field("route_name"), field("type"), field("value")]
        case .flowrouteV2:
            return [field("id"), field("alias"), field("route_type"), field("value"), field("edge_strategy_id")]
        }
    }

    /// Where a Telegent route sends calls: `UDP 20.87.87.87:5061` for a trunk, `POST https://…`
    /// for a webhook.
    private static func telegentDestination(_ route: Route) -> String {
        func text(_ name: String) -> String? { route[name]?.description }
        func trunk(_ number: Int) -> String? {
            guard let address = text("TrunkIp\(number)") ?? text("TrunkUri\(number)") else { return nil }
            let port = text("TrunkPort\(number)").map { ":" + $0 } ?? ""
            let transport = text("TrunkTransport\(number)").map { $0 + " " } ?? ""
            return transport + address + port
        }
        switch route.routeType {
        case "URL":
            return [text("VoiceUrlMethod"), text("VoiceUrl")].compactMap { $0 }.joined(separator: " ")
        default:
            let trunks = [trunk(1), trunk(2)].compactMap { $0 }
            return trunks.isEmpty ? text("VoiceUrl") ?? "" : trunks.joined(separator: ", ")
        }
    }

    private static func telegentStatus(_ route: Route) -> String {
        if let status = route.string("CallRouteStatus") { return status }
        if case .boolean(let enabled)? = route["RouteEnabled"] { return enabled ? "Enabled" : "Disabled" }
        return ""
    }
}
