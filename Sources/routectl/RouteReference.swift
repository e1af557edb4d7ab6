import ArgumentParser
import RouteClient
import RouteModel

extension RouteLookup {
    /// The route `reference` (an id or an exact name) names, its failures worded for the command
    /// line: a name held by several routes is refused with a table of them, so that the person
    /// can pick one by id.
    func resolve(_ reference: String) async throws -> Route {
        do {
            return try await route(reference)
        } catch let error as RouteLookupError {
            guard case .ambiguous(_, let candidates) = error else { throw CommandFailure(error.exitStatus, error.description) }
            let schema = RouteSchema.forDialect(service.dialect)
            let table = OutputTable(header: [schema.idField, schema.keyField, schema.typeField],
                                    rows: candidates.map { [$0.id ?? "", $0.key ?? "", $0.routeType ?? ""] })
            throw CommandFailure(error.exitStatus, "\(candidates.count) routes are named \"\(TerminalText.escaped(reference))\"; "
                + "give the id of the one you mean:\n" + table.lines(showingHeader: true, bold: false).joined(separator: "\n"))
        }
    }
}

extension ArgumentHelp {
    /// The help of a `ROUTE` argument. Its value name is what the shell completes with routes.
    static var route: ArgumentHelp { ArgumentHelp("The route's id (Telegent CRID-…, Flowroute v1 name, v2 id) or its exact name.", valueName: "route") }
}
