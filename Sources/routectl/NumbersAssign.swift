import ArgumentParser
import RouteClient
import RouteModel

struct NumbersAssign: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Point a number's calls at a route; prints its routes before and after.",
        discussion: """
            Example: routectl numbers assign +12065550100 "Main SIP Trunk" --failover Backup

            The number's routes become exactly those given: without --failover, a Flowroute \
            number is left with no failover route. Telegent numbers have no failover route, so \
            --failover is refused there. Assigning is harmless to repeat, so failures are retried.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: .number, transform: PhoneNumber.argument)
    var number: PhoneNumber

    @Argument(help: .route)
    var route: String

    @Option(help: ArgumentHelp("The route tried when the first one fails (Flowroute): its id or exact name.", valueName: "route"))
    var failover: String?

    func run() async throws {
        try await reportingFailures {
            let format = try OutputFormat.resolve(global)
            try await Connection.withService(global) { service in
                if failover != nil && !service.dialect.hasFailoverRoutes {
                    throw CommandFailure(.usage, "--failover: \(service.dialect.displayName) numbers have one voice route and no failover route")
                }
                let previous = try await service.routing(of: number)
                let lookup = RouteLookup(service)
                let primary = try await lookup.resolve(route)
                var backup: Route?
                if let failover { backup = try await lookup.resolve(failover) }
                let wanted = NumberRouting(primary: primary.id ?? route, failover: backup.map { $0.id ?? failover! })
                let assigned = try await service.assign(number, to: wanted)
                var names = await RouteNames.of([previous], service)
                for route in [primary, backup].compactMap({ $0 }) { names.add(route) }
                var output = NumberOutput(format: format, names: names)
                output.paging = !global.noPager
                try output.printAssignment(number, previous: previous, assigned: assigned)
            }
        }
    }
}
