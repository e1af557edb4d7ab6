import Foundation
import NIOHTTP1
import RouteModel
import RouteSandbox
import Testing

/// Number updates are writes: the faults, the rate limit and the write count apply to them as to
/// route writes.
@Suite struct NumberFaultTests {
    @Test func anAmbiguousNumberUpdateIsStillCommitted() async throws {
        let harness = try await SandboxHarness.start {
            $0.seedRoutes = 2
            $0.seedNumbers = 2
            $0.faults.ambiguousRate = 1
            $0.seed = 5
        }
        defer { Task { await harness.stop() } }
        let token = try await harness.token()
        let routes = try await harness.telegent(.GET, "/account/voice/routes", token: token)
        let routeIDs = try #require(routes.json?["Results"]?.arrayValue?.compactMap { $0["CallRouteId"]?.stringValue })
        var outcomes: Set<String> = []
        for attempt in 0..<6 {
            let target = routeIDs[(attempt + 1) % 2]
            do {
                let answer = try await harness.telegent(
                    .POST, "/numbers/update", body: TelegentNumbersTests.update("+12065550000", route: target), token: token)
                outcomes.insert(String(answer.status))
            } catch {
                outcomes.insert("dropped")
            }
            let shown = try await harness.telegent(.GET, "/numbers?PhoneNumber=%2B12065550000", token: token)
            #expect(shown.json?["VoiceRouteId"] == .string(target))
        }
        #expect(outcomes == ["504", "dropped"], "\(outcomes)")
        #expect(harness.sandbox.numberWrites == 6)
        #expect(harness.sandbox.routeWrites == 0)
    }

    @Test func aRelationshipAnsweredWithAGatewayErrorIsStillSet() async throws {
        let harness = try await SandboxHarness.start {
            $0.seedNumbers = 1
            $0.faults.commitThenFailRate = 1
        }
        defer { Task { await harness.stop() } }
        let basic = harness.basic()
        let created = try await harness.send(
            .POST, "/v2/routes", body: FlowrouteV2Tests.body(alias: "r", type: "host", value: "example.com"), headers: [basic])
        #expect([502, 503, 504].contains(created.status))
        let listed = try await harness.send(.GET, "/v2/routes?route_type=host", headers: [basic])
        let id = try #require(listed.json?["data"]?.arrayValue?.first?["id"]?.stringValue)
        let patched = try await harness.send(.PATCH, "/v2/numbers/12065550000/relationships/primary_route",
                                             body: FlowrouteV2NumbersTests.relate(id), headers: [basic])
        #expect([502, 503, 504].contains(patched.status))
        let shown = try await harness.send(.GET, "/v2/numbers/12065550000", headers: [basic])
        #expect(FlowrouteV2NumbersTests.routing(shown) == NumberRouting(primary: id))
    }

    @Test func numberRequestsAreRateLimited() async throws {
        let harness = try await SandboxHarness.start {
            $0.seedNumbers = 1
            $0.rateLimit = 2
        }
        defer { Task { await harness.stop() } }
        // A burst far over the limit, so that some are refused however slowly the machine runs.
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<20 { group.addTask { try await harness.send(.GET, "/v2/numbers", headers: [harness.basic()]).status } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.contains(429))
        #expect(statuses.contains(200))
        #expect(Set(statuses).isSubset(of: [200, 429]))
    }
}
