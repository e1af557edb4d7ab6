import ArgumentParser

struct RoutesShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show every field of one route.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The route's id (Telegent CRID-…, Flowroute v1 name, v2 id).", valueName: "id"))
    var id: String

    func run() async throws {
        try await reportingFailures {
            let format = try OutputFormat.resolve(global)
            try await Connection.withService(global) { service in
                var output = RouteOutput(dialect: service.dialect, format: format)
                output.paging = !global.noPager
                try output.printRoute(try await service.get(id: id))
            }
        }
    }
}
