import ArgumentParser
import RouteCSV
import RouteClient
import RouteModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every route as a CSV that import accepts.",
        discussion: "The header holds the field catalog's names; secrets (VoicePasswordToken) are never written."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The CSV file to write (default: standard output).", valueName: "file"))
    var file: String?

    func run() async throws {
        try await reportingFailures {
            try await Connection.withService(global) { service in
                let fields = RouteOutput.csvFields(RouteSchema.forDialect(service.dialect))
                let writer: CSVWriter
                do {
                    writer = try file.map { try CSVWriter(path: $0) } ?? CSVWriter(fileDescriptor: STDOUT_FILENO)
                } catch {
                    throw CommandFailure(.fatal, "\(error)")
                }
                // Written as the routes are listed: an account of any size in the memory of one route.
                try writer.write(fields.map(\.name))
                var exported = 0
                try await service.forEachRoute { route in
                    guard !route.isBuiltIn else { return }
                    let cells = fields.map { route[$0.name]?.description ?? "" }
                    try writer.write(file == nil ? Terminal.shown(cells) : cells)
                    exported += 1
                }
                try writer.flush()
                if let file, !global.isQuiet {
                    Terminal.printError("routectl: exported \(exported) route\(exported == 1 ? "" : "s") to \(file)")
                }
            }
        }
    }
}

extension Route {
    /// A route the provider made itself (Flowroute's `sip-reg`), whose type no create accepts:
    /// exporting it would only give `import` a row it must refuse.
    var isBuiltIn: Bool {
        guard let type = routeType, let field = schema.field(named: schema.typeField) else { return false }
        return (try? field.parse(type)) == nil
    }
}
