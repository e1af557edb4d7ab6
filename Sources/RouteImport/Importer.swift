import Foundation
import RouteCSV
import RouteClient
import RouteModel

/// A bulk import: the input streamed row by row through triage and the sender, every row's
/// intent and outcome in the journal, the result file written from it in input order, and the
/// account checked against it at the end.
///
/// Everything that can stop the import before any request (an unreadable file, a bad header, a
/// refused list call) throws; once rows are flowing, problems become rows' results, and a stop
/// (Ctrl-C, `--max-errors`) lets requests already sent finish and marks the rest `unprocessed`.
public struct Importer: Sendable {
    public let inputPath: String
    public let dialect: Dialect
    public var options: ImportOptions
    /// `nil` only for `--dry-run`, which needs no connection.
    public let service: (any RouteService)?
    public let progress: ProgressLine?
    public let retry: RetryPolicy

    public init(
        inputPath: String, dialect: Dialect, options: ImportOptions, service: (any RouteService)?,
        retry: RetryPolicy = RetryPolicy(), progress: ProgressLine? = nil
    ) {
        self.inputPath = inputPath
        self.dialect = dialect
        self.options = options
        self.service = service
        self.retry = retry
        self.progress = progress
    }

    public var resultsPath: String {
        options.resultsPath(forInput: inputPath)
    }

    public var journalPath: String {
        Journal.path(forResults: resultsPath, plan: options.plan)
    }

