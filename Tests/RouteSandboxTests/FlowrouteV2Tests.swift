import Foundation
import NIOHTTP1
import RouteModel
import RouteSandbox
import Testing

/// Flowroute v2: JSON:API bodies, Basic auth, the built-in sip-reg route.
@Suite struct FlowrouteV2Tests {
    static func body(alias: String, type: String, value: String) -> String {
        #"{"data": {"type": "route", "attributes": {"route_type": "\#(type)", "value": "\#(value)", "alias": "\#(alias)", "edge_strategy_id": 4}}}"#
    }

    func v2(_ harness: SandboxHarness, _ method: HTTPMethod, _ path: String, body: String? = nil,
            account: SandboxAccount = SandboxHarness.account) async throws -> HTTPAnswer {
        try await harness.send(method, "/v2" + path, body: body, headers: [harness.basic(account)], contentType: "application/vnd.api+json")
    }

    @Test func createGetUpdateDelete() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let created = try await v2(harness, .POST, "/routes", body: Self.body(alias: "r1", type: "host", value: "24.239.23.40:5060"))
        #expect(created.status == 201)
        let id = try #require(created.json?["data"]?["id"]?.stringValue)
        #expect(Int(id) != nil)
        #expect(created.json?["data"]?["type"] == .string("route"))
        #expect(created.json?["data"]?["attributes"]?["alias"] == .string("r1"))
        #expect(created.json?["data"]?["attributes"]?["route_type"] == .string("host"))
        #expect(created.json?["data"]?["links"]?["self"]?.stringValue?.hasSuffix("/v2/routes/\(id)") == true)

        let shown = try await v2(harness, .GET, "/routes/\(id)")
        #expect(shown.status == 200)
        #expect(shown.json?["data"]?["attributes"]?["value"] == .string("24.239.23.40:5060"))

        let patched = try await v2(harness, .PATCH, "/routes/\(id)", body: #"{"data": {"type": "route", "id": "\#(id)", "attributes": {"alias": "renamed"}}}"#)
        #expect(patched.status == 200)
        #expect(patched.json?["data"]?["attributes"]?["alias"] == .string("renamed"))
        #expect(patched.json?["data"]?["attributes"]?["value"] == .string("24.239.23.40:5060"))

        let deleted = try await v2(harness, .DELETE, "/routes/\(id)")
        #expect(deleted.status == 204)
        #expect(try await v2(harness, .GET, "/routes/\(id)").status == 404)
        #expect(try await v2(harness, .DELETE, "/routes/\(id)").status == 404)
    }

    @Test func listPagesWithNextLinksAndFiltersByType() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        for (alias, type, value) in [("a", "host", "example.com"), ("b", "number", "16476998778"), ("c", "uri", "sip:1@example.com")] {
            #expect(try await v2(harness, .POST, "/routes", body: Self.body(alias: alias, type: type, value: value)).status == 201)
        }
        let first = try await v2(harness, .GET, "/routes?limit=2")
        let aliases = first.json?["data"]?.arrayValue?.compactMap { $0["attributes"]?["alias"]?.stringValue }
        #expect(aliases == ["sip-reg", "a"])
        #expect(first.json?["data"]?.arrayValue?.first?["id"] == .string("0"))
        #expect(first.json?["data"]?.arrayValue?.first?["attributes"]?["value"] == .null)
        let next = try #require(first.json?["links"]?["next"]?.stringValue)
        let path = String(next[try #require(next.range(of: "/v2")).upperBound...])
        let second = try await v2(harness, .GET, path)
        #expect(second.json?["data"]?.arrayValue?.compactMap { $0["attributes"]?["alias"]?.stringValue } == ["b", "c"])
        #expect(second.json?["links"]?["next"] == nil)
        let numbers = try await v2(harness, .GET, "/routes?route_type=number")
        #expect(numbers.json?["data"]?.arrayValue?.compactMap { $0["attributes"]?["alias"]?.stringValue } == ["b"])
    }

    @Test func theBuiltInRouteCannotBeChanged() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        #expect(try await v2(harness, .GET, "/routes/0").json?["data"]?["attributes"]?["alias"] == .string("sip-reg"))
        #expect(try await v2(harness, .DELETE, "/routes/0").status == 403)
    }

    @Test func invalidBodiesAre400Or422WithJSONAPIErrors() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let badValue = try await v2(harness, .POST, "/routes", body: Self.body(alias: "n", type: "number", value: "123"))
        #expect(badValue.status == 422)
        #expect(badValue.json?["errors"]?.arrayValue?.first?["status"] == .int(422))
        #expect(badValue.json?["errors"]?.arrayValue?.first?["detail"]?.stringValue?.contains("value") == true)
        let missing = try await v2(harness, .POST, "/routes", body: #"{"data": {"type": "route", "attributes": {"alias": "x"}}}"#)
        #expect(missing.status == 422)
        #expect(try await v2(harness, .POST, "/routes", body: #"{"alias": "x"}"#).status == 400)
        #expect(try await v2(harness, .POST, "/routes", body: "{").status == 400)
        #expect(try await v2(harness, .GET, "/routes?limit=500").status == 400)
    }

    @Test func basicAuthIsRequiredAndAccountsAreSeparate() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let refused = try await harness.send(.GET, "/v2/routes")
        #expect(refused.status == 401)
        #expect(refused.json?["errors"]?.arrayValue?.first?["title"] == .string("Unauthorized"))
        let created = try await v2(harness, .POST, "/routes", body: Self.body(alias: "mine", type: "host", value: "example.com"))
        let id = try #require(created.json?["data"]?["id"]?.stringValue)
        #expect(try await v2(harness, .GET, "/routes/\(id)", account: SandboxHarness.otherAccount).status == 404)
        #expect(try await v2(harness, .PUT, "/routes/\(id)").status == 405)
    }
}
