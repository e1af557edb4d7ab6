import Foundation
import NIOHTTP1
import RouteModel
import RouteSandbox
import Testing

/// `--seed-numbers`: distinct numbers for every API and account, on the seeded routes round-robin,
/// given once.
@Suite struct NumberSeedingTests {
    @Test func seededNumbersAreDistinctAndGoToSeededRoutesInTurn() async throws {
        let harness = try await SandboxHarness.start {
            $0.seedRoutes = 4
            $0.seedNumbers = 10
        }
        defer { Task { await harness.stop() } }
        let token = try await harness.token()
        let routes = try await harness.telegent(.GET, "/account/voice/routes", token: token)
        let routeIDs = try #require(routes.json?["Results"]?.arrayValue?.compactMap { $0["CallRouteId"]?.stringValue })
        #expect(routeIDs.count == 4)

        let inventory = try await harness.telegent(.GET, "/numbers/inventory", token: token)
        let results = try #require(inventory.json?["Results"]?.arrayValue)
        #expect(inventory.json?["TotalNumbers"] == .int(10))
        #expect(results.compactMap { $0["PhoneNumber"]?.stringValue } == (0..<10).map { "+\(12_065_550_000 + $0)" })
        #expect(results.compactMap { $0["VoiceRouteId"]?.stringValue } == (0..<10).map { routeIDs[$0 % 4] })
        #expect(results.allSatisfy { $0["VoiceEnabled"] == .bool(true) })

        // Flowroute holds no seeded routes: its numbers are on none. Every account gets them.
        for account in [SandboxHarness.account, SandboxHarness.otherAccount] {
            let v2 = try await harness.send(.GET, "/v2/numbers?limit=200", headers: [harness.basic(account)])
            let data = try #require(v2.json?["data"]?.arrayValue)
            #expect(data.count == 10)
            #expect(Set(data.compactMap { $0["id"]?.stringValue }).count == 10)
            #expect(data.allSatisfy { $0["relationships"]?["primary_route"]?["data"] == .null })
        }
        let theirs = try await harness.telegent(.GET, "/numbers/inventory", token: try await harness.token(SandboxHarness.otherAccount))
        #expect(theirs.json?["TotalNumbers"] == .int(10))
    }

    @Test func withoutSeededRoutesNumbersAreOnNone() async throws {
        let harness = try await SandboxHarness.start { $0.seedNumbers = 3 }
        defer { Task { await harness.stop() } }
        let inventory = try await harness.telegent(.GET, "/numbers/inventory", token: try await harness.token())
        #expect(inventory.json?["Results"]?.arrayValue?.map { $0["VoiceRouteId"] } == [.null, .null, .null])
    }

    /// More numbers than one page read from the database, answered as one list.
    @Test func theInventoryStreamsPastOnePage() async throws {
        let harness = try await SandboxHarness.start { $0.seedNumbers = 4_500 }
        defer { Task { await harness.stop() } }
        let inventory = try await harness.telegent(.GET, "/numbers/inventory", token: try await harness.token())
        #expect(inventory.status == 200)
        let numbers = inventory.json?["Results"]?.arrayValue?.compactMap { $0["PhoneNumber"]?.stringValue } ?? []
        #expect(inventory.json?["TotalNumbers"] == .int(4_500))
        #expect(numbers == (0..<4_500).map { "+\(12_065_550_000 + $0)" })
    }

    @Test func aDatabaseIsSeededOnceAndKeepsItsChanges() async throws {
        let database = try temporaryDirectory().appendingPathComponent("numbers.sqlite").path
        let first = try await SandboxHarness.start {
            $0.database = database
            $0.seedNumbers = 5
        }
        let token = try await first.token()
        let route = try await first.createTrunk(named: "kept", token: token)
        let update = TelegentNumbersTests.update("+12065550004", route: route)
        #expect(try await first.telegent(.POST, "/numbers/update", body: update, token: token).status == 200)
        await first.stop()

        let second = try await SandboxHarness.start {
            $0.database = database
            $0.seedNumbers = 8
        }
        defer { Task { await second.stop() } }
        let again = try await second.token()
        let inventory = try await second.telegent(.GET, "/numbers/inventory", token: again)
        #expect(inventory.json?["TotalNumbers"] == .int(5))
        let shown = try await second.telegent(.GET, "/numbers?PhoneNumber=%2B12065550004", token: again)
        #expect(shown.json?["VoiceRouteId"] == .string(route))
    }
}
