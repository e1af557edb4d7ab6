import Foundation
import GRDB
import RouteCSV
import RouteModel

/// The import's write-ahead journal: one SQLite file beside the results (`NAME.results.csv.journal`).
///
/// It holds the account as listed at the start of this run (`account`, the index triage looks
/// names up in; with each route's fields when the run compares values), the *baseline* (the route
/// ids that existed before the first run), each row's intent before its request is sent — for an
/// update with the route's before-image, and the fields sent — and each row's outcome. Commits are durable against a
/// crash of routectl (WAL, `synchronous=NORMAL`), not against a power cut. The result CSV is
/// written from it in input order at the end, and it stays beside the results for `--resume`,
/// `--verify` and `--repair`.
final class Journal: Sendable {
    /// What a journal must match to be resumed: the same provider, the same columns, the
    /// same answer to names that exist (a row created on purpose under `--on-existing create`
    /// would be a "duplicate" under `skip`), the same source provider (`--from`, which decides
    /// how the columns are read) and the same result columns (`--include-input`).
    struct Identity: Equatable, Sendable {
        var dialect: String
        var inputHeader: [String]
        var onExisting: String
        /// `--from`'s provider, empty without it.
        var from: String = ""
        var includeInput: Bool = false

        /// An undo's journal: it reads no input, and takes back rather than answers names that exist.
        static func undo(dialect: String) -> Identity {
            Identity(dialect: dialect, inputHeader: [], onExisting: "undo")
        }

        var isUndo: Bool { self == .undo(dialect: dialect) }

        /// A `numbers import`'s journal: its rows assign numbers, not routes.
        static func numbers(dialect: String, inputHeader: [String]) -> Identity {
            Identity(dialect: dialect, inputHeader: inputHeader, onExisting: "numbers")
        }

        var isNumbers: Bool { onExisting == "numbers" }
    }

    enum Entry: Sendable {
        case intent(PendingRow)
        case outcome(RowResult)
    }

    let path: String
    /// Where `installed()` puts this journal: the earlier run's journal it is to replace.
    let destination: String?
    private let database: DatabaseQueue

    static func path(forResults results: String) -> String { results + ".journal" }

    /// The journal of a run writing `results`. A plan's is scratch, removed at the end, and named
    /// apart, so that no `--results` of a plan can replace the journal a run keeps for `--resume` and undo.
    static func path(forResults results: String, plan: Bool) -> String {
        plan ? results + ".plan-journal" : path(forResults: results)
    }

    private init(path: String, database: DatabaseQueue, destination: String? = nil) {
        self.path = path
        self.database = database
        self.destination = destination
    }

    /// A new journal, replacing any earlier one at `path`: a plan's scratch. Its baseline is
    /// taken from the first account listing loaded into it.
    static func create(path: String, identity: Identity) throws(ImportError) -> Journal {
        try create(path: path, identity: identity, destination: nil)
    }

    /// A new journal for a run that has not yet decided to go ahead, built beside `path` and put
    /// in place of the journal there by `installed()` only once it does: a run that stops before
    /// sending anything (refused by the change threshold, interrupted, unable to list the
    /// account, killed) leaves the earlier run's journal to its --resume, --verify and undo.
    static func create(replacing path: String, identity: Identity) throws(ImportError) -> Journal {
        try create(path: path + ".new", identity: identity, destination: path)
    }

    private static func create(path: String, identity: Identity, destination: String?) throws(ImportError) -> Journal {
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
        let journal = try open(path: path, destination: destination)
        try journal.write { db in
            try db.execute(sql: Self.schema)
            try db.execute(sql: """
                INSERT INTO meta(key, value)
                VALUES ('dialect', ?), ('input_header', ?), ('on_existing', ?), ('from', ?), ('include_input', ?)
                """, arguments: [identity.dialect, JSON.array(identity.inputHeader.map(JSON.string)).serialized,
                                 identity.onExisting, identity.from, identity.includeInput ? "1" : "0"])
        }
        return journal
    }

