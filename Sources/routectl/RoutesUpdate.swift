import ArgumentParser
import RouteClient
import RouteModel

struct RoutesUpdate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Change some fields of a route; the others keep their values.",
        discussion: "Example: routectl routes update CRID-… TrunkPort1=5062 RouteEnabled=false"
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The route's id.", valueName: "id"))
    var id: String

    @Argument(help: ArgumentHelp("The fields to change.", valueName: "Field=Value"))
    var assignments: [String]

    func validate() throws {
        if assignments.isEmpty { throw ValidationError("nothing to change: give at least one Field=Value") }
    }

    func run() async throws {
        try await reportingFailures {
            let format = try OutputFormat.resolve(global)
            try await Connection.withService(global) { service in
                let changes = try Route.parse(assignments: assignments, dialect: service.dialect)
                try checkLocally(changes, for: .update)
                let updated = try await service.update(id: id, changes: changes)
                try RouteOutput(dialect: service.dialect, format: format).printRoute(updated)
            }
        }
    }
}