    public func run() async throws(ImportError) -> ImportSummary {
        let clock = ContinuousClock()
        let started = clock.now
        let schema = RouteSchema.forDialect(dialect)
        if options.plan && (options.dryRun || options.resume || options.repair || service == nil) {
            throw .usage("--plan compares the file with the account and sends nothing: it needs a connection, "
                + "and goes with neither --dry-run, --resume nor --repair")
        }
        if dialect == .flowrouteV1 && options.onExisting == .create {
            throw .usage("--on-existing create cannot work with Flowroute v1: a v1 route is created with a PUT by its name, "
                + "which replaces a route of the same name instead of making a second one")
        }
        if let from = options.from, from == dialect.provider {
            throw .usage("--from \(from.rawValue): the account is \(dialect.displayName) already; "
                + "its own routes CSV imports without --from")
        }
        if options.resume {
            try Journal.checkSource(path: journalPath, dialect: dialect.rawValue, from: options.from?.rawValue ?? "")
        }
        let source = try RowSource(path: inputPath, schema: schema, options: options)
        let columns = ResultColumns(schema: schema, inputHeader: options.includeInput ? source.echoedHeader : nil,
                                    planning: options.plan)
        guard Self.resolved(inputPath) != Self.resolved(resultsPath) else {
            throw .usage("the results would overwrite the input \(inputPath): give --results another path")
        }
        try OutputGuard.refuse(results: resultsPath, run: options.plan ? .planning : .importing)
        if !options.plan, Journal.purpose(path: journalPath) == "numbers" {
            throw .usage("\(resultsPath) holds the results of a numbers import (its journal is beside it): "
                + "a route import does not write over them; give --results another path")
        }
        let identity = Journal.Identity(dialect: dialect.rawValue, inputHeader: source.header,
                                        onExisting: options.onExisting.rawValue, from: options.from?.rawValue ?? "",
                                        includeInput: options.includeInput)
        let settleDelay = options.settleDelay ?? service?.options.effectiveSettleDelay ?? .zero
        let fresh = options.resume ? nil : options.plan
            ? try Journal.create(path: journalPath, identity: identity)
            : try Journal.create(replacing: journalPath, identity: identity)
        let opened = if let fresh { fresh } else { try Journal.openExisting(path: journalPath, identity: identity) }
        let journal: Journal, longestSettleDelay: Double
        do throws(ImportError) {
            (journal, longestSettleDelay) = try await readied(opened, schema: schema, settleDelay: settleDelay)
        } catch {
            fresh?.remove()
            throw error
        }
        defer { if options.plan { journal.remove() } }
        // The progress line's total, from a fast pass over a CSV file.
        let total = source.countRecords(path: inputPath)
        let triage = RowTriage(options: options, journal: journal, keyField: schema.keyField, settleDelay: longestSettleDelay,
                               planning: options.plan)

        let stop = StopSignal()
        let tally = Tally(maxErrors: options.maxErrors, total: total, progress: progress, stop: stop)
        let sender = options.plan ? nil : service.map {
            RowSender(service: $0, gate: SendGate(concurrency: options.concurrency, rate: options.rate),
                      settler: Settler(service: $0, journal: journal), policy: retry,
                      settleDelay: settleDelay,
                      claimsCreatedIDs: options.onExisting == .create, tally: tally)
        }
        let rows = ImportRows(source: source, triage: triage, previous: PreviousRows(journal: options.resume ? journal : nil))
        let pump = Pump(rows: rows, sender: sender, journal: journal, tally: tally, stop: stop,
                        window: RowWindow(size: max(1024, options.concurrency * 32)))
        await Pump.runUntilDone(pump)
        progress?.clear()
        if case .fatal(let error) = stop.reason { throw error }
        // The check lists the account while the result file is written. The rows are done and
        // their results in the journal: a check that cannot list the account is said in the
        // summary, not instead of it.
        let checks = options.dryRun || options.plan || (stop.reason != nil && !options.repair) ? nil : service
        async let checked = Self.verified(by: checks, journal: journal, repair: options.repair)
        try ResultFile.write(resultsPath, from: journal, columns: columns)
        let counts = try journal.counts()
        if options.plan, let planJSON = options.planJSON {
            try ResultFile.forEachJSON(from: journal, columns: columns, planJSON)
        }
        var verification: Verification?
        var unverified: ImportError?
        switch await checked {
        case .success(let checked): verification = checked
        case .failure(let error): unverified = error
        case nil: break
        }
        var warning: String?
        if options.plan, options.onExisting == .update {
            let updates = counts[.toUpdate] ?? 0, existing = try journal.accountCount()
            if options.threshold.stops(changes: updates, existing: existing) {
                warning = options.threshold.planWarning(changes: updates, existing: existing, verb: "update")
            }
        }
        var summary = ImportSummary(counts: counts, thisRun: tally.statuses, elapsed: clock.now - started,
                                    resultsPath: resultsPath, stopReason: stop.reason, dryRun: options.dryRun,
                                    verification: verification, inputNotice: tally.inputNotice, plan: options.plan,
                                    stopWarning: warning)
        summary.unverified = unverified
        return summary
    }

    /// The final check's report or why it could not be made; `nil` without a service to check against.
    private static func verified(by service: (any RouteService)?, journal: Journal, repair: Bool) async
        -> Result<Verification, ImportError>? {
        guard let service else { return nil }
        do throws(ImportError) {
            return .success(try await Verification.run(service: service, journal: journal, repair: repair))
        } catch {
            return .failure(error)
        }
    }

    /// Readies `journal` to send from: the account listed into it and the threshold checked; a
    /// new run's journal is put in place of the earlier run's only then. Returns the journal and
    /// the longest settle delay of any run of this import.
    private func readied(_ journal: Journal, schema: RouteSchema, settleDelay: Duration) async throws(ImportError)
        -> (Journal, Double) {
        if options.resume {
            try checkSameRows(as: journal, schema: schema)
            if let service { try journal.checkAccount(service.account) }
        }
        let longestSettleDelay = try journal.longestSettleDelay(recording: settleDelay.inSeconds)
        if let service, !options.dryRun {
            // The creates' token comes while the account is listed, not after; not awaited, so
            // that a failed listing is reported at once and not after a stalled token request.
            // Only where creates are what the rows mostly need: a resume may have none left, and
            // an update's token is another.
            if !options.plan, !options.resume, options.onExisting != .update { Task { await service.prepare(toSend: .create) } }
            // Values are compared only where an update or a plan needs them; the rest lists ids and names.
            try await AccountListing.load(service, into: journal, full: options.plan || options.onExisting == .update,
                                          purpose: options.plan ? "to plan against" : "before sending")
            if !options.plan {
                try journal.takeBaselineOnce()
                try journal.recordAccount(service.account)
            }
        }
        if options.onExisting == .update, !options.plan, !options.dryRun, service != nil {
            try await checkThreshold(journal: journal, schema: schema, settleDelay: longestSettleDelay)
        }
        return (options.plan ? journal : try journal.installed(), longestSettleDelay)
    }

