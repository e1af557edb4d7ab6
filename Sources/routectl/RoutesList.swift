import ArgumentParser
import Foundation
import RouteModel

struct RoutesList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List every route of the account.",
        discussion: """
            Columns, sort keys and conditions are catalog field names (RouteName, TrunkIp1, …), \
            matched like Field=Value; Telegent tables also have Destination and Status. \
            --where RouteType=trunk matches the value as the field reads it, a * in the value \
            matches any run of characters (--where 'RouteName=Toronto*'), and an empty value \
            matches routes without the field. Repeated --where conditions must all hold.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Order the routes by this field or column.", valueName: "field"))
    var sort: String?

    @Option(help: ArgumentHelp("Only the routes whose field has this value (repeatable).", valueName: "field=value"))
    var `where`: [String] = []

    @Option(help: ArgumentHelp("The columns to show, separated by commas.", valueName: "fields"))
    var columns: String?

    func run() async throws {
        try await reportingFailures {
            let format = try OutputFormat.resolve(global)
            try await Connection.withService(global) { service in
                let printer = try RouteOutput.ListPrinter(try output(dialect: service.dialect, format: format))
                try await service.forEachRoute(printer.add)
                try printer.finish()
            }
        }
    }

    /// The output asked for, every name checked against the catalog before anything is listed.
    private func output(dialect: Dialect, format: OutputFormat) throws -> RouteOutput {
        let schema = RouteSchema.forDialect(dialect)
        var output = RouteOutput(dialect: dialect, format: format)
        output.paging = !global.noPager
        do throws(FieldError) {
            output.filters = try `where`.map { condition throws(FieldError) in try RouteFilter(condition, schema: schema) }
        } catch {
            throw CommandFailure(.usage, "--where: \(error)")
        }
        do throws(FieldError) {
            output.sort = try sort.map { name throws(FieldError) in try schema.column(named: name) }
        } catch {
            throw CommandFailure(.usage, "--sort: \(error)")
        }
        do throws(FieldError) {
            output.columns = try columns.map { list throws(FieldError) in
                try list.split(separator: ",").map { name throws(FieldError) in
                    try schema.column(named: name.trimmingCharacters(in: .whitespaces))
                }
            }
        } catch {
            throw CommandFailure(.usage, "--columns: \(error)")
        }
        if output.columns?.isEmpty == true { throw CommandFailure(.usage, "--columns names no column") }
        return output
    }
}