    /// The journal an earlier run left, for `--resume` (which checks `identity`) or `--verify`
    /// (which checks `dialect`: a journal checked against another provider's account would find
    /// none of its routes, and `--repair` would act on the wrong account). A mismatch is a usage
    /// error: the journal is fine, the command names another import.
    static func openExisting(path: String, identity: Identity?, dialect: String? = nil) throws(ImportError) -> Journal {
        guard access(path, F_OK) == 0 else {
            if access(path + ".new", F_OK) == 0 {
                throw .usage("the run that would have kept its journal at \(path) stopped before sending "
                    + "anything, so there is nothing to continue: run it again without --resume")
            }
            let run = identity?.isUndo == true ? "undo" : "import"
            // A usage error, as undo's refusal without a journal is: the command asks for what is not there.
            throw .usage("""
                there is no journal at \(path) to continue from: an \(run) keeps it beside its results \
                (give the same --results as before); without --resume a new \(run) starts
                """)
        }
        let journal = try open(path: path)
        try journal.addMissingColumns()
        let found = try journal.identity()
        if let identity, found.isUndo != identity.isUndo {
            throw .unusableResults(found.isUndo
                ? "\(path) is the journal of an undo, not of an import"
                : "\(path) is the journal of an import, not of an undo: give the --results of the undo to resume")
        }
        if let expected = identity?.dialect ?? dialect, found.dialect != expected {
            throw .usage("\(path) is the journal of a \(found.dialect) import; this one is \(expected)")
        }
        if let identity, found.from != identity.from { throw fromMismatch(path: path, found: found.from) }
        if let identity, found.includeInput != identity.includeInput {
            throw .usage("\(path) is the journal of an import run " + (found.includeInput ? "with" : "without")
                + " --include-input, which decides the result file's columns: resume it the same way")
        }
        if let identity, found.inputHeader != identity.inputHeader {
            throw .unusableResults("\(path) is the journal of an input with other columns (\(found.inputHeader.joined(separator: ",")))")
        }
        if let identity, found.onExisting != identity.onExisting {
            throw .unusableResults("\(path) is the journal of an import run with --on-existing \(found.onExisting): "
                + "resume it with the same option")
        }
        return journal
    }

    /// Whether `path` is an undo's journal, read without creating or changing anything.
    static func isUndo(path: String) -> Bool {
        purpose(path: path) == Identity.undo(dialect: "").onExisting
    }

    /// How many rows of the journal at `path` have `status`, read without changing anything; 0
    /// when there is no journal there.
    static func count(path: String, status: RowStatus) -> Int {
        guard access(path, R_OK) == 0, let database = try? DatabaseQueue(path: path) else { return 0 }
        defer { try? database.close() }
        return (try? database.read {
            try Int.fetchOne($0, sql: "SELECT count(*) FROM rows WHERE status = ?", arguments: [status.rawValue])
        }) ?? 0 ?? 0
    }

    /// What the journal at `path` is for (`Identity.onExisting`: a route import's answer to names
    /// that exist, `undo` or `numbers`), read without creating or changing anything; `nil` when
    /// there is no journal there.
    static func purpose(path: String) -> String? {
        guard access(path, R_OK) == 0, let database = try? DatabaseQueue(path: path) else { return nil }
        defer { try? database.close() }
        return (try? database.read { try String.fetchOne($0, sql: "SELECT value FROM meta WHERE key = 'on_existing'") }) ?? nil
    }

    /// `--resume`, before the input's header is read: the provider and `--from` decide how it is
    /// read, so a run without the first run's would fail on the header without saying why.
    /// Whatever else is wrong with the journal is said by `openExisting`.
    static func checkSource(path: String, dialect: String, from: String) throws(ImportError) {
        guard access(path, F_OK) == 0, let database = try? DatabaseQueue(path: path) else { return }
        func meta(_ key: String) -> String? {
            (try? database.read { try String.fetchOne($0, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }) ?? nil
        }
        if let found = meta("dialect"), found != dialect {
            throw .usage("\(path) is the journal of a \(found) import; this one is \(dialect)")
        }
        if let found = meta("from"), found != from { throw fromMismatch(path: path, found: found) }
    }

    private static func fromMismatch(path: String, found: String) -> ImportError {
        .usage("\(path) is the journal of an import run " + (found.isEmpty ? "without --from" : "with --from \(found)")
            + ": resume it the same way")
    }

    private static func open(path: String, destination: String? = nil) throws(ImportError) -> Journal {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
        }
        do {
            return Journal(path: path, database: try DatabaseQueue(path: path, configuration: configuration),
                           destination: destination)
        } catch {
            throw .file("cannot open the journal \(path): \(error)")
        }
    }

