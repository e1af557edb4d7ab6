import Foundation
import NIOHTTP1
import RouteModel
import RouteSandbox
import Testing

/// Flowroute v1 numbers ("tns"), signed as the route endpoints: a number's routes are an ordered
/// list of route names, the primary first.
@Suite struct FlowrouteV1NumbersTests {
    func signed(_ harness: SandboxHarness, _ method: HTTPMethod, _ path: String, query: String = "", body: String = "",
                account: SandboxAccount = SandboxHarness.account) async throws -> HTTPAnswer {
        let url = "http://127.0.0.1:\(harness.sandbox.port)\(path)"
        let headers = FlowrouteV1Tests.signedHeaders(method: method.rawValue, url: url, query: query, body: body, account: account)
        return try await harness.send(method, path + (query.isEmpty ? "" : "?" + query), body: body.isEmpty ? nil : body, headers: headers)
    }

    func createRoute(_ harness: SandboxHarness, _ name: String, type: String, value: String) async throws {
        let answer = try await signed(harness, .PUT, "/v1/routes/\(name)", body: #"{"type": "\#(type)", "value": "\#(value)"}"#)
        #expect(answer.status == 201)
    }

    static func routes(_ names: String...) -> String {
        JSON.object([("routes", .array(names.map { .object([("name", .string($0))]) }))]).serialized
    }

    /// The route names of a number as shown, in order.
    static func names(_ answer: HTTPAnswer) -> [String]? {
        answer.json?["routes"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
    }

    /// The keys of the `tns` map in the order the text has them (a parsed object may not keep it).
    static func numbers(_ body: String) -> [String] {
        var numbers: [String] = []
        var rest = body[...]
        while let range = rest.range(of: #""tn": ""#) ?? rest.range(of: #""tn":""#) {
            numbers.append(String(rest[range.upperBound...].prefix { $0 != "\"" }))
            rest = rest[range.upperBound...]
        }
        return numbers
    }

    @Test func patchSetsTheRoutesInOrderAndGetShowsThem() async throws {
        let harness = try await SandboxHarness.start { $0.seedNumbers = 2 }
        defer { Task { await harness.stop() } }
        try await createRoute(harness, "primary", type: "HOST", value: "24.239.23.40:5060")
        try await createRoute(harness, "failover", type: "PSTN", value: "18002364455")

        let initial = try await signed(harness, .GET, "/v1/tns/12065550000")
        #expect(initial.status == 200)
        #expect(initial.json?["tn"] == .string("12065550000"))
        #expect(initial.json?["billing_method"] == .string("METERED"))
        #expect(Self.names(initial) == [])

        let patched = try await signed(harness, .PATCH, "/v1/tns/12065550000", body: Self.routes("primary", "failover"))
        #expect(patched.status == 204)
        let shown = try await signed(harness, .GET, "/v1/tns/12065550000")
        #expect(Self.names(shown) == ["primary", "failover"])
        let first = shown.json?["routes"]?.arrayValue?.first
        #expect(first?["type"] == .string("HOST"))
        #expect(first?["value"] == .string("24.239.23.40:5060"))

        #expect(try await signed(harness, .PATCH, "/v1/tns/12065550000", body: Self.routes("failover", "primary")).status == 204)
        #expect(Self.names(try await signed(harness, .GET, "/v1/tns/12065550000")) == ["failover", "primary"])
        #expect(try await signed(harness, .PATCH, "/v1/tns/12065550000", body: Self.routes("sip-reg")).status == 204)
        #expect(try await signed(harness, .GET, "/v1/tns/12065550000").json?["routes"]?.arrayValue?.first?["type"] == .string("SIP-REG"))
        #expect(try await signed(harness, .PATCH, "/v1/tns/12065550000", body: Self.routes()).status == 204)
        #expect(Self.names(try await signed(harness, .GET, "/v1/tns/12065550000")) == [])
        #expect(harness.sandbox.numberWrites == 4)
        #expect(harness.sandbox.routeWrites == 2)
    }

    @Test func refusalsAreBareAndChangeNothing() async throws {
        let harness = try await SandboxHarness.start { $0.seedNumbers = 1 }
        defer { Task { await harness.stop() } }
        try await createRoute(harness, "r1", type: "HOST", value: "example.com")
        #expect(try await signed(harness, .PATCH, "/v1/tns/12065550000", body: Self.routes("r1")).status == 204)

        for body in [Self.routes("r1", "r1", "r1"), Self.routes("nope"), #"{"routes": [{"type": "HOST"}]}"#, #"{"routes": "r1"}"#, "{"] {
            let refused = try await signed(harness, .PATCH, "/v1/tns/12065550000", body: body)
            #expect(refused.status == 400, "\(body)")
            #expect(refused.body == "{}")
        }
        let unknown = try await signed(harness, .PATCH, "/v1/tns/12065559999", body: Self.routes("r1"))
        #expect(unknown.status == 404)
        #expect(unknown.body == "{}")
        #expect(try await signed(harness, .GET, "/v1/tns/12065559999").status == 404)
        // A route of another account is unknown here.
        let theirs = try await signed(harness, .PUT, "/v1/routes/theirs", body: #"{"type": "HOST", "value": "example.org"}"#,
                                      account: SandboxHarness.otherAccount)
        #expect(theirs.status == 201)
        #expect(try await signed(harness, .PATCH, "/v1/tns/12065550000", body: Self.routes("theirs")).status == 400)
        #expect(try await harness.send(.GET, "/v1/tns/12065550000").status == 401)
        #expect(Self.names(try await signed(harness, .GET, "/v1/tns/12065550000")) == ["r1"])
    }

    @Test func listPagesInOrderWithNextLinks() async throws {
        let harness = try await SandboxHarness.start { $0.seedNumbers = 15 }
        defer { Task { await harness.stop() } }
        let first = try await signed(harness, .GET, "/v1/tns/", query: "limit=10&page=1")
        #expect(first.status == 200)
        #expect(Self.numbers(first.body) == (0..<10).map { String(12_065_550_000 + $0) })
        #expect(first.json?["tns"]?["12065550003"]?["routes"] == .array([]))
        #expect(first.json?["links"]?["next"] == .string("/v1/tns/?limit=10&page=2"))
        let second = try await signed(harness, .GET, "/v1/tns/", query: "limit=10&page=2")
        #expect(Self.numbers(second.body) == (10..<15).map { String(12_065_550_000 + $0) })
        #expect(second.json?["links"]?["next"] == nil)
        #expect(try await signed(harness, .GET, "/v1/tns/", query: "limit=0&page=1").status == 400)
    }
}
