import ArgumentParser
import RouteClient
import RouteModel

struct RoutesDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a route.",
        discussion: """
            On a terminal, asks first, showing the route's name and id and the numbers that use \
            it. Without a terminal it never asks. A route that numbers still use cannot be \
            deleted: move them to another route first (`numbers assign`, `numbers import`).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: .route)
    var route: String

    @Flag(name: [.short, .long], help: "Do not ask for confirmation.")
    var yes = false

    func run() async throws {
        try await reportingFailures {
            let format = try OutputFormat.resolve(global)
            try await Connection.withService(global) { service in
                let found = try await RouteLookup(service).resolve(route)
                let id = found.id ?? route
                var radius: BlastRadius?
                if !yes && Terminal.stdinIsTerminal {
                    radius = await BlastRadius.read(found, service)
                    radius?.lines.forEach(Terminal.printError)
                    guard Terminal.confirm("Delete route \"\(found.key ?? "")\" (\(id))?") else {
                        Terminal.printError("routectl: not deleted")
                        return
                    }
                }
                do { try await service.delete(id: id) } catch let error as ClientError where error.kind == .routeInUse {
                    throw CommandFailure(error.exitStatus, await BlastRadius.refusal(error, of: found, known: radius, service))
                }
                switch format {
                case .json: OutputJSON.print(JSON.object([("id", .string(id)), ("deleted", .bool(true))]))
                case .table, .csv: print(Terminal.shown(["deleted \(id)"])[0])
                }
            }
        }
    }
}
