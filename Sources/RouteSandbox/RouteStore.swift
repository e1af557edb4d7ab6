import Foundation
import GRDB
import RouteModel

/// The sandbox's state in SQLite: accounts' routes for every dialect, their phone numbers
/// (`numbers`), and the few settings that must survive a restart (the default account, the
/// token signing key).
///
/// Files use a `DatabasePool` in WAL mode with `synchronous=NORMAL`: readers never wait for the
/// writer, and a commit costs no fsync, which is what keeps creates cheap. `:memory:` uses a
/// `DatabaseQueue`, as an in-memory database cannot be shared by a pool.
struct RouteStore: Sendable {
    private let writer: any DatabaseWriter
    private let saves: GroupCommit

    init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        if path == ":memory:" {
            writer = try DatabaseQueue(configuration: configuration)
        } else {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            writer = try DatabasePool(path: path, configuration: configuration)
        }
        try Self.migrator.migrate(writer)
        saves = GroupCommit(writer: writer)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE setting (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                CREATE TABLE route (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    account TEXT NOT NULL,
                    dialect TEXT NOT NULL,
                    id TEXT NOT NULL,
                    name TEXT NOT NULL,
                    body TEXT NOT NULL,
                    secrets TEXT
                );
                CREATE UNIQUE INDEX route_by_id ON route(account, dialect, id);
                CREATE INDEX route_by_name ON route(account, dialect, name);
                """)
        }
        NumberStore.registerMigrations(in: &migrator)
        return migrator
    }

    /// The numbers, in the same database: a route delete and a number update see each other.
    var numbers: NumberStore { NumberStore(writer: writer) }

    // MARK: Settings

    /// The stored value for `key`, or `make()`'s, stored first. Used for values that must stay the
    /// same across runs (the default account, the signing key).
    func setting(_ key: String, orInsert make: @Sendable () -> String) throws -> String {
        try writer.write { db in
            if let value = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key]) {
                return value
            }
            let value = make()
            try db.execute(sql: "INSERT INTO setting (key, value) VALUES (?, ?)", arguments: [key, value])
            return value
        }
    }

    // MARK: Routes

    /// Stores `record`, replacing the account's route with the same id (Flowroute v1's PUT).
    /// Saves made at the same time share a commit.
    func save(_ record: RouteRecord, account: String, dialect: Dialect) async throws {
        try await saves.perform { db in
            // Cached: creates are the hot path, and compiling the statement costs as much as running it.
            try db.cachedStatement(sql: """
                INSERT INTO route (account, dialect, id, name, body, secrets) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(account, dialect, id) DO UPDATE SET name = excluded.name, body = excluded.body, secrets = excluded.secrets
                """
            ).execute(arguments: [account, dialect.rawValue, record.id, record.name, record.body, record.secrets])
        }
    }

    /// Stores a new route whose id is the next number of a sequence shared by all accounts
    /// (Flowroute v2's ids); `make` builds the record once the id is known.
    func insertNumbered(account: String, dialect: Dialect, _ make: @Sendable (String) -> RouteRecord) async throws -> RouteRecord {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO route (account, dialect, id, name, body) VALUES (?, ?, '', '', '')",
                arguments: [account, dialect.rawValue])
            let sequence = db.lastInsertedRowID
            let record = make(String(sequence))
            try db.execute(
                sql: "UPDATE route SET id = ?, name = ?, body = ?, secrets = ? WHERE seq = ?",
                arguments: [record.id, record.name, record.body, record.secrets, sequence])
            return record
        }
    }

    func find(account: String, dialect: Dialect, id: String) async throws -> RouteRecord? {
        try await writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT id, name, body, secrets FROM route WHERE account = ? AND dialect = ? AND id = ?",
                arguments: [account, dialect.rawValue, id]
            ).map(Self.record)
        }
    }

    /// The account's routes in creation order, a page at a time; `filter` is an extra SQL
    /// condition on `body` (e.g. a `json_extract` comparison) with its arguments.
    func list(
        account: String, dialect: Dialect, limit: Int = -1, offset: Int = 0,
        filter: (sql: String, arguments: StatementArguments)? = nil
    ) async throws -> (records: [RouteRecord], total: Int) {
        try await writer.read { db in
            var condition = "account = ? AND dialect = ?"
            var arguments: StatementArguments = [account, dialect.rawValue]
            if let filter {
                condition += " AND (\(filter.sql))"
                arguments += filter.arguments
            }
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM route WHERE \(condition)", arguments: arguments) ?? 0
            let rows = try Row.fetchAll(
                db, sql: "SELECT id, name, body, secrets FROM route WHERE \(condition) ORDER BY seq LIMIT ? OFFSET ?",
                arguments: arguments + [limit, offset])
            return (rows.map(Self.record), total)
        }
    }

    /// The stored bodies of the account's routes after sequence number `seq`, in creation order,
    /// at most `limit`: a list read a page at a time, for answers streamed from the database.
    func bodies(account: String, dialect: Dialect, after seq: Int64, limit: Int) async throws -> [(seq: Int64, body: String)] {
        try await writer.read { db in
            try Row.fetchAll(
                db.cachedStatement(sql: "SELECT seq, body FROM route WHERE account = ? AND dialect = ? AND seq > ? ORDER BY seq LIMIT ?"),
                arguments: [account, dialect.rawValue, seq, limit]
            ).map { ($0["seq"], $0["body"]) }
        }
    }

    func count(account: String, dialect: Dialect) async throws -> Int {
        try await writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM route WHERE account = ? AND dialect = ?",
                             arguments: [account, dialect.rawValue]) ?? 0
        }
    }

    /// Stores `records` in one transaction, for filling an account in bulk.
    func saveAll(_ records: [RouteRecord], account: String, dialect: Dialect) async throws {
        try await writer.write { db in
            let insert = try db.cachedStatement(sql: "INSERT INTO route (account, dialect, id, name, body, secrets) VALUES (?, ?, ?, ?, ?, ?)")
            for record in records {
                try insert.execute(arguments: [account, dialect.rawValue, record.id, record.name, record.body, record.secrets])
            }
        }
    }

    /// Replaces the route with `change(current)` in one transaction, so concurrent updates never
    /// lose each other's fields; `nil` when the account has no such route. Errors thrown by
    /// `change` leave the route untouched.
    func update(
        account: String, dialect: Dialect, id: String, _ change: @Sendable (RouteRecord) throws -> RouteRecord
    ) async throws -> RouteRecord? {
        try await writer.write { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT seq, id, name, body, secrets FROM route WHERE account = ? AND dialect = ? AND id = ?",
                arguments: [account, dialect.rawValue, id])
            else { return nil }
            let updated = try change(Self.record(row))
            try db.execute(
                sql: "UPDATE route SET name = ?, body = ?, secrets = ? WHERE seq = ?",
                arguments: [updated.name, updated.body, updated.secrets, row["seq"] as Int64])
            return updated
        }
    }

    enum Deletion: Sendable {
        case deleted
        case notFound
        /// Numbers still use the route: it is kept, as the services refuse to leave them without one.
        case inUse
    }

    func delete(account: String, dialect: Dialect, id: String) async throws -> Deletion {
        try await writer.write { db in
            guard try Self.exists(id: id, account: account, dialect: dialect, in: db) else { return .notFound }
            if try NumberStore.routeIsInUse(id: id, account: account, dialect: dialect, in: db) { return .inUse }
            try db.execute(
                sql: "DELETE FROM route WHERE account = ? AND dialect = ? AND id = ?",
                arguments: [account, dialect.rawValue, id])
            return .deleted
        }
    }

    static func exists(id: String, account: String, dialect: Dialect, in db: Database) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM route WHERE account = ? AND dialect = ? AND id = ?)",
            arguments: [account, dialect.rawValue, id]) ?? false
    }

    /// The account's routes with these ids, by id; ids it does not have are left out.
    func records(account: String, dialect: Dialect, ids: Set<String>) async throws -> [String: RouteRecord] {
        guard !ids.isEmpty else { return [:] }
        return try await writer.read { db in
            let records = try Row.fetchAll(
                db, sql: """
                    SELECT id, name, body, secrets FROM route
                    WHERE account = ? AND dialect = ? AND id IN (\(databaseQuestionMarks(count: ids.count)))
                    """,
                arguments: StatementArguments([account, dialect.rawValue] + Array(ids))
            ).map(Self.record)
            return Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    private static func record(_ row: Row) -> RouteRecord {
        RouteRecord(id: row["id"], name: row["name"], body: row["body"], secrets: row["secrets"])
    }
}
