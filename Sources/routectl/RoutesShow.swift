import ArgumentParser
import RouteClient

struct RoutesShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show every field of one route.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: .route)
    var route: String

    func run() async throws {
        try await reportingFailures {
            let format = try OutputFormat.resolve(global)
            try await Connection.withService(global) { service in
                var output = RouteOutput(dialect: service.dialect, format: format)
                output.paging = !global.noPager
                try output.printRoute(try await RouteLookup(service).resolve(route))
            }
        }
    }
}
