import Foundation
import NIOHTTP1
import RouteModel
import RouteSandbox
import Testing

/// State that outlives the process: a file database, the embedded sandbox's default account.
@Suite struct PersistenceTests {
    @Test func routesSurviveARestart() async throws {
        let database = try temporaryDirectory().appendingPathComponent("state.sqlite").path
        let first = try await SandboxHarness.start { $0.database = database }
        let id = try await first.createTrunk(named: "kept", token: try await first.token())
        await first.stop()

        let second = try await SandboxHarness.start { $0.database = database }
        defer { Task { await second.stop() } }
        let answer = try await second.telegent(.GET, "/voice/routes?CallRouteId=\(id)", token: try await second.token())
        #expect(answer.status == 200)
        #expect(answer.json?["RouteName"] == .string("kept"))
    }

    @Test func concurrentCreatesAreAllStored() async throws {
        let database = try temporaryDirectory().appendingPathComponent("busy.sqlite").path
        let harness = try await SandboxHarness.start { $0.database = database }
        defer { Task { await harness.stop() } }
        let token = try await harness.token()
        try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<200 { group.addTask { try await harness.createTrunk(named: "c\(index)", token: token) } }
            var ids: Set<String> = []
            for try await id in group { ids.insert(id) }
            #expect(ids.count == 200)
        }
        let list = try await harness.telegent(.GET, "/account/voice/routes", token: token)
        #expect(list.json?["TotalRoutes"] == .int(200))
    }

    @Test func theEmbeddedSandboxKeepsItsAccountAndRoutesUnderXDGDataHome() async throws {
        let dataHome = try temporaryDirectory()
        let environment = ["XDG_DATA_HOME": dataHome.path, "HOME": dataHome.path]
        let first = try await Sandbox.startEmbedded(environment: environment)
        let account = try #require(first.defaultAccount)
        #expect(first.baseURL(.telegent) == "http://127.0.0.1:\(first.port)/v1.0")
        #expect(first.baseURL(.flowrouteV2) == "http://127.0.0.1:\(first.port)/v2")
        let harness = SandboxHarness(sandbox: first)
        let id = try await harness.createTrunk(named: "embedded", token: try await harness.token(account))
        await first.stop()
        #expect(FileManager.default.fileExists(atPath: dataHome.path + "/routectl/sandbox.sqlite"))

        let second = try await Sandbox.startEmbedded(environment: environment)
        defer { Task { await second.stop() } }
        #expect(second.defaultAccount == account)
        let again = SandboxHarness(sandbox: second)
        let answer = try await again.telegent(.GET, "/voice/routes?CallRouteId=\(id)", token: try await again.token(account))
        #expect(answer.status == 200)
    }

    @Test func theEmbeddedDatabaseFollowsXDGRules() {
        #expect(Sandbox.embeddedDatabasePath(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/u"]) == "/data/routectl/sandbox.sqlite")
        #expect(Sandbox.embeddedDatabasePath(environment: ["HOME": "/home/u"]) == "/home/u/.local/share/routectl/sandbox.sqlite")
        #expect(Sandbox.embeddedDatabasePath(environment: ["XDG_DATA_HOME": "relative", "HOME": "/home/u"]) == "/home/u/.local/share/routectl/sandbox.sqlite")
    }
}
