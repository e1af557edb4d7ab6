import ArgumentParser
import RouteClient
import RouteImport
import RouteModel

/// `routectl undo RESULTS.csv`: takes back the import that wrote those results.
struct UndoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Take back the import that wrote a result file: delete what it created, restore what it updated.",
        discussion: """
            Reads the import's journal (RESULTS.csv.journal, beside the results) and lists the \
            account once. A route the import created is deleted; a route it updated gets the \
            values it had before on the fields the import changed. A route changed by someone \
            since the import is left alone and reported drifted, never overwritten. After a \
            numbers import, each number it moved goes back on the routes it had, unless it was \
            moved since.

            On a terminal undo asks once, with the counts; --yes answers for scripts, and without \
            a terminal and without --yes it refuses (exit 64). --plan says what undo would do and \
            changes nothing. An undo that would delete and restore more than 25 % of the \
            account's routes (and at least 10) stops before sending unless --force.

            The results (default RESULTS.undo.csv beside the import's) have one line per row of \
            the import, in its order: row,line,RouteName,status,CallRouteId,http_status,attempts,error,note, \
            with status deleted, restored, partly-restored, drifted, gone, nothing-to-undo, \
            failed or unprocessed (to-delete and to-restore under --plan). The undo keeps its own \
            journal beside them for --resume. Exit status as import's: 0 all done, 1 some rows \
            failed, drifted or only partly restored, 3 fatal, 4 interrupted, 64 refused.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The result file of the import to take back.", valueName: "results.csv"))
    var file: String

    @Flag(help: "Say what undo would do, row by row, and change nothing.")
    var plan = false

    @Flag(name: [.short, .long], help: "Do not ask for confirmation.")
    var yes = false

    @Flag(help: "Go on although the undo changes more routes than --max-changes or the default threshold allows.")
    var force = false

    @Option(parsing: .unconditional, help: ArgumentHelp("The most routes undo may delete and restore without --force.", valueName: "n"))
    var maxChanges: Int?

    @Option(help: ArgumentHelp("Where to write the undo's results (default: RESULTS.undo.csv beside the import's).", valueName: "path"))
    var results: String?

    @OptionGroup var pace: PaceOptions

    @Flag(help: "Continue an interrupted undo from its journal.")
    var resume = false

    func validate() throws {
        if let problem = ChangeThreshold.problem(maxChanges: maxChanges, force: force) { throw ValidationError(problem) }
        if plan && resume {
            throw ValidationError("--plan says what an undo would do from the start; --resume continues one: give one of them")
        }
    }

    func run() async throws {
        try await reportingFailures {
            let concurrency = try pace.resolvedConcurrency()
            var options = options(concurrency: concurrency)
            let printsJSON = try plan && OutputFormat.chosen(global) == .json
            if printsJSON { options.planJSON = { index, result in OutputJSON.printElement(result, index: index) } }
            let summary = try await Connection.withService(global, concurrency: concurrency) { service in
                let undoer = Undoer(importResultsPath: file, options: options, service: service,
                                    retry: service.options.retry,
                                    progress: global.isQuiet ? nil : ProgressLine.forStandardError())
                return try await undoing(undoer)
            }
            guard let summary else { return Terminal.printError("routectl: nothing undone") }
            if printsJSON { OutputJSON.endElements(count: summary.counts.values.reduce(0, +)) }
            if !global.isQuiet { Terminal.printError(summary.description) }
            if summary.exitStatus != .success { throw ExitCode(summary.exitStatus.rawValue) }
        }
    }

    /// Prepares, asks, and runs, with Ctrl-C turned into a clean stop; `nil` when the answer was
    /// no, which is no error (exit 0, as `rm -i`).
    private func undoing(_ undoer: Undoer) async throws -> ImportSummary? {
        do {
            let prepared = try await withInterruptCancellation(orTerminated: true) { try await undoer.prepare() }
            switch UndoConsent.decide(prepared.counts, plan: plan, yes: yes, terminal: Terminal.stdinIsTerminal) {
            case .proceed:
                break
            case .ask(let question):
                guard Terminal.confirm(question) else {
                    undoer.decline(prepared)
                    return nil
                }
            case .refuse(let reason):
                undoer.decline(prepared)
                throw CommandFailure(.usage, reason)
            }
            return try await withInterruptCancellation(orTerminated: true, atOnce: StopAtOnce(progress: undoer.progress)) {
                try await undoer.run(prepared)
            }
        } catch let error as ImportError {
            throw CommandFailure(error.exitStatus, error.description)
        }
    }

    private func options(concurrency: Int) -> UndoOptions {
        var options = UndoOptions()
        options.resultsPath = results
        options.concurrency = concurrency
        options.rate = pace.rate
        options.plan = plan
        options.resume = resume
        options.threshold = ChangeThreshold(maxChanges: maxChanges, force: force)
        return options
    }
}
