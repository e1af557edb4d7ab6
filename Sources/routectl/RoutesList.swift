import ArgumentParser

struct RoutesList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List every route of the account.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await reportingFailures {
            let format = try OutputFormat.resolve(global)
            try await Connection.withService(global) { service in
                let printer = try RouteOutput.ListPrinter(RouteOutput(dialect: service.dialect, format: format))
                try await service.forEachRoute(printer.add)
                try printer.finish()
            }
        }
    }
}
