import ArgumentParser
import RouteClient
import RouteImport
import RouteModel

/// `routectl numbers import FILE.csv|FILE.xlsx`: the cutover, numbers pointed at routes in bulk.
struct NumbersImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Point numbers at routes in bulk, by route name or id, writing a result CSV of what each number was and is.",
        discussion: """
            The header is Number,Route (Flowroute: Number,Route,FailoverRoute). Number is E.164, \
            +12065550100 (Flowroute's 12065550100 too), kept as text; Route and FailoverRoute are a \
            route's name or id, resolved against the account once. Without a FailoverRoute column a \
            Flowroute number keeps its failover; an empty FailoverRoute cell takes it away.

            Every row is checked before anything is sent (a number not in the account, a route that \
            does not exist or whose name several routes share, a number given twice are invalid); a \
            number already on those routes is unchanged and sends nothing. Each assignment's intent \
            and the number's routes before it are journaled before the request leaves, so --resume \
            continues after Ctrl-C, a crash or kill -9, and routectl undo RESULTS.csv puts every \
            number back on the routes it had. An assignment is idempotent: a lost answer is settled \
            by sending it again. The run ends by checking every number against the account.

            Moving more than 25 % of the account's numbers (and at least 10) stops before anything \
            is sent, exit 64, unless --force; --max-changes N allows at most N instead. --plan \
            compares every row with the account and sends nothing (NAME.plan.csv: to-assign, \
            unchanged, invalid); --output json also prints it on stdout.

            The result file (default NAME.results.csv beside the input) has one line per row: \
            row,line,Number,status,VoiceRouteId,previous_route,http_status,attempts,error,note \
            (Flowroute: route,failover_route,previous_route,previous_failover_route), with status \
            assigned, unchanged, invalid, failed or unprocessed.

            Exit status: 0 all rows done and checked, 1 some rows failed or invalid or the check \
            found a difference, 2 stopped by --max-errors, 3 fatal, 4 interrupted, 64 usage.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The CSV file or .xlsx workbook of numbers and routes.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("Where to write the results (default: NAME.results.csv beside the input).", valueName: "path"))
    var results: String?

    @OptionGroup var sending: SendingOptions

    @Flag(help: "Compare every row with the account and send nothing: write what the import would do (NAME.plan.csv).")
    var plan = false

    @Flag(help: "Go ahead with moving more than 25 % of the account's numbers.")
    var force = false

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Refuse an import that would move more than this many numbers (instead of the 25 % rule).", valueName: "n"))
    var maxChanges: Int?

    @Flag(help: "Continue an earlier run from its journal: assignments it may have sent are sent again, as they were.")
    var resume = false

    @OptionGroup var input: InputFileOptions

    func validate() throws {
        try input.check(file: file)
        if plan && resume { throw ValidationError("--plan compares the file with the account and sends nothing: it does not go with --resume") }
        if let problem = ChangeThreshold.problem(maxChanges: maxChanges, force: force) { throw ValidationError(problem) }
    }

    func run() async throws {
        try await reportingFailures {
            let concurrency = try sending.resolvedConcurrency()
            let summary = try await Connection.withService(global, concurrency: concurrency) { service in
                try await importing(service: service, concurrency: concurrency)
            }
            if !global.isQuiet { Terminal.printError(summary.description) }
            if summary.exitStatus != .success { throw ExitCode(summary.exitStatus.rawValue) }
        }
    }

    /// Runs the import with Ctrl-C turned into a clean stop.
    private func importing(service: any RouteService, concurrency: Int) async throws -> ImportSummary {
        var options = ImportOptions()
        options.resultsPath = results
        options.plan = plan
        options.resume = resume
        options.threshold = ChangeThreshold(maxChanges: maxChanges, force: force)
        sending.apply(to: &options, concurrency: concurrency)
        input.apply(to: &options)
        let printsJSON = try plan && OutputFormat.chosen(global) == .json
        if printsJSON {
            options.planJSON = { index, result in OutputJSON.printElement(result, index: index) }
        }
        let importer = NumberImporter(inputPath: file, options: options, service: service, retry: service.options.retry,
                                      progress: global.isQuiet ? nil : ProgressLine.forStandardError())
        do {
            let summary = try await withInterruptCancellation(orTerminated: true, atOnce: StopAtOnce(progress: importer.progress)) {
                try await importer.run()
            }
            if printsJSON { OutputJSON.endElements(count: summary.counts.values.reduce(0, +)) }
            return summary
        } catch let error as ImportError {
            throw CommandFailure(error.exitStatus, error.description)
        }
    }
}
