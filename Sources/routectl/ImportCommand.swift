import ArgumentParser
import RouteCSV
import RouteClient
import RouteImport
import RouteModel

/// `routectl import FILE.csv`: creates routes in bulk, writing a result CSV of ids and errors.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Create routes in bulk from a CSV file, writing a result CSV of route ids and errors.",
        discussion: """
            The header names catalog fields (RouteName, RouteType, TrunkIp1, …; Flowroute: \
            route_name,type,value). Every row is checked before anything is sent; invalid rows are \
            reported and never sent. RouteName is the import key: a route that already exists with \
            that name is not created again, and a request whose outcome is unknown is settled by \
            looking the name up, so an import never creates a duplicate.

            The result file (default NAME.results.csv beside the input) has one line per row: \
            row,line,RouteName,status,CallRouteId,http_status,attempts,error, with status created, \
            updated, exists, invalid, failed or unprocessed (valid under --dry-run). Rows are \
            written as they finish; --resume sends only the rows without a final status there.

            Exit status: 0 all rows done, 1 some rows failed or invalid, 2 stopped by --max-errors, \
            3 fatal, 4 interrupted (Ctrl-C: requests in flight finish and every result is written).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The CSV file of routes.", valueName: "file.csv"))
    var file: String

    @Option(help: ArgumentHelp("Where to write the results (default: NAME.results.csv beside the input).", valueName: "path"))
    var results: String?

    @Option(help: ArgumentHelp("The most requests in flight at once.", valueName: "n"))
    var concurrency = 16

    @Flag(help: "Check every row and send nothing: each row is valid or invalid.")
    var dryRun = false

    @Flag(help: "Send only the rows without a final status in the result file of an earlier run.")
    var resume = false

    @Option(help: ArgumentHelp("What to do with a row whose name is already a route: skip, update or create.", valueName: "action"))
    var onExisting = OnExisting.skip

    @Option(help: ArgumentHelp("Stop sending once more than this many rows failed or were invalid.", valueName: "n"))
    var maxErrors: Int?

    @Option(help: ArgumentHelp("Send at most this many requests per second.", valueName: "per-second"))
    var rate: Double?

    @Flag(help: "Append the input's own columns to each result line (secrets as ***).")
    var includeInput = false

    @Option(help: ArgumentHelp("The input's field delimiter: one character, or \"tab\" (default ,).", valueName: "c"))
    var delimiter: String?

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        if let maxErrors, maxErrors < 0 { throw ValidationError("--max-errors must be 0 or more") }
        if let rate, !(rate > 0) { throw ValidationError("--rate must be a positive number of requests per second") }
        if delimiter != nil && delimiterByte == nil {
            throw ValidationError("--delimiter must be one ASCII character other than a quote or a line break, or \"tab\"")
        }
        if dryRun && resume { throw ValidationError("--dry-run sends nothing, so there is nothing to --resume") }
    }

    func run() async throws {
        try await reportingFailures {
            let summary: ImportSummary
            if dryRun {
                summary = try await importing(dialect: dialectWithoutConnection(), service: nil)
            } else {
                summary = try await Connection.withService(global, concurrency: concurrency) { service in
                    try await importing(dialect: service.dialect, service: service)
                }
            }
            if !global.isQuiet { Terminal.printError(summary.description) }
            if summary.exitStatus != .success { throw ExitCode(summary.exitStatus.rawValue) }
        }
    }

    /// Runs the import with Ctrl-C turned into a clean stop.
    private func importing(dialect: Dialect, service: (any RouteService)?) async throws -> ImportSummary {
        let importer = Importer(inputPath: file, dialect: dialect, options: options, service: service,
                                progress: global.isQuiet ? nil : ProgressLine.forStandardError())
        do {
            return try await withInterruptCancellation { try await importer.run() }
        } catch let error as ImportError {
            throw CommandFailure(error.exitStatus, error.description)
        }
    }

    private var options: ImportOptions {
        var options = ImportOptions()
        options.resultsPath = results
        options.concurrency = concurrency
        options.dryRun = dryRun
        options.resume = resume
        options.onExisting = onExisting
        options.maxErrors = maxErrors
        options.rate = rate
        options.includeInput = includeInput
        options.delimiter = delimiterByte ?? options.delimiter
        return options
    }

    private var delimiterByte: UInt8? {
        guard let delimiter else { return nil }
        let text = ["tab", "\\t"].contains(delimiter.lowercased()) ? "\t" : delimiter
        guard text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first,
              CSVReader.Options.isValidDelimiter(scalar) else { return nil }
        return UInt8(scalar.value)
    }

    /// `--dry-run` needs the provider's field catalog but no connection: the dialect comes from
    /// the flags and environment alone.
    private func dialectWithoutConnection() throws -> Dialect {
        let text = global.provider ?? Environment.value("ROUTECTL_PROVIDER") ?? Provider.telegent.rawValue
        guard let (provider, pinned) = Provider.parse(text).map({ ($0.provider, $0.pinned) }) else {
            throw CommandFailure(.usage, "unknown provider \"\(text)\" (telegent, flowroute, flowroute-v1 or flowroute-v2)")
        }
        return pinned ?? provider.dialect(baseURL: global.baseURL ?? Environment.value("ROUTECTL_BASE_URL"))
    }
}

extension OnExisting: ExpressibleByArgument {}
