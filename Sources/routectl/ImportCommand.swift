import ArgumentParser
import RouteCSV
import RouteClient
import RouteImport
import RouteModel
import RouteXLSX

/// `routectl import FILE.csv|FILE.xlsx`: creates routes in bulk, writing a result CSV of ids and errors.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Create routes in bulk from a CSV file or an .xlsx sheet, writing a result CSV of route ids and errors.",
        discussion: """
            The header names catalog fields (RouteName, RouteType, TrunkIp1, …; Flowroute: \
            route_name,type,value). Every row is checked before anything is sent; invalid rows are \
            reported and never sent. RouteName is the import key: a route that already exists with \
            that name is not created again, and a create whose outcome is unknown is looked up by \
            name after the settle delay, and sent again only if absent.

            Each row's intent is journaled before its request leaves (NAME.results.csv.journal), \
            so --resume after Ctrl-C, a crash or kill -9 looks up exactly the rows that may have \
            reached the service. Every import ends by checking the account against its results \
            (--verify runs only that; --repair deletes duplicates the import provably made).

            An .xlsx workbook is read directly (the first sheet, or --sheet NAME): numbers as they \
            are shown, dates as ISO text, formulas by their saved value; line is the row number. \
            A CSV file is UTF-8 unless --encoding says otherwise or it starts with a byte order mark.

            --from flowroute reads a Flowroute routes CSV (either API's export) into a Telegent \
            account, --from telegent the reverse: each route is translated by the table in README's \
            "Importing from the other provider"; what cannot be carried over exactly is invalid with \
            the reason, or carried with a note.

            --on-existing update sends only the fields that differ from the route as listed (values \
            compared as typed: udp = UDP, yes = true); a row with no difference is unchanged and \
            sends nothing. Secret fields cannot be compared, so a row that sets one always sends it. \
            An update of more than 25 % of the account's existing routes (at least 10) stops before \
            anything is sent, exit 64, unless --force; --max-changes N allows at most N instead.

            --plan compares every row with the account and sends nothing: the result file \
            (NAME.plan.csv) says what an import with the same options would do, to-create, \
            to-update with the changes (TrunkPort1: 5060 → 5062) in a changes column, unchanged, \
            exists or invalid; --output json also prints it on stdout.

            The result file (default NAME.results.csv beside the input) has one line per row: \
            row,line,RouteName,status,CallRouteId,http_status,attempts,error,note, with status \
            created, updated, unchanged, exists, invalid, failed or unprocessed (valid under \
            --dry-run).

            Exit status: 0 all rows done and verified, 1 some rows failed or invalid or the check \
            found a difference, 2 stopped by --max-errors, 3 fatal, 4 interrupted (Ctrl-C: requests \
            in flight finish and every result is written; Ctrl-C again stops at once, and --resume \
            then settles the rows that were in flight).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The CSV file or .xlsx workbook of routes.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("Where to write the results (default: NAME.results.csv beside the input).", valueName: "path"))
    var results: String?

    @OptionGroup var sending: SendingOptions

    @Flag(help: "Check every row and send nothing: each row is valid or invalid.")
    var dryRun = false

    @Flag(help: "Compare every row with the account and send nothing: write what an import with these options would do (NAME.plan.csv).")
    var plan = false

    @Flag(help: "Go ahead with an update of more than 25 % of the account's existing routes.")
    var force = false

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Refuse an import that would update more than this many existing routes (instead of the 25 % rule).",
                               valueName: "n"))
    var maxChanges: Int?

    @Flag(help: "Continue an earlier run from its journal: rows it may have sent are looked up by name first.")
    var resume = false

    @Flag(help: "Only check an earlier run's results against the account (every id under its name, no duplicates).")
    var verify = false

    @Flag(help: "Delete the duplicates that verification proves this import created.")
    var repair = false

    @Option(help: ArgumentHelp(
        "Seconds to wait after a create whose outcome is unknown before looking it up by name (default: 3 request timeouts).",
        valueName: "seconds"))
    var settleDelay: Double?

    @Option(help: ArgumentHelp("What to do with a row whose name is already a route: skip, update or create.", valueName: "action"))
    var onExisting = OnExisting.skip

    @Flag(help: "Append the input's own columns to each result line (secrets as ***).")
    var includeInput = false

    @Option(help: ArgumentHelp("Skip the column with this header, which is not a route field (repeatable).", valueName: "name"))
    var ignoreColumn: [String] = []

    @OptionGroup var input: InputFileOptions

    @Option(help: ArgumentHelp(
        "The file is the other provider's routes CSV (telegent or flowroute, either API): translate each route (README: "
            + "\"Importing from the other provider\").", valueName: "provider"))
    var from: String?

    func validate() throws {
        if let settleDelay, Duration.checkedSeconds(settleDelay, within: 0...86_400) == nil {
            throw ValidationError("--settle-delay must be a number of seconds from 0 to 86400, not \(settleDelay)")
        }
        if verify && (dryRun || resume) { throw ValidationError("--verify only checks an earlier run: it goes with neither --dry-run nor --resume") }
        try input.check(file: file)
        if dryRun && resume { throw ValidationError("--dry-run sends nothing, so there is nothing to --resume") }
        if plan && (dryRun || resume || verify || repair) {
            throw ValidationError("--plan compares the file with the account and sends nothing: it goes with none of "
                + "--dry-run, --resume, --verify or --repair")
        }
        if let problem = ChangeThreshold.problem(maxChanges: maxChanges, force: force) { throw ValidationError(problem) }
        if (force || maxChanges != nil) && onExisting != .update {
            throw ValidationError("--force and --max-changes limit the updates of existing routes: they go with --on-existing update")
        }
        if let from, fromProvider == nil {
            throw ValidationError("--from must be telegent or flowroute (a file of either Flowroute API), not \"\(from)\"")
        }
    }

    func run() async throws {
        try await reportingFailures {
            let concurrency = try sending.resolvedConcurrency()
            if verify {
                let verification = try await Connection.withService(global, concurrency: concurrency) { service in
                    try await importer(dialect: service.dialect, service: service, concurrency: concurrency).verify()
                }
                if !global.isQuiet { Terminal.printError(verification.description) }
                if !verification.isClean { throw ExitCode(ExitStatus.partialFailure.rawValue) }
                return
            }
            let summary: ImportSummary
            if dryRun {
                summary = try await importing(dialect: dialectWithoutConnection(), service: nil, concurrency: concurrency)
            } else {
                summary = try await Connection.withService(global, concurrency: concurrency) { service in
                    try await importing(dialect: service.dialect, service: service, concurrency: concurrency)
                }
            }
            if !global.isQuiet { Terminal.printError(summary.description) }
            if summary.exitStatus != .success { throw ExitCode(summary.exitStatus.rawValue) }
        }
    }

    /// Runs the import with Ctrl-C turned into a clean stop.
    private func importing(dialect: Dialect, service: (any RouteService)?, concurrency: Int) async throws -> ImportSummary {
        var importer = importer(dialect: dialect, service: service, concurrency: concurrency)
        let printsJSON = try plan && OutputFormat.chosen(global) == .json
        if printsJSON {
            importer.options.planJSON = { index, result in OutputJSON.printElement(result, index: index) }
        }
        do {
            let running = importer
            let summary = try await withInterruptCancellation(orTerminated: true, atOnce: StopAtOnce(progress: running.progress)) {
                try await running.run()
            }
            if printsJSON { OutputJSON.endElements(count: summary.counts.values.reduce(0, +)) }
            return summary
        } catch let error as ImportError {
            throw CommandFailure(error.exitStatus, error.description)
        }
    }

    private func importer(dialect: Dialect, service: (any RouteService)?, concurrency: Int) -> Importer {
        Importer(inputPath: file, dialect: dialect, options: options(concurrency: concurrency), service: service,
                 retry: service?.options.retry ?? RetryPolicy(),
                 progress: global.isQuiet ? nil : ProgressLine.forStandardError())
    }

    private func options(concurrency: Int) -> ImportOptions {
        var options = ImportOptions()
        options.resultsPath = results
        sending.apply(to: &options, concurrency: concurrency)
        input.apply(to: &options)
        options.repair = repair
        options.settleDelay = settleDelay.flatMap { Duration.checkedSeconds($0, within: 0...86_400) }
        options.dryRun = dryRun
        options.plan = plan
        options.threshold = ChangeThreshold(maxChanges: maxChanges, force: force)
        options.resume = resume
        options.onExisting = onExisting
        options.includeInput = includeInput
        options.ignoredColumns = ignoreColumn
        options.from = fromProvider
        return options
    }

    private var fromProvider: Provider? { from.flatMap { Provider(rawValue: $0.lowercased()) } }

    /// `--dry-run` needs the provider's field catalog but no connection.
    private func dialectWithoutConnection() throws -> Dialect {
        do {
            return try ConnectionResolver(environment: Environment.all).choose(global.connectionFlags).dialect
        } catch {
            throw CommandFailure(error.exitStatus, error.description)
        }
    }
}

extension OnExisting: ExpressibleByArgument {}
