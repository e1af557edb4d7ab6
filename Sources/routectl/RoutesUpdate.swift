import ArgumentParser
import RouteClient
import RouteModel

struct RoutesUpdate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Change some fields of a route; the others keep their values.",
        discussion: """
            Example: routectl routes update "Toronto SIP trunk" TrunkPort1=5062 RouteEnabled=false

            On a terminal, when numbers use the route, says how many (and the first few) and asks \
            first: an update changes the calls of every one of them at once.

            Field= (an empty value) would empty the field, which no provider's update can do: it \
            is refused with that reason, and nothing is sent.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: .route)
    var route: String

    @Argument(help: ArgumentHelp("The fields to change.", valueName: "Field=Value"))
    var assignments: [String]

    @Flag(name: [.short, .long], help: "Do not ask for confirmation.")
    var yes = false

    func validate() throws {
        if assignments.isEmpty { throw ValidationError("nothing to change: give at least one Field=Value") }
    }

    func run() async throws {
        try await reportingFailures {
            let format = try OutputFormat.resolve(global)
            try await Connection.withService(global) { service in
                let changes = try Route.parseChanges(assignments: assignments, dialect: service.dialect)
                try checkLocally(changes, for: .update)
                let found = try await RouteLookup(service).resolve(route)
                let id = found.id ?? route
                // Numbers that could not be read might be many: the question is asked then too.
                let radius = !yes && Terminal.stdinIsTerminal ? await BlastRadius.read(found, service) : nil
                if !yes && Terminal.stdinIsTerminal, radius.map({ $0.usage.count > 0 }) ?? true {
                    radius?.lines.forEach(Terminal.printError)
                    let whom = radius == nil ? "whatever numbers use it" : "all of them"
                    guard Terminal.confirm("Update route \"\(found.key ?? "")\" (\(id)) for \(whom)?") else {
                        Terminal.printError("routectl: not updated")
                        return
                    }
                }
                let updated = try await service.update(id: id, changes: changes)
                try RouteOutput(dialect: service.dialect, format: format).printRoute(updated)
            }
        }
    }
}