    /// Counts the updates the file would make before anything is sent and refuses them when they
    /// are more than `options.threshold` allows.
    private func checkThreshold(journal: Journal, schema: RouteSchema, settleDelay: Double) async throws(ImportError) {
        let updates = try await updates(journal: journal, schema: schema, settleDelay: settleDelay)
        if let refusal = options.threshold.refusal(changes: updates, existing: try journal.accountCount(), verb: "update") {
            throw .tooManyChanges(refusal)
        }
    }

    /// A first run's updates, or a resumed run's new ones (`ChangeCount`).
    private func updates(journal: Journal, schema: RouteSchema, settleDelay: Double) async throws(ImportError) -> Int {
        var counting = options
        counting.includeInput = false
        // On resume the triage's batch is never committed, so names first seen after the
        // journal's rows stay in it and duplicates among them are not counted twice.
        let rows = ImportRows(source: try RowSource(path: inputPath, schema: schema, options: counting),
                              triage: RowTriage(options: counting, journal: journal, keyField: schema.keyField,
                                                settleDelay: settleDelay, planning: true),
                              previous: PreviousRows(journal: options.resume ? journal : nil))
        return options.resume
            ? try ChangeCount.resumed(rows, status: .toUpdate)
            : try await ChangeCount.planned(rows, status: .toUpdate, journal: journal)
    }

    /// The path as the file system resolves it, to tell whether two paths are one file.
    static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// `--resume` goes by row numbers, so the file must hold the rows the journal records.
    private func checkSameRows(as journal: Journal, schema: RouteSchema) throws(ImportError) {
        var checking = options
        checking.includeInput = false
        let source = try RowSource(path: inputPath, schema: schema, options: checking)
        try SameRows.check(inputPath, journal: journal, afresh: "names already created are reported as exists", nextKey: source.nextKey)
    }

    /// `--verify`: only the check, against the journal of an earlier run.
    public func verify() async throws(ImportError) -> Verification {
        guard let service else { throw .usage("--verify needs a connection to the account") }
        let journal = try Journal.openExisting(path: journalPath, identity: nil, dialect: dialect.rawValue)
        try checkVerifiable(journal)
        return try await Verification.run(service: service, journal: journal, repair: options.repair)
    }

    /// `--verify` checks the routes of the import a journal records, by this file's names: so the
    /// journal must be an import's, of this very file (its columns and its rows), as `--resume`
    /// requires. Any other is refused as a usage error, before anything is compared.
    private func checkVerifiable(_ journal: Journal) throws(ImportError) {
        let found = try journal.identity()
        if found.isUndo {
            throw .usage("\(journalPath) is the journal of an undo: --verify checks an import; "
                + "give --results the results of the import of \(inputPath)")
        }
        // Read as the import read it, whatever --from this run was given.
        var reading = self
        reading.options.from = Provider(rawValue: found.from)
        reading.options.includeInput = false
        let schema = RouteSchema.forDialect(dialect)
        let header = try RowSource(path: inputPath, schema: schema, options: reading.options).header
        guard header == found.inputHeader else {
            throw .usage("\(journalPath) is the journal of an input with other columns (\(found.inputHeader.joined(separator: ","))) "
                + "than \(inputPath): give --results the results of the import of \(inputPath)")
        }
        do throws(ImportError) {
            try reading.checkSameRows(as: journal, schema: schema)
        } catch .unusableResults(let problem) {
            throw .usage(problem)
        }
    }
}
