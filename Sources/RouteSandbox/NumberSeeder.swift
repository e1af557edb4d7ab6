import RouteModel

/// `--seed-numbers N`: gives an account N generated phone numbers for every API, +12065550000,
/// +12065550001, … An account that already holds numbers for an API is left as it is there.
enum NumberSeeder {
    private static let first = 12_065_550_000

    /// Number i goes to `telegentRoutes[i % count]` (the routes seeded with them), else nowhere:
    /// only Telegent routes are seeded.
    static func seed(_ count: Int, account: SandboxAccount, telegentRoutes: [String], store: NumberStore) async throws {
        guard count > 0 else { return }
        for dialect in Dialect.allCases where try await store.count(account: account.key, dialect: dialect) == 0 {
            let routes = dialect == .telegent ? telegentRoutes : []
            var batch: [NumberRecord] = []
            batch.reserveCapacity(10_000)
            for index in 0..<count {
                let routing = routes.isEmpty ? NumberRouting.none : NumberRouting(primary: routes[index % routes.count])
                batch.append(NumberRecord(e164: "+\(first + index)", routing: routing))
                if batch.count == 10_000 || index == count - 1 {
                    try await store.insertAll(batch, account: account.key, dialect: dialect)
                    batch.removeAll(keepingCapacity: true)
                }
            }
        }
    }
}
