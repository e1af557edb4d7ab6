import ArgumentParser
import RouteClient
import RouteModel

struct NumbersAssign: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Point a number's calls at a route; prints its routes before and after.",
        discussion: """
            Example: routectl numbers assign +12065550100 "Main SIP Trunk" --failover Backup

            Without --failover a Flowroute number keeps the failover route it has (as numbers \
            import does without a FailoverRoute column); --no-failover takes it away. Telegent \
            numbers have no failover route, so both are refused there. Assigning is harmless to \
            repeat, so failures are retried.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: .number, transform: PhoneNumber.argument)
    var number: PhoneNumber

    @Argument(help: .route)
    var route: String

    @Option(help: ArgumentHelp("The route tried when the first one fails (Flowroute): its id or exact name.", valueName: "route"))
    var failover: String?

    @Flag(help: "Take the number's failover route away (Flowroute).")
    var noFailover = false

    func validate() throws {
        if noFailover && failover != nil { throw ValidationError("--failover sets the failover route and --no-failover takes it away: give one") }
    }

    func run() async throws {
        try await reportingFailures {
            let format = try OutputFormat.resolve(global)
            try await Connection.withService(global) { service in
                if (failover != nil || noFailover) && !service.dialect.hasFailoverRoutes {
                    throw CommandFailure(.usage, "\(noFailover ? "--no-failover" : "--failover"): \(service.dialect.displayName) "
                        + "numbers have one voice route and no failover route")
                }
                let previous = try await service.routing(of: number)
                let lookup = RouteLookup(service)
                let primary = try await lookup.resolve(route)
                var backup: Route?
                if let failover { backup = try await lookup.resolve(failover) }
                let kept = noFailover ? nil : previous.failover
                let wanted = NumberRouting(primary: primary.id ?? route, failover: backup.map { $0.id ?? failover! } ?? kept)
                if wanted.failover == wanted.primary {
                    throw CommandFailure(.usage, backup != nil
                        ? "--failover: \(failover!) is the same route as \(route): a number's failover must be another route"
                        : "\(route) is the number's failover route, which it keeps without --failover: give another --failover, or --no-failover")
                }
                _ = try await service.assign(number, to: wanted)
                // An answer is not the number's state: it is read back, as numbers import's check does.
                let assigned = try await service.routing(of: number)
                if assigned != wanted {
                    throw CommandFailure(.partialFailure, "the service answered the assignment, but \(number) is on \(assigned), not \(wanted)")
                }
                var names = await RouteNames.of([previous], service)
                for route in [primary, backup].compactMap({ $0 }) { names.add(route) }
                var output = NumberOutput(format: format, names: names)
                output.paging = !global.noPager
                try output.printAssignment(number, previous: previous, assigned: assigned)
            }
        }
    }
}