    /// This journal in place of the earlier run's, now that the run goes ahead; itself when it
    /// replaces nothing. Use the journal returned: this one is closed.
    func installed() throws(ImportError) -> Journal {
        guard let destination else { return self }
        do {
            try database.writeWithoutTransaction { try $0.checkpoint(.truncate) }
            try database.close()
        } catch {
            throw .file("cannot write the journal \(path): \(error)")
        }
        for suffix in ["-wal", "-shm"] { unlink(destination + suffix); unlink(path + suffix) }
        guard rename(path, destination) == 0 else {
            throw .file("cannot put the journal \(path) in place of \(destination): \(String(cString: strerror(errno)))")
        }
        return try Self.open(path: destination)
    }

    private static let schema = """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE baseline(id TEXT NOT NULL, name TEXT NOT NULL);
        CREATE TABLE account(seq INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL, route TEXT);
        CREATE TABLE rows(
            row INTEGER PRIMARY KEY, line INTEGER NOT NULL, key TEXT NOT NULL,
            status TEXT, intent TEXT, target TEXT, settle_at REAL,
            id TEXT NOT NULL DEFAULT '', http_status INTEGER, attempts INTEGER NOT NULL DEFAULT 0,
            error TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',
            may_have_applied INTEGER NOT NULL DEFAULT 0, creates_unknown INTEGER NOT NULL DEFAULT 0, input TEXT,
            before TEXT, sent TEXT, changes TEXT);
        CREATE TABLE numbers(number TEXT PRIMARY KEY, primary_route TEXT, failover_route TEXT) WITHOUT ROWID;
        CREATE INDEX rows_by_id ON rows(id, status, key) WHERE id <> '';
        CREATE INDEX rows_by_key ON rows(key, row);
        """

    /// Columns and tables added since the first journals: an import an older routectl stopped can still be resumed.
    private func addMissingColumns() throws(ImportError) {
        try write { db in
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS numbers(number TEXT PRIMARY KEY, primary_route TEXT, failover_route TEXT) WITHOUT ROWID")
            for (table, column) in [("account", "route"), ("rows", "before"), ("rows", "sent"), ("rows", "changes")]
            where try !db.columns(in: table).contains(where: { $0.name == column }) {
                try db.execute(sql: "ALTER TABLE \(table) ADD COLUMN \(column) TEXT")
            }
        }
    }

    /// What this journal is for: the provider, the input's columns and the answer to names that exist.
    func identity() throws(ImportError) -> Identity {
        do {
            return try database.read { db in
                let dialect = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'dialect'") ?? ""
                let header = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'input_header'") ?? "[]"
                let cells = (try? JSON(parsing: Array(header.utf8)))?.arrayValue?.compactMap(\.stringValue) ?? []
                let onExisting = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'on_existing'") ?? ""
                // Journals from before these were recorded: imports without --from or --include-input.
                let from = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'from'") ?? ""
                let includeInput = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'include_input'") == "1"
                return Identity(dialect: dialect, inputHeader: cells, onExisting: onExisting, from: from, includeInput: includeInput)
            }
        } catch {
            throw .unusableResults("\(path) is not an import journal: \(error)")
        }
    }

