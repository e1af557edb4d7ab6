import Foundation
import RouteClient
import RouteModel

/// A cutover: a file of numbers, each pointed at routes given by name or id, through the route
/// import's machinery — the same pump, executor, retries, send gate, journal, result file,
/// `--plan`, `--resume` and exit statuses. Routes and numbers are listed once into the journal;
/// each row then costs one assignment (two requests on Flowroute v2), and none when the number is
/// already where the row says. An assignment is idempotent, so a lost answer is settled by
/// sending it again; the journal keeps each number's earlier routes, which undo puts back.
public struct NumberImporter: Sendable {
    public let inputPath: String
    public var options: ImportOptions
    public let service: any RouteService
    public let progress: ProgressLine?
    public let retry: RetryPolicy

    public init(inputPath: String, options: ImportOptions, service: any RouteService, retry: RetryPolicy = RetryPolicy(),
                progress: ProgressLine? = nil) {
        self.inputPath = inputPath
        self.options = options
        self.service = service
        self.retry = retry
        self.progress = progress
    }

    public var resultsPath: String {
        options.resultsPath(forInput: inputPath)
    }

    var journalPath: String {
        Journal.path(forResults: resultsPath, plan: options.plan)
    }

    public func run() async throws(ImportError) -> ImportSummary {
        let clock = ContinuousClock()
        let started = clock.now
        let dialect = service.dialect
        if options.plan && options.resume {
            throw .usage("--plan compares the file with the account and sends nothing: it does not go with --resume")
        }
        let source = try NumberRowSource(path: inputPath, dialect: dialect, options: options)
        guard Importer.resolved(inputPath) != Importer.resolved(resultsPath) else {
            throw .usage("the results would overwrite the input \(inputPath): give --results another path")
        }
        try OutputGuard.refuse(results: resultsPath, run: options.plan ? .planning : .importing)
        let identity = Journal.Identity.numbers(dialect: dialect.rawValue, inputHeader: source.header)
        if !options.plan, let found = Journal.purpose(path: journalPath), found != identity.onExisting {
            throw .usage("\(resultsPath) holds the results of a route import or an undo (its journal is beside it): "
                + "numbers import does not write over them; give --results another path")
        }
        // Replacing an earlier cutover's journal would lose the routes its numbers had, which only
        // it holds: that cutover could never be undone.
        let moved = options.plan || options.resume ? 0 : Journal.count(path: journalPath, status: .assigned)
        if moved > 0 {
            throw .usage("\(resultsPath) holds an earlier cutover that moved \(ImportSummary.counted(moved, "number")), and its journal "
                + "is what undo puts them back from: continue it with --resume, or give --results another path (and keep these for undo)")
        }
        let fresh = options.resume ? nil : options.plan
            ? try Journal.create(path: journalPath, identity: identity)
            : try Journal.create(replacing: journalPath, identity: identity)
        var journal = if let fresh { fresh } else { try Journal.openExisting(path: journalPath, identity: identity) }
        do throws(ImportError) {
            if options.resume {
                try journal.checkAccount(service.account)
                try SameRows.check(inputPath, journal: journal, afresh: "numbers already on their routes are reported as unchanged",
                                   nextKey: try NumberRowSource(path: inputPath, dialect: dialect, options: options).nextKey)
            }
            try await AccountListing.load(service, into: journal, purpose: options.plan ? "to plan against" : "before assigning numbers")
            try await NumberListing.load(service, into: journal, purpose: options.plan ? "to plan against" : "before assigning them")
            if !options.plan {
                try await checkThreshold(journal: journal)
                try journal.recordAccount(service.account)
                journal = try journal.installed()
            }
        } catch {
            fresh?.remove()
            throw error
        }
        defer { if options.plan { journal.remove() } }

        let stop = StopSignal()
        let tally = Tally(maxErrors: options.maxErrors, total: source.countRecords(path: inputPath), progress: progress, stop: stop)
        let sender = options.plan ? nil : RowSender(
            service: service, gate: SendGate(concurrency: options.concurrency, rate: options.rate),
            settler: Settler(service: service, journal: journal), policy: retry, settleDelay: .zero,
            claimsCreatedIDs: false, tally: tally)
        let rows = NumberRows(source: source, triage: NumberTriage(journal: journal, dialect: dialect, planning: options.plan),
                              previous: PreviousRows(journal: options.resume ? journal : nil))
        let pump = Pump(rows: rows, sender: sender, journal: journal, tally: tally, stop: stop,
                        window: RowWindow(size: max(1024, options.concurrency * 32)))
        await Pump.runUntilDone(pump)
        progress?.clear()
        if case .fatal(let error) = stop.reason { throw error }
        // The check notes what it finds in the rows, so it comes before the result file.
        let check = options.plan || stop.reason != nil ? nil : try await NumberCheck.run(service: service, journal: journal)
        let columns = ResultColumns(numbersOf: dialect)
        try ResultFile.write(resultsPath, from: journal, columns: columns)
        if options.plan, let planJSON = options.planJSON {
            try ResultFile.forEachJSON(from: journal, columns: columns, planJSON)
        }
        var summary = ImportSummary(counts: try journal.counts(), thisRun: tally.statuses, elapsed: clock.now - started,
                                    resultsPath: resultsPath, stopReason: stop.reason, dryRun: false, verification: nil,
                                    inputNotice: tally.inputNotice, plan: options.plan)
        summary.command = "numbers import"
        summary.noun = "number"
        if options.plan, let moves = summary.counts[.toAssign], options.threshold.stops(changes: moves, existing: try journal.numberCount()) {
            summary.stopWarning = options.threshold.planWarning(changes: moves, existing: try journal.numberCount(), verb: "move",
                                                                noun: "number")
        }
        summary.numberCheck = check
        return summary
    }

    /// Counts the numbers the file would move before anything is sent, and refuses them when they
    /// are more than `options.threshold` allows: a file pointing the whole account at the wrong
    /// route is stopped before it is too late.
    private func checkThreshold(journal: Journal) async throws(ImportError) {
        let rows = NumberRows(source: try NumberRowSource(path: inputPath, dialect: service.dialect, options: options),
                              triage: NumberTriage(journal: journal, dialect: service.dialect, planning: true),
                              previous: PreviousRows(journal: options.resume ? journal : nil))
        let moves = options.resume
            ? try ChangeCount.resumed(rows, status: .toAssign)
            : try await ChangeCount.planned(rows, status: .toAssign, journal: journal)
        if let refusal = options.threshold.refusal(changes: moves, existing: try journal.numberCount(), verb: "move", noun: "number") {
            throw .tooManyChanges(refusal)
        }
    }
}
