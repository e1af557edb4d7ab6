import RouteClient
import RouteModel

/// A bulk import: the input streamed row by row through triage and the sender into the result
/// store, with reading held a bounded window ahead of the rows still in progress.
///
/// Everything that can stop the import before any request (an unreadable file, a bad header, a
/// refused list call) throws; once rows are flowing, problems become rows' results, and a stop
/// (Ctrl-C, `--max-errors`) lets requests already sent finish and marks the rest `unprocessed`.
public struct Importer: Sendable {
    public let inputPath: String
    public let dialect: Dialect
    public let options: ImportOptions
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
        options.resultsPath ?? ImportOptions.defaultResultsPath(forInput: inputPath)
    }

    public func run() async throws(ImportError) -> ImportSummary {
        let clock = ContinuousClock()
        let started = clock.now
        let schema = RouteSchema.forDialect(dialect)
        let source = try RowSource(path: inputPath, schema: schema, delimiter: options.delimiter,
                                   keepsInput: options.includeInput)
        let columns = ResultColumns(schema: schema, inputHeader: options.includeInput ? source.header : nil)
        let (existing, preexisting) = try await accountIndex()
        // A fast pass that decodes nothing: the progress line's total, and the size of the
        // per-row indexes, allocated once instead of doubling (which would double peak memory).
        let total = RowSource.count(path: inputPath, delimiter: options.delimiter)
        let store = try await ResultStore(path: resultsPath, columns: columns, carryingOver: options.resume,
                                          expectedRows: total ?? 0)
        var triageOptions = options
        triageOptions.resume = await store.hasCarriedOver
        let triage = RowTriage(options: triageOptions, existing: existing, keyField: schema.keyField,
                               expectedRows: total ?? 0)

        let stop = StopSignal()
        let tally = Tally(maxErrors: options.maxErrors, total: total, progress: progress, stop: stop)
        let sender = service.map {
            RowSender(service: $0, gate: SendGate(concurrency: options.concurrency, rate: options.rate),
                      settler: Settler(service: $0, preexisting: preexisting), policy: retry,
                      claimsCreatedIDs: options.onExisting == .create)
        }
        let pump = Pump(source: source, triage: triage, sender: sender, store: store, tally: tally,
                        stop: stop, window: RowWindow(size: max(256, options.concurrency * 8)))
        // The work runs in a task of its own so that cancelling this one (Ctrl-C) becomes a stop:
        // requests already sent finish and every row still gets its result.
        let work = Task { await pump.run() }
        stop.attach(work)
        await withTaskCancellationHandler { await work.value } onCancel: { stop.trigger(.interrupted) }
        progress?.clear()
        if case .fatal(let error) = stop.reason { throw error }
        try await store.finish()
        return ImportSummary(counts: await store.counts, rowsThisRun: tally.rows, elapsed: clock.now - started,
                             resultsPath: resultsPath, stopReason: stop.reason, dryRun: options.dryRun)
    }

    /// The account's routes before any row is sent: name → id, and every id.
    private func accountIndex() async throws(ImportError) -> ([String: String], Set<String>) {
        guard let service, !options.dryRun else { return ([:], []) }
        let routes: [Route]
        do throws(ClientError) { routes = try await service.list() } catch {
            if Task.isCancelled { throw .interrupted }
            throw .service("cannot list the account's routes: \(error)")
        }
        var byName: [String: String] = [:]
        var ids = Set<String>()
        for route in routes {
            guard let id = route.id else { continue }
            ids.insert(id)
            if let key = route.key, byName[key] == nil { byName[key] = id }
        }
        return (byName, ids)
    }
}
