import ArgumentParser
import RouteClient
import RouteModel

struct NumbersList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the account's numbers and the routes their calls go to.",
        discussion: """
            --route keeps the numbers that use the route, as primary or failover. --output csv \
            writes Number,Route[,FailoverRoute] with route ids, a file `numbers import` reads back.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Only the numbers that use this route (its id or exact name).", valueName: "route"))
    var route: String?

    func run() async throws {
        try await reportingFailures {
            let format = try OutputFormat.resolve(global)
            try await Connection.withService(global) { service in
                var routeID: String?
                if let route { routeID = try await RouteLookup(service).resolve(route).id ?? route }
                // CSV holds ids only; the other formats name every route, so one list of the account.
                let names = format == .csv ? RouteNames(dialect: service.dialect) : try await RouteNames.all(service)
                var output = NumberOutput(format: format, names: names)
                output.paging = !global.noPager
                let printer = try output.listPrinter()
                try await service.forEachNumber { number, routing in
                    guard routeID == nil || routing.primary == routeID || routing.failover == routeID else { return }
                    try printer.add(number, routing)
                }
                try printer.finish()
            }
        }
    }
}
