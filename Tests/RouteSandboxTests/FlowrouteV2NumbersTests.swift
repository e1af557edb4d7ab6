import Foundation
import NIOHTTP1
import RouteModel
import RouteSandbox
import Testing

/// Flowroute v2 numbers: JSON:API resources, the primary and failover relationships, and routes
/// that numbers still use.
@Suite struct FlowrouteV2NumbersTests {
    func v2(_ harness: SandboxHarness, _ method: HTTPMethod, _ path: String, body: String? = nil,
            account: SandboxAccount = SandboxHarness.account) async throws -> HTTPAnswer {
        try await harness.send(method, "/v2" + path, body: body, headers: [harness.basic(account)], contentType: "application/vnd.api+json")
    }

    func createRoute(_ harness: SandboxHarness, alias: String, account: SandboxAccount = SandboxHarness.account) async throws -> String {
        let answer = try await v2(harness, .POST, "/routes", body: FlowrouteV2Tests.body(alias: alias, type: "host", value: "example.com"),
                                  account: account)
        return try #require(answer.json?["data"]?["id"]?.stringValue, "\(answer.status) \(answer.body)")
    }

    static func relate(_ id: String?) -> String {
        id.map { #"{"data": {"type": "route", "id": "\#($0)"}}"# } ?? #"{"data": null}"#
    }

    static func routing(_ answer: HTTPAnswer) -> NumberRouting {
        let relationships = answer.json?["data"]?["relationships"]
        return NumberRouting(primary: relationships?["primary_route"]?["data"]?["id"]?.stringValue,
                             failover: relationships?["failover_route"]?["data"]?["id"]?.stringValue)
    }

    @Test func listShowAndRelationshipsRoundTrip() async throws {
        let harness = try await SandboxHarness.start { $0.seedNumbers = 3 }
        defer { Task { await harness.stop() } }
        let listed = try await v2(harness, .GET, "/numbers")
        #expect(listed.status == 200)
        #expect(listed.headers["Content-Type"].first?.hasPrefix("application/vnd.api+json") == true)
        let data = try #require(listed.json?["data"]?.arrayValue)
        #expect(data.compactMap { $0["id"]?.stringValue } == ["12065550000", "12065550001", "12065550002"])
        #expect(data.first?["type"] == .string("number"))
        #expect(data.first?["attributes"]?["value"] == .string("12065550000"))
        #expect(data.first?["relationships"]?["primary_route"]?["data"] == .null)
        #expect(data.first?["relationships"]?["failover_route"]?["data"] == .null)
        #expect(data.first?["links"]?["self"]?.stringValue?.hasSuffix("/v2/numbers/12065550000") == true)
        #expect(listed.json?["links"]?["next"] == nil)
        #expect(listed.json?["links"]?["self"] != nil)

        let primary = try await createRoute(harness, alias: "primary")
        let failover = try await createRoute(harness, alias: "failover")
        #expect(try await v2(harness, .PATCH, "/numbers/12065550001/relationships/primary_route", body: Self.relate(primary)).status == 204)
        #expect(try await v2(harness, .PATCH, "/numbers/12065550001/relationships/failover_route", body: Self.relate(failover)).status == 204)
        let shown = try await v2(harness, .GET, "/numbers/12065550001")
        #expect(shown.status == 200)
        #expect(shown.json?["data"]?["id"] == .string("12065550001"))
        #expect(shown.json?["data"]?["relationships"]?["primary_route"]?["data"]?["type"] == .string("route"))
        #expect(Self.routing(shown) == NumberRouting(primary: primary, failover: failover))
        // The other account's number of the same digits is its own.
        let theirs = try await v2(harness, .GET, "/numbers/12065550001", account: SandboxHarness.otherAccount)
        #expect(Self.routing(theirs) == .none)

        // Clearing one relationship leaves the other; the built-in sip-reg route is a route too.
        #expect(try await v2(harness, .PATCH, "/numbers/12065550001/relationships/failover_route", body: Self.relate(nil)).status == 204)
        #expect(Self.routing(try await v2(harness, .GET, "/numbers/12065550001")) == NumberRouting(primary: primary))
        #expect(try await v2(harness, .PATCH, "/numbers/12065550002/relationships/primary_route", body: Self.relate("0")).status == 204)
        #expect(Self.routing(try await v2(harness, .GET, "/numbers/12065550002")) == NumberRouting(primary: "0"))
        #expect(harness.sandbox.numberWrites == 4)
    }

    @Test func refusalsAreJSONAPIErrorsAndChangeNothing() async throws {
        let harness = try await SandboxHarness.start { $0.seedNumbers = 1 }
        defer { Task { await harness.stop() } }
        let theirs = try await createRoute(harness, alias: "theirs", account: SandboxHarness.otherAccount)
        let path = "/numbers/12065550000/relationships/primary_route"
        for route in ["98396", theirs] {
            let unknown = try await v2(harness, .PATCH, path, body: Self.relate(route))
            #expect(unknown.status == 422)
            #expect(unknown.json?["errors"]?.arrayValue?.first?["detail"]?.stringValue?.contains(route) == true)
        }
        let missing = try await v2(harness, .PATCH, "/numbers/12065559999/relationships/primary_route", body: Self.relate(nil))
        #expect(missing.status == 404)
        #expect(missing.json?["errors"]?.arrayValue?.first?["status"] == .int(404))
        #expect(try await v2(harness, .GET, "/numbers/12065559999").status == 404)
        #expect(try await v2(harness, .GET, "/numbers/not-a-number").status == 404)
        #expect(try await v2(harness, .PATCH, path, body: #"{"route": "1"}"#).status == 400)
        #expect(try await v2(harness, .PATCH, path, body: #"{"data": {"type": "number", "id": "1"}}"#).status == 409)
        #expect(try await v2(harness, .PATCH, "/numbers/12065550000/relationships/tertiary_route", body: Self.relate(nil)).status == 404)
        #expect(try await v2(harness, .GET, "/numbers?limit=201").status == 400)
        #expect(try await v2(harness, .DELETE, "/numbers/12065550000").status == 405)
        #expect(try await harness.send(.GET, "/v2/numbers").status == 401)
        #expect(Self.routing(try await v2(harness, .GET, "/numbers/12065550000")) == .none)
    }

    @Test func aRouteInUseCannotBeDeletedUntilItsNumbersMove() async throws {
        let harness = try await SandboxHarness.start { $0.seedNumbers = 2 }
        defer { Task { await harness.stop() } }
        let used = try await createRoute(harness, alias: "used")
        let other = try await createRoute(harness, alias: "other")
        #expect(try await v2(harness, .PATCH, "/numbers/12065550000/relationships/primary_route", body: Self.relate(used)).status == 204)
        #expect(try await v2(harness, .PATCH, "/numbers/12065550001/relationships/failover_route", body: Self.relate(used)).status == 204)

        let refused = try await v2(harness, .DELETE, "/routes/\(used)")
        #expect(refused.status == 403)
        let error = try #require(refused.json?["errors"]?.arrayValue?.first)
        #expect(error["status"] == .int(403))
        #expect(error["title"] == .string("This Route has numbers still associated to it."))
        #expect(error["detail"] == .string("Please disassociate all numbers before deleting."))
        #expect(UUID(uuidString: error["id"]?.stringValue ?? "") != nil)

        // A failover use is a use too.
        #expect(try await v2(harness, .PATCH, "/numbers/12065550000/relationships/primary_route", body: Self.relate(other)).status == 204)
        #expect(try await v2(harness, .DELETE, "/routes/\(used)").status == 403)
        #expect(try await v2(harness, .PATCH, "/numbers/12065550001/relationships/failover_route", body: Self.relate(nil)).status == 204)
        #expect(try await v2(harness, .DELETE, "/routes/\(used)").status == 204)
        #expect(try await v2(harness, .GET, "/routes/\(used)").status == 404)
    }

    @Test func listPagesWithNextLinks() async throws {
        let harness = try await SandboxHarness.start { $0.seedNumbers = 25 }
        defer { Task { await harness.stop() } }
        var ids: [String] = []
        var path: String? = "/numbers?limit=10"
        var pages = 0
        while let current = path {
            let answer = try await v2(harness, .GET, current)
            #expect(answer.status == 200)
            ids += answer.json?["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            path = answer.json?["links"]?["next"]?.stringValue.flatMap { next in next.range(of: "/v2").map { String(next[$0.upperBound...]) } }
            pages += 1
        }
        #expect(pages == 3)
        #expect(ids == (0..<25).map { String(12_065_550_000 + $0) })
    }
}
