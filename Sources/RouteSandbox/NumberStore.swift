import GRDB
import RouteModel

/// The accounts' phone numbers and the routes they point at, kept per dialect as routes are
/// (a number's routes are ids of that dialect's routes). Both route columns are indexed, so
/// "which numbers use this route" is a lookup: it is asked on every route delete.
struct NumberStore: Sendable {
    let writer: any DatabaseWriter

    /// What an update did.
    enum Update: Sendable, Equatable {
        case updated(NumberRouting)
        case noSuchNumber
        /// The first route the new routing names that the account does not have.
        case noSuchRoute(String)
    }

    static func registerMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("numbers") { db in
            try db.execute(sql: """
                CREATE TABLE phone_number (
                    account TEXT NOT NULL,
                    dialect TEXT NOT NULL,
                    e164 TEXT NOT NULL,
                    primary_route TEXT,
                    failover_route TEXT,
                    PRIMARY KEY (account, dialect, e164)
                ) WITHOUT ROWID;
                CREATE INDEX phone_number_by_primary ON phone_number(account, dialect, primary_route)
                    WHERE primary_route IS NOT NULL;
                CREATE INDEX phone_number_by_failover ON phone_number(account, dialect, failover_route)
                    WHERE failover_route IS NOT NULL;
                """)
        }
    }

    func find(_ number: PhoneNumber, account: String, dialect: Dialect) async throws -> NumberRecord? {
        try await writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT e164, primary_route, failover_route FROM phone_number WHERE account = ? AND dialect = ? AND e164 = ?",
                arguments: [account, dialect.rawValue, number.e164]
            ).map(Self.record)
        }
    }

    /// The account's numbers in order, at most `limit`: those after `after` (a list streamed a
    /// page at a time), skipping `offset` of them (a page asked for by position).
    func page(account: String, dialect: Dialect, after: String = "", offset: Int = 0, limit: Int) async throws -> [NumberRecord] {
        try await writer.read { db in
            try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT e164, primary_route, failover_route FROM phone_number
                    WHERE account = ? AND dialect = ? AND e164 > ? ORDER BY e164 LIMIT ? OFFSET ?
                    """),
                arguments: [account, dialect.rawValue, after, limit, offset]
            ).map(Self.record)
        }
    }

    func count(account: String, dialect: Dialect) async throws -> Int {
        try await writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM phone_number WHERE account = ? AND dialect = ?",
                             arguments: [account, dialect.rawValue]) ?? 0
        }
    }

    /// Points `number` at `change(current)` in one transaction, once every route it names is
    /// one of the account's (or `builtIn`, a route every account has): a route deleted at the
    /// same time cannot be left with numbers.
    func update(
        _ number: PhoneNumber, account: String, dialect: Dialect, builtIn: Set<String> = [],
        _ change: @Sendable (NumberRouting) -> NumberRouting
    ) async throws -> Update {
        try await writer.write { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT e164, primary_route, failover_route FROM phone_number WHERE account = ? AND dialect = ? AND e164 = ?",
                arguments: [account, dialect.rawValue, number.e164])
            else { return .noSuchNumber }
            let routing = change(Self.record(row).routing)
            for id in [routing.primary, routing.failover].compactMap({ $0 }) where !builtIn.contains(id) {
                if try !RouteStore.exists(id: id, account: account, dialect: dialect, in: db) { return .noSuchRoute(id) }
            }
            try db.execute(
                sql: "UPDATE phone_number SET primary_route = ?, failover_route = ? WHERE account = ? AND dialect = ? AND e164 = ?",
                arguments: [routing.primary, routing.failover, account, dialect.rawValue, number.e164])
            return .updated(routing)
        }
    }

    /// Stores `records` in one transaction, for filling an account in bulk.
    func insertAll(_ records: [NumberRecord], account: String, dialect: Dialect) async throws {
        try await writer.write { db in
            let insert = try db.cachedStatement(
                sql: "INSERT INTO phone_number (account, dialect, e164, primary_route, failover_route) VALUES (?, ?, ?, ?, ?)")
            for record in records {
                try insert.execute(arguments: [account, dialect.rawValue, record.e164, record.routing.primary, record.routing.failover])
            }
        }
    }

    /// Whether some number of the account has route `id` as its primary or failover route.
    static func routeIsInUse(id: String, account: String, dialect: Dialect, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM phone_number WHERE account = ?1 AND dialect = ?2 AND primary_route = ?3)
                OR EXISTS (SELECT 1 FROM phone_number WHERE account = ?1 AND dialect = ?2 AND failover_route = ?3)
            """, arguments: [account, dialect.rawValue, id]) ?? false
    }

    private static func record(_ row: Row) -> NumberRecord {
        NumberRecord(e164: row["e164"], routing: NumberRouting(primary: row["primary_route"], failover: row["failover_route"]))
    }
}