    /// Notes which account the import is for (`RouteService.account`), once: undo refuses to
    /// take it back through another.
    func recordAccount(_ account: String) throws(ImportError) {
        try write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO meta(key, value) VALUES ('account', ?)", arguments: [account])
        }
    }

    /// `--resume` through another account would send the rest of the file there: refused, as
    /// undo refuses it. A journal from before accounts were noted is taken as it is.
    func checkAccount(_ account: String) throws(ImportError) {
        if let recorded = try recordedAccount(), recorded != account {
            throw .usage("\(path) is the journal of a run for \(recorded), and this connection is \(account): "
                + "resume it with the --profile (or --base-url and keys) it used")
        }
    }

    /// The account the import is for; `nil` for a journal written before it was noted.
    func recordedAccount() throws(ImportError) -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'account'") }
    }

    // MARK: - Writing

    /// Commits `entries` in one transaction: when it returns, they survive a crash.
    func commit(_ entries: [Entry]) throws(ImportError) {
        guard !entries.isEmpty else { return }
        try write { db in
            let intent = try db.cachedStatement(sql: """
                INSERT INTO rows(row, line, key, status, intent, target, settle_at, may_have_applied, input, before, sent)
                VALUES (?, ?, ?, NULL, ?, ?, NULL, 1, ?, ?, ?)
                ON CONFLICT(row) DO UPDATE SET status = NULL, intent = excluded.intent,
                    target = excluded.target, settle_at = NULL, may_have_applied = 1,
                    before = coalesce(excluded.before, rows.before), sent = excluded.sent
                """)
            let outcome = try db.cachedStatement(sql: """
                INSERT INTO rows(row, line, key, status, intent, target, id, http_status, attempts, error, note,
                                 may_have_applied, input, settle_at, creates_unknown, changes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(row) DO UPDATE SET status = excluded.status,
                    settle_at = excluded.settle_at, creates_unknown = rows.creates_unknown + excluded.creates_unknown,
                    intent = coalesce(excluded.intent, rows.intent), target = coalesce(excluded.target, rows.target),
                    id = excluded.id, http_status = excluded.http_status, attempts = excluded.attempts,
                    error = excluded.error, note = excluded.note, may_have_applied = excluded.may_have_applied,
                    input = coalesce(excluded.input, rows.input), changes = excluded.changes
                """)
            for entry in entries {
                switch entry {
                case .intent(let row):
                    let (name, target) = Self.columns(row.action)
                    try intent.execute(arguments: [row.row, row.line, row.key, name, target, Self.encode(row.input),
                                                   row.before.map(Self.encode), Self.encode(row.route)])
                case .outcome(let result):
                    let (name, target) = result.action.map(Self.columns) ?? (nil, nil)
                    try outcome.execute(arguments: [
                        result.row, result.line, result.key, result.status.rawValue, name, target, result.id,
                        result.httpStatus, result.attempts, result.error, result.note, result.mayHaveApplied,
                        Self.encode(result.input), result.settleAt, result.createsUnknown, Self.encode(result.changes),
                    ])
                }
            }
        }
    }

    // MARK: - The account

    /// Starts a new listing of the account, which `addToAccount` fills and `indexAccount` ends.
    /// The indexes go while it is filled: appending 300,000 rows and then sorting them into an
    /// index is several times faster than keeping two indexes of random keys up to date on
    /// every insert, each of which misses the page cache.
    func clearAccount() throws(ImportError) {
        try write { db in
            try db.execute(sql: "DROP INDEX IF EXISTS account_by_id; DROP INDEX IF EXISTS account_by_name; DELETE FROM account")
        }
    }

    /// Adds listed routes, in the order listed, each with its fields when `route` is given; one
    /// commit for the lot.
    func addToAccount(_ routes: [(id: String, name: String, route: Route?)]) throws(ImportError) {
        guard !routes.isEmpty else { return }
        try write { db in
            let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO account(id, name, route) VALUES (?, ?, ?)")
            for route in routes { try insert.execute(arguments: [route.id, route.name, route.route.map(Self.encode)]) }
        }
    }

    /// Ends a listing: a route listed twice (a server's paging slip) is kept once, where it
    /// was first listed, and the account gets its index by id, and by name if `byName`.
    func indexAccount(byName: Bool = true) throws(ImportError) {
        try write { db in
            try db.execute(sql: "CREATE INDEX account_by_id ON account(id, seq)")
            for id in try String.fetchAll(db, sql: "SELECT id FROM account GROUP BY id HAVING count(*) > 1") {
                try db.execute(sql: "DELETE FROM account WHERE id = ? AND seq > (SELECT min(seq) FROM account WHERE id = ?)",
                               arguments: [id, id])
            }
            if byName { try db.execute(sql: "CREATE INDEX account_by_name ON account(name, seq)") }
        }
    }

    /// The longest settle delay any run of this import used, after recording `delay` (seconds):
    /// a later run waits at least that long for what an earlier one left in flight.
    func longestSettleDelay(recording delay: Double) throws(ImportError) -> Double {
        var longest = delay
        try write { db in
            let earlier = try Double.fetchOne(db, sql: "SELECT CAST(value AS REAL) FROM meta WHERE key = 'settle_delay'") ?? 0
            longest = max(earlier, delay)
            try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('settle_delay', ?)", arguments: [String(longest)])
        }
        return longest
    }

    /// The number of rows an earlier run recorded, its last row number.
    func lastRow() throws(ImportError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT max(row) FROM rows") ?? 0 }
    }

    /// Makes the account as listed the baseline — the routes that were there before the first
    /// run — unless it was taken already.
    func takeBaselineOnce() throws(ImportError) {
        try write { db in
            guard try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'baseline'") == nil else { return }
            // Appended in listing order and indexed after, as the account is; its ids are distinct.
            try db.execute(sql: "INSERT INTO baseline(id, name) SELECT id, name FROM account ORDER BY seq")
            try db.execute(sql: "CREATE UNIQUE INDEX baseline_by_id ON baseline(id)")
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('baseline', 'taken')")
        }
    }

    /// The first listed route named `name`: its id, its fields when the listing kept them, and
    /// the ids of up to ten other routes of that name, which make the name ambiguous.
    func accountRoute(named name: String, dialect: Dialect) throws(ImportError) -> (id: String, route: Route?, others: [String])? {
        try read { db in
            let records = try Row.fetchAll(db.cachedStatement(sql: "SELECT id, route FROM account WHERE name = ? ORDER BY seq LIMIT 11"),
                                           arguments: [name])
            return records.first.map { first in
                (first["id"], Self.decode(first["route"], dialect: dialect)?.route, records.dropFirst().map { $0["id"] })
            }
        }
    }

    /// The listed route with the id `id`, when the listing kept the routes' fields.
    func accountRoute(id: String, dialect: Dialect) throws(ImportError) -> Route? {
        try read { db in
            try String.fetchOne(db.cachedStatement(sql: "SELECT route FROM account WHERE id = ? ORDER BY seq LIMIT 1"),
                                arguments: [id])
        }.flatMap { Self.decode($0, dialect: dialect)?.route }
    }

    /// Whether the listing holds a route with the id `id`, and its name.
    func accountName(id: String) throws(ImportError) -> String? {
        try read { db in
            try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM account WHERE id = ? ORDER BY seq LIMIT 1"), arguments: [id])
        }
    }

    // MARK: - The account's numbers

    /// Starts a new listing of the account's numbers, which `addNumbers` fills.
    func clearNumbers() throws(ImportError) {
        try write { db in try db.execute(sql: "DELETE FROM numbers") }
    }

    /// Adds listed numbers with their routing; one commit for the lot.
    func addNumbers(_ numbers: [(number: PhoneNumber, routing: NumberRouting)]) throws(ImportError) {
        guard !numbers.isEmpty else { return }
        try write { db in
            let insert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO numbers(number, primary_route, failover_route) VALUES (?, ?, ?)")
            for entry in numbers {
                try insert.execute(arguments: [entry.number.e164, entry.routing.primary, entry.routing.failover])
            }
        }
    }

    /// The routing of `number` as listed; `nil` when the account has no such number.
    func routing(of number: PhoneNumber) throws(ImportError) -> NumberRouting? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT primary_route, failover_route FROM numbers WHERE number = ?"),
                             arguments: [number.e164]).map { NumberRouting(primary: $0["primary_route"], failover: $0["failover_route"]) }
        }
    }

    /// The number of numbers the listing holds.
    func numberCount() throws(ImportError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM numbers") ?? 0 }
    }

    /// Rows with one of `statuses` whose number is not on the routes their assignment gives in
    /// the numbers as last listed: how many rows were checked, and the first `limit` that differ.
    func misplacedNumbers(
        statuses: [RowStatus], limit: Int
    ) throws(ImportError) -> (checked: Int, misplaced: [(row: Int, assignment: NumberAssignment, now: NumberRouting?)]) {
        let held = "r.intent = 'assign' AND r.status IN (" + statuses.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"
        return try read { db in
            let checked = try Int.fetchOne(db, sql: "SELECT count(*) FROM rows r WHERE \(held)") ?? 0
            let misplaced = try Row.fetchAll(db, sql: """
                SELECT r.row, r.target, n.number, n.primary_route, n.failover_route FROM rows r
                LEFT JOIN numbers n ON n.number = r.key
                WHERE \(held) AND (n.number IS NULL OR n.primary_route IS NOT json_extract(r.target, '$.to[0]')
                                  OR n.failover_route IS NOT json_extract(r.target, '$.to[1]'))
                ORDER BY r.row LIMIT ?
                """, arguments: [limit]).compactMap { record -> (row: Int, assignment: NumberAssignment, now: NumberRouting?)? in
                guard case .assign(let assignment)? = Self.intent("assign", target: record["target"]) else { return nil }
                let listed: String? = record["number"]
                let now = listed.map { _ in NumberRouting(primary: record["primary_route"], failover: record["failover_route"]) }
                return (record["row"], assignment, now)
            }
            return (checked, misplaced)
        }
    }

    /// Adds `note` to each row's note: what a check after the run found, kept with the row's result.
    func addNotes(_ notes: [(row: Int, note: String)]) throws(ImportError) {
        guard !notes.isEmpty else { return }
        try write { db in
            let update = try db.cachedStatement(sql: """
                UPDATE rows SET note = CASE WHEN note = '' THEN ?1 ELSE note || '; ' || ?1 END WHERE row = ?2
                """)
            for entry in notes { try update.execute(arguments: [entry.note, entry.row]) }
        }
    }

    /// The first row before `row` that used `key` and was not invalid, if any.
    func firstRow(withKey key: String, before row: Int) throws(ImportError) -> Int? {
        try read { db in
            try Int.fetchOne(db.cachedStatement(sql: """
                SELECT row FROM rows WHERE key = ? AND row < ? AND (status IS NULL OR status <> 'invalid') ORDER BY row LIMIT 1
                """), arguments: [key, row])
        }
    }

    // MARK: - Verification

    /// Rows holding a route whose id is not in the account as last listed, or is there under another name.
    /// `rows_by_id` holds each row's status and name beside its id, so the check reads that index
    /// and not the rows, which are wide.
    func mismatches() throws(ImportError) -> (checked: Int, routes: Int, mismatches: [String]) {
        try read { db in
            let held = "r.status IN \(Self.holdingStatuses) AND r.id <> ''"
            let counted = try Row.fetchOne(db, sql: """
                SELECT count(*) AS checked, coalesce(sum(a.id IS NULL OR a.name <> r.key), 0) AS wrong
                FROM rows r LEFT JOIN account a ON a.id = r.id WHERE \(held)
                """)
            let checked: Int = counted?["checked"] ?? 0, wrong: Int = counted?["wrong"] ?? 0
            let routes = try Int.fetchOne(db, sql: "SELECT count(*) FROM account") ?? 0
            guard wrong > 0 else { return (checked, routes, []) }
            let mismatches = try Row.fetchAll(db, sql: """
                SELECT r.row, r.key, r.id, a.name FROM rows r LEFT JOIN account a ON a.id = r.id
                WHERE \(held) AND (a.id IS NULL OR a.name <> r.key) ORDER BY r.row LIMIT 1000
                """).map { record -> String in
                let row: Int = record["row"], key: String = record["key"], id: String = record["id"]
                guard let name: String = record["name"] else { return "row \(row): \"\(key)\" \(id) is not in the account" }
                return "row \(row): \(id) is named \"\(name)\", not \"\(key)\""
            }
            return (checked, routes, mismatches)
        }
    }

    /// Routes in the account named like a row this import created, held by no row and not in the
    /// baseline, by name, with how many of them the import could have made: one per create of
    /// those rows whose answer was lost and was not the route found for it.
    func extraRoutes() throws(ImportError) -> [(name: String, ids: [String], couldHaveMade: Int)] {
        try read { db in
            var extras: [(name: String, ids: [String], couldHaveMade: Int)] = []
            // Routes held by no row come first (almost always none), and only their names are
            // looked up among the created rows.
            for record in try Row.fetchAll(db, sql: """
                WITH unheld AS (
                    SELECT a.name, a.id, a.seq FROM account a
                    WHERE NOT EXISTS (SELECT 1 FROM rows r WHERE r.id = a.id AND r.id <> ''
                                      AND r.status IN \(Self.holdingStatuses))
                      AND NOT EXISTS (SELECT 1 FROM baseline b WHERE b.id = a.id))
                SELECT u.name, u.id, (SELECT sum(creates_unknown) FROM rows WHERE key = u.name AND status = 'created') AS n
                FROM unheld u
                WHERE EXISTS (SELECT 1 FROM rows WHERE key = u.name AND status = 'created')
                ORDER BY u.name, u.seq
                """) {
                let name: String = record["name"], id: String = record["id"]
                if extras.last?.name == name { extras[extras.count - 1].ids.append(id) } else {
                    extras.append((name, [id], record["n"]))
                }
            }
            return extras
        }
    }

    // MARK: - Reading

    /// Rows after `row`, in order, at most `limit`: what an earlier run recorded of them.
    func rows(after row: Int, limit: Int) throws(ImportError) -> [(row: Int, state: JournalRow)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT row, key, status, intent, target, settle_at, may_have_applied FROM rows WHERE row > ? ORDER BY row LIMIT ?
                """, arguments: [row, limit]).map { record in
                let intent = Self.intent(record["intent"], target: record["target"])
                let status = (record["status"] as String?).flatMap(RowStatus.init(rawValue:))
                return (record["row"], JournalRow(key: record["key"], status: status, intent: intent,
                                                  mayHaveApplied: record["may_have_applied"], settleAt: record["settle_at"]))
            }
        }
    }

    /// Rows after `row` that recorded an intent, in order, at most `limit`: what this import
    /// created or updated, or may have, with the before-image of each update and the fields sent.
    /// With `all`, the rows that sent nothing too, so that undo accounts for every row.
    func writes(after row: Int, limit: Int, dialect: Dialect, all: Bool = false) throws(ImportError) -> [RecordedWrite] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT row, line, key, status, intent, target, id, may_have_applied, before, sent FROM rows
                WHERE row > ? AND (? OR intent IS NOT NULL) ORDER BY row LIMIT ?
                """), arguments: [row, all, limit]).map { record in
                let sent = Self.decode(record["sent"], dialect: dialect)
                return RecordedWrite(
                    row: record["row"], line: record["line"], key: record["key"],
                    status: (record["status"] as String?).flatMap(RowStatus.init(rawValue:)),
                    intent: Self.intent(record["intent"], target: record["target"]), id: record["id"],
                    mayHaveApplied: record["may_have_applied"],
                    before: Self.decode(record["before"], dialect: dialect)?.route,
                    sent: sent?.route, sentSecrets: sent?.withheld ?? [])
            }
        }
    }

    /// Of `ids`, those that were in the account before the first run.
    func baselineContains(_ ids: [String]) throws(ImportError) -> Set<String> {
        try matching(ids) { "SELECT id FROM baseline WHERE id IN (\($0))" }
    }

    /// Of `ids`, those that some row of this import already holds as its route.
    func claimed(_ ids: [String]) throws(ImportError) -> Set<String> {
        try matching(ids) { "SELECT id FROM rows WHERE id IN (\($0)) AND status IN \(Self.holdingStatuses)" }
    }

    /// The ids of `ids` that `query` (given a list of placeholders) selects, asked in chunks
    /// that stay within SQLite's limit on parameters.
    private func matching(_ ids: [String], _ query: (String) -> String) throws(ImportError) -> Set<String> {
        var found = Set<String>()
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            let sql = query(Array(repeating: "?", count: chunk.count).joined(separator: ","))
            found.formUnion(try read { db in try String.fetchAll(db, sql: sql, arguments: StatementArguments(chunk)) })
        }
        return found
    }

    /// How many rows may have been applied without anyone learning so — an intent with no
    /// outcome, or an outcome that left it unknown — and the first `naming` of them.
    func unfinishedRows(naming: Int) throws(ImportError) -> (count: Int, first: [(row: Int, key: String)]) {
        try read { db in
            let unfinished = "may_have_applied = 1 AND (status IS NULL OR status IN ('failed', 'unprocessed'))"
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM rows WHERE \(unfinished)") ?? 0
            let first = try Row.fetchAll(db, sql: "SELECT row, key FROM rows WHERE \(unfinished) ORDER BY row LIMIT ?",
                                         arguments: [naming]).map { (row: $0["row"] as Int, key: $0["key"] as String) }
            return (count, first)
        }
    }

    /// The number of routes the account listing holds.
    func accountCount() throws(ImportError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM account") ?? 0 }
    }

    /// Closes the journal and deletes its files: a plan's journal is scratch, and so is a new
    /// run's until it is installed.
    func remove() {
        try? database.close()
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
    }

    /// Forgets every row: the pass that counted an import's updates is done, and sending starts.
    func clearRows() throws(ImportError) {
        try write { db in try db.execute(sql: "DELETE FROM rows") }
    }

    /// Rows per status.
    func counts() throws(ImportError) -> [RowStatus: Int] {
        try read { db in
            var counts: [RowStatus: Int] = [:]
            for record in try Row.fetchAll(db, sql: "SELECT coalesce(status, 'unprocessed') AS status, count(*) AS n FROM rows GROUP BY 1") {
                if let status = RowStatus(rawValue: record["status"]) { counts[status] = record["n"] }
            }
            return counts
        }
    }

    /// Hands every row's result to `body` in input order; a row left with only an intent is `unprocessed`.
    func forEachResult(_ body: (RowResult) throws -> Void) throws(ImportError) {
        try read { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT row, line, key, coalesce(status, 'unprocessed') AS status, id, http_status, attempts, error, note,
                       may_have_applied, input, changes, intent, target FROM rows ORDER BY row
                """)
            while let record = try cursor.next() {
                // Only an assignment's intent is part of its result: its routes before and after.
                let name: String? = record["intent"]
                var result = RowResult(
                    row: record["row"], line: record["line"], key: record["key"],
                    status: RowStatus(rawValue: record["status"]) ?? .unprocessed, id: record["id"],
                    httpStatus: record["http_status"], attempts: record["attempts"], error: record["error"],
                    note: record["note"], input: Self.decode(record["input"]), changes: Self.decode(record["changes"]))
                if name == "assign" { result.action = Self.intent(name, target: record["target"]).flatMap(\.action) }
                try body(result)
            }
        }
    }

    // MARK: - Private

    private func write(_ body: (Database) throws -> Void) throws(ImportError) {
        do { try database.write(body) } catch let error as ImportError { throw error } catch {
            throw .file("cannot write the journal \(path): \(error)")
        }
    }

    /// Runs `body`, whose lookups in this journal share one read transaction: alone, each lookup
    /// takes and drops SQLite's read lock, two system calls. `body` must not write the journal.
    func lookingUpTogether<T>(_ body: () throws(ImportError) -> T) throws(ImportError) -> T {
        var result: Result<T, ImportError>?
        do {
            try database.unsafeReentrantRead { db in
                try db.inTransaction(.deferred) {
                    result = Result { () throws(ImportError) in try body() }
                    return .commit
                }
            }
        } catch {
            throw .file("cannot read the journal \(path): \(error)")
        }
        return try result!.get()
    }

    /// Reads outside an explicit transaction unless in `lookingUpTogether`: the journal has one
    /// writer, this process, and a per-row lookup must not pay for a transaction's begin and end.
    private func read<T>(_ body: (Database) throws -> T) throws(ImportError) -> T {
        do { return try database.unsafeReentrantRead(body) } catch let error as ImportError { throw error } catch let error as CSVFileError {
            throw .file(error.description)
        } catch {
            throw .file("cannot read the journal \(path): \(error)")
        }
    }

    private static func columns(_ intent: PendingRow.Action) -> (String?, String?) {
        switch intent {
        case .create: return ("create", nil)
        case .update(let id): return ("update", id)
        case .delete(let id): return ("delete", id)
        case .assign(let assignment): return ("assign", assignment.json.serialized)
        }
    }

    /// `('created', 'updated', …)`: the statuses of rows that hold a route, for SQL.
    private static let holdingStatuses = "(" + RowStatus.allCases.filter(\.holdsRoute).map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"

    private static func intent(_ name: String?, target: String?) -> JournalRow.Intent? {
        switch name {
        case "create": .create
        case "update": .update(id: target ?? "")
        case "delete": .delete(id: target ?? "")
        case "assign": (try? JSON(parsing: Array((target ?? "").utf8))).flatMap(NumberAssignment.init(json:)).map { .assign($0) }
        default: nil
        }
    }

    /// A route as catalog JSON; secrets are kept as `null`, never in clear.
    private static func encode(_ route: Route) -> String {
        CatalogJSON.encode(route) { _ in .null }.serialized
    }

    private static func decode(_ text: String?, dialect: Dialect) -> (route: Route, withheld: [String])? {
        guard let text, let json = try? JSON(parsing: Array(text.utf8)) else { return nil }
        return CatalogJSON.decode(json, dialect: dialect)
    }

    private static func encode(_ cells: [String]) -> String? {
        cells.isEmpty ? nil : JSON.array(cells.map(JSON.string)).serialized
    }

    private static func decode(_ text: String?) -> [String] {
        guard let text, let json = try? JSON(parsing: Array(text.utf8)) else { return [] }
        return json.arrayValue?.compactMap(\.stringValue) ?? []
    }
}
