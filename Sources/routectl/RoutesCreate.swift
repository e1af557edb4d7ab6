import ArgumentParser
import RouteClient
import RouteModel

struct RoutesCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a route and print its id.",
        discussion: """
            Example: routectl routes create RouteName=Main RouteType=Trunk TrunkIp1=20.87.87.87 TrunkPort1=5061 TrunkTransport1=UDP

            Telegent fields:
            \(RouteSchema.telegent.fieldHelp)

            Flowroute v1 fields (--provider flowroute-v1):
            \(RouteSchema.flowrouteV1.fieldHelp)

            Flowroute v2 fields (--provider flowroute):
            \(RouteSchema.flowrouteV2.fieldHelp)
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The route's fields.", valueName: "Field=Value"))
    var assignments: [String]

    func run() async throws {
        try await reportingFailures {
            // The id alone, so that `id=$(routectl routes create …)` works, unless JSON was asked for.
            let format = try OutputFormat.chosen(global)
            try await Connection.withService(global) { service in
                let route = try Route.parse(assignments: assignments, dialect: service.dialect)
                try checkLocally(route, for: .create)
                let created = try await service.create(route)
                if format == .json {
                    try RouteOutput(dialect: service.dialect, format: .json).printRoute(created)
                } else {
                    print(Terminal.shown([created.id ?? ""])[0])
                }
            }
        }
    }
}

/// Validates `route` before any request, so a typo costs no round trip and says exactly what is wrong.
func checkLocally(_ route: Route, for operation: Operation) throws {
    let problems = route.schema.problems(in: route, for: operation)
    guard problems.isEmpty else {
        throw CommandFailure(.usage, problems.map(\.description).joined(separator: "; "))
    }
}
