import Foundation
import RouteClient
import RouteModel

/// Takes back the import that wrote a result file: deletes the routes it created and puts the
/// before-images back on the routes it updated, from the import's journal, leaving alone every
/// route changed by someone since (`drifted`); after a `numbers import`, puts each number it
/// moved back on the routes it had, leaving alone every number moved since.
///
/// In two steps, so that the person can be asked in between: `prepare` checks the import's
/// journal, lists the account once (every route's fields, into the undo's own journal) and
/// decides every row, sending nothing; `run` sends through the import's machinery — the same
/// executor, retries, journal, resume, result file and exit statuses.
public struct Undoer: Sendable {
    /// The result file of the import to take back; its journal is beside it.
    public let importResultsPath: String
    public let options: UndoOptions
    public let service: any RouteService
    public let retry: RetryPolicy
    public let progress: ProgressLine?

    public init(
        importResultsPath: String, options: UndoOptions, service: any RouteService,
        retry: RetryPolicy = RetryPolicy(), progress: ProgressLine? = nil
    ) {
        self.importResultsPath = importResultsPath
        self.options = options
        self.service = service
        self.retry = retry
        self.progress = progress
    }

    public var resultsPath: String {
        options.resultsPath ?? (options.plan
            ? UndoOptions.defaultPlanPath(forImportResults: importResultsPath)
            : UndoOptions.defaultResultsPath(forImportResults: importResultsPath))
    }

    /// The undo's own journal, for `--resume`.
    var journalPath: String {
        Journal.path(forResults: resultsPath, plan: options.plan)
    }

    /// What undo is about to do, decided against the account as listed, before anything is sent.
    public struct Prepared: Sendable {
        public let counts: UndoCounts
        /// `--plan`: the undo would stop before sending anything, and why.
        public let stopWarning: String?
        let imported: Journal
        let journal: Journal
        /// The import moved numbers, not routes.
        let numbers: Bool
    }

    public func prepare() async throws(ImportError) -> Prepared {
        guard Importer.resolved(importResultsPath) != Importer.resolved(resultsPath) else {
            throw .usage("the undo's results would overwrite the import's \(importResultsPath): give --results another path")
        }
        try OutputGuard.refuse(results: resultsPath, run: options.plan ? .planning : .undoing)
        let imported = try ImportRecord.open(resultsPath: importResultsPath, dialect: service.dialect, account: service.account)
        let identity = Journal.Identity.undo(dialect: service.dialect.rawValue)
        // A new undo's journal replaces the earlier one's only when it runs (`run`).
        let journal = options.resume
            ? try Journal.openExisting(path: journalPath, identity: identity)
            : options.plan ? try Journal.create(path: journalPath, identity: identity)
            : try Journal.create(replacing: journalPath, identity: identity)
        do throws(ImportError) {
            return try await decide(imported: imported, journal: journal)
        } catch {
            // A plan's journal is scratch, and so is a new undo's until it runs, whatever stopped it.
            if !options.resume { journal.remove() }
            throw error
        }
    }

    /// Lists the account into `journal` and decides every row, counting what would be sent;
    /// refuses what the threshold or the provider does not allow.
    private func decide(imported: Journal, journal: Journal) async throws(ImportError) -> Prepared {
        let numbers = try imported.identity().isNumbers
        if numbers {
            // The routes too, with ids and names only: a number goes back only onto a route that is there.
            try await AccountListing.load(service, into: journal, purpose: "before undoing")
            try await NumberListing.load(service, into: journal, purpose: "before undoing")
        } else {
            try await AccountListing.load(service, into: journal, full: true, purpose: "before undoing")
        }
        var rows = self.rows(imported: imported, journal: journal, numbers: numbers, plan: true)
        var counts = UndoCounts(noun: numbers ? "number" : "route")
        while let decision = try rows.next() {
            switch decision {
            case .carriedOver: break
            case .done(let result):
                // A partial restore still sends its restore.
                let sends = result.status == .partlyRestored && !result.changes.isEmpty
                counts.byStatus[sends ? .toRestore : result.status, default: 0] += 1
            case .send(let pending): counts.byStatus[pending.action.isDelete ? .toDelete : .toRestore, default: 0] += 1
            }
        }
        var cannot: String?
        if service.dialect == .flowrouteV1, counts.deletes > 0 {
            let problem = "Flowroute's v1 API cannot delete routes, so the \(ImportSummary.routes(counts.deletes)) this import "
                + "created cannot be taken back through it: "
            if !options.plan {
                throw .usage(problem + "undo --plan lists them, to delete through the v2 API "
                    + "(routectl routes delete NAME --provider flowroute-v2); nothing was sent")
            }
            cannot = problem + "they are to-delete here, to delete through the v2 API (routectl routes delete NAME --provider flowroute-v2)"
        }
        let existing = try numbers ? journal.numberCount() : journal.accountCount()
        let threshold = options.threshold
        let verb = numbers ? "restore" : "delete or restore"
        let noun = counts.noun
        // On --resume nothing is new to count (`ChangeThreshold`).
        if !options.plan, !options.resume,
           let refusal = threshold.refusal(changes: counts.changes, existing: existing, verb: verb, noun: noun) {
            throw .tooManyChanges(refusal)
        }
        let warning = options.plan && threshold.stops(changes: counts.changes, existing: existing)
            ? threshold.planWarning(changes: counts.changes, existing: existing, verb: verb, noun: noun)
            : nil
        return Prepared(counts: counts, stopWarning: cannot ?? warning, imported: imported, journal: journal, numbers: numbers)
    }

