import ArgumentParser
import RouteModel

struct RoutesDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a route.",
        discussion: "On a terminal, asks first, showing the route's name and id. Without a terminal it never asks."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The route's id.", valueName: "id"))
    var id: String

    @Flag(name: [.short, .long], help: "Do not ask for confirmation.")
    var yes = false

    func run() async throws {
        try await reportingFailures {
            let format = try OutputFormat.resolve(global)
            try await Connection.withService(global) { service in
                if !yes && Terminal.stdinIsTerminal {
                    let route = try await service.get(id: id)
                    guard Terminal.confirm("Delete route \"\(route.key ?? "")\" (\(id))?") else {
                        Terminal.printError("routectl: not deleted")
                        return
                    }
                }
                try await service.delete(id: id)
                switch format {
                case .json: print(JSON.object([("id", .string(id)), ("deleted", .bool(true))]).serialized)
                case .table, .csv: print("deleted \(id)")
                }
            }
        }
    }
}
