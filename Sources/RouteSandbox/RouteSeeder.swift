import Foundation
import RouteModel

/// `--seed-routes N`: fills an account with N generated Telegent trunk routes, for tests and
/// benchmarks against large accounts. An account that already holds Telegent routes is left as
/// it is, so a file database is not filled twice.
enum RouteSeeder {
    /// Whether the account was filled (it held no Telegent routes).
    @discardableResult
    static func seed(_ count: Int, account: SandboxAccount, store: RouteStore) async throws -> Bool {
        guard count > 0, try await store.count(account: account.key, dialect: .telegent) == 0 else { return false }
        var batch: [RouteRecord] = []
        batch.reserveCapacity(10_000)
        for index in 0..<count {
            batch.append(TelegentRouteView.record(route(index, account: account)))
            if batch.count == 10_000 || index == count - 1 {
                try await store.saveAll(batch, account: account.key, dialect: .telegent)
                batch.removeAll(keepingCapacity: true)
            }
        }
        return true
    }

    /// `seed-000042`, a UDP trunk to 10.x.y.z:5060.
    private static func route(_ index: Int, account: SandboxAccount) -> Route {
        let name = "seed-" + String(repeating: "0", count: max(0, 6 - String(index).count)) + String(index)
        return Route(dialect: .telegent, values: [
            "CallRouteId": .string("CRID-" + UUID().uuidString.lowercased()),
            "AccountId": .string(account.key),
            "RouteName": .string(name),
            "RouteType": .string("Trunk"),
            "TrunkIp1": .string("10.\(index >> 16 & 255).\(index >> 8 & 255).\(index & 255)"),
            "TrunkPort1": .string("5060"),
            "TrunkTransport1": .string("UDP"),
            "CallRouteStatus": .string("Active"),
        ])
    }
}