    /// The import's rows, each decided against the account as listed into `journal`.
    private func rows(imported: Journal, journal: Journal, numbers: Bool, plan: Bool) -> any RowDecisions {
        numbers
            ? NumberUndoRows(imported: imported, journal: journal, dialect: service.dialect, plan: plan, resuming: options.resume)
            : UndoRows(imported: imported, journal: journal, dialect: service.dialect, plan: plan, resuming: options.resume)
    }

    /// The person answered no: nothing was sent, so a new undo's journal goes; a resumed one
    /// keeps what the earlier run recorded.
    public func decline(_ prepared: Prepared) {
        if !options.resume { prepared.journal.remove() }
    }

    public func run(_ prepared: Prepared) async throws(ImportError) -> ImportSummary {
        let clock = ContinuousClock()
        let started = clock.now
        let journal = options.plan ? prepared.journal : try prepared.journal.installed()
        defer { if options.plan { journal.remove() } }
        let stop = StopSignal()
        let tally = Tally(maxErrors: nil, total: try prepared.imported.lastRow(), progress: progress, stop: stop)
        let sender = options.plan ? nil : RowSender(
            service: service, gate: SendGate(concurrency: options.concurrency, rate: options.rate),
            settler: Settler(service: service, journal: journal), policy: retry, settleDelay: .zero,
            claimsCreatedIDs: false, tally: tally)
        let rows = rows(imported: prepared.imported, journal: journal, numbers: prepared.numbers, plan: options.plan)
        let pump = Pump(rows: rows, sender: sender, journal: journal, tally: tally, stop: stop,
                        window: RowWindow(size: max(1024, options.concurrency * 32)))
        await Pump.runUntilDone(pump)
        progress?.clear()
        if case .fatal(let error) = stop.reason { throw error }
        let checks = !options.plan && stop.reason == nil
        // A numbers check notes what it finds in the rows, so it comes before the result file.
        let numberCheck = checks && prepared.numbers ? try await NumberCheck.run(service: service, journal: journal) : nil
        let columns = prepared.numbers
            ? ResultColumns(numbersOf: service.dialect)
            : ResultColumns(schema: .forDialect(service.dialect), inputHeader: nil, planning: options.plan)
        try ResultFile.write(resultsPath, from: journal, columns: columns)
        var summary = ImportSummary(counts: try journal.counts(), thisRun: tally.statuses, elapsed: clock.now - started,
                                    resultsPath: resultsPath, stopReason: stop.reason, dryRun: false,
                                    verification: nil, inputNotice: nil)
        summary.plan = options.plan
        summary.stopWarning = prepared.stopWarning
        summary.command = "undo"
        summary.numberCheck = numberCheck
        if prepared.numbers { summary.noun = "number" }
        if checks && !prepared.numbers {
            summary.undoCheck = try await UndoCheck.run(service: service, imported: prepared.imported, journal: journal)
        }
        if options.plan, let planJSON = options.planJSON { try ResultFile.forEachJSON(from: journal, columns: columns, planJSON) }
        return summary
    }
}
