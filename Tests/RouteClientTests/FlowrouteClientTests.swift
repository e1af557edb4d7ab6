import Foundation
import RouteModel
import Testing
@testable import RouteClient

/// The Flowroute clients against answers shaped as flowroute.md shows them.
@Suite struct FlowrouteClientTests {
    @Test func theV1SignatureFollowsTheRecipe() {
        // Expected values computed by hand: hex HMAC-SHA1 keyed "SECRETKEY" over the documented message.
        let body = Array(#"{"type":"HOST","value":"24.239.23.40:5060"}"#.utf8)
        let message = FlowrouteV1Signature.message(
            timestamp: "2025-05-02T18:36:13", method: "put", url: "https://api.flowroute.com/v1/routes/HOSTroute1", body: body)
        #expect(message == "2025-05-02T18:36:13\nPUT\n4e5e638c51aee403e8170c0a829d2ba5\nhttps://api.flowroute.com/v1/routes/HOSTroute1\n")
        #expect(FlowrouteV1Signature.password(secretKey: "SECRETKEY", message: message) == "91d02b301cb6874d2b1509cb7fb471ed9a2851f7")

        // No body: an empty md5 part; the port is left out and the query sorted.
        let listing = FlowrouteV1Signature.message(
            timestamp: "2025-05-02T18:36:13", method: "GET", url: "https://api.flowroute.com:443/v1/routes/?page=1&limit=200", body: nil)
        #expect(listing == "2025-05-02T18:36:13\nGET\n\nhttps://api.flowroute.com/v1/routes/\nlimit=200&page=1")
        #expect(FlowrouteV1Signature.password(secretKey: "SECRETKEY", message: listing) == "8813b843f1e7adb7c7cc9153ee486cf899074613")
        #expect(FlowrouteV1Signature.timestamp(Date(timeIntervalSince1970: 1_746_210_973)) == "2025-05-02T18:36:13")
    }

    @Test func v1CreateIsASignedPutByName() async throws {
        let server = try await ScriptedServer.start { request in
            request.method == "PUT" ? Reply(status: 201) : .json(200, #"{"routes":{"sip-reg":{"type":"SIP-REG","value":"sip-reg"}}}"#)
        }
        let endpoint = Endpoint(dialect: .flowrouteV1, baseURL: server.origin + "/v1/", accountKey: "ACCESS", accountSecret: "SECRETKEY")
        let service = makeRouteService(endpoint, options: ClientOptions())
        let route = try Route.parse(assignments: ["route_name=HOSTroute1", "type=HOST", "value=24.239.23.40:5060"], dialect: .flowrouteV1)
        let created = try await service.create(route)
        let listed = try await service.list()
        await service.shutdown()
        await server.stop()

        #expect(created.id == "HOSTroute1")
        #expect(listed.map(\.key) == ["sip-reg"])
        let put = try #require(server.requests(to: "/v1/routes/HOSTroute1").first)
        #expect(put.body == #"{"type":"HOST","value":"24.239.23.40:5060"}"#)
        #expect(put.headers["content-type"] == "application/json; charset=utf-8")
        let timestamp = try #require(put.headers["x-timestamp"])
        let message = FlowrouteV1Signature.message(
            timestamp: timestamp, method: "PUT", url: "\(server.origin)/v1/routes/HOSTroute1", body: Array(put.body.utf8))
        let expected = "ACCESS:" + FlowrouteV1Signature.password(secretKey: "SECRETKEY", message: message)
        #expect(put.headers["authorization"] == "Basic " + Data(expected.utf8).base64EncodedString())
        let list = try #require(server.requests(to: "/v1/routes/").first)
        #expect(list.query == "limit=200&page=1")
    }

    @Test func v2SpeaksJSONAPIWithBasicAuth() async throws {
        let server = try await ScriptedServer.start { request in
            switch request.method {
            case "POST":
                return Reply(status: 201, headers: [("Content-Type", "application/vnd.api+json")], body: """
                    {"data":{"type":"route","id":"98396","attributes":{"alias":"r1","route_type":"host","value":"1.2.3.4:5060"},\
                    "links":{"self":"https://api.flowroute.com/v2/routes/98396"}}}
                    """)
            case "DELETE":
                return request.path.hasSuffix("/98396") ? Reply(status: 204)
                    : .json(403, #"{"errors":[{"id":"e1","status":403,"title":"This Route has numbers still associated to it.","detail":"Please disassociate all numbers before deleting."}]}"#)
            default:
                return .json(404, #"{"errors":[{"id":"e2","status":404,"title":"Not Found"}]}"#)
            }
        }
        let endpoint = Endpoint(dialect: .flowrouteV2, baseURL: server.origin + "/v2", accountKey: "ACCESS", accountSecret: "SECRET")
        let service = makeRouteService(endpoint, options: ClientOptions(retry: .none))
        let route = try Route.parse(assignments: ["alias=r1", "route_type=host", "value=1.2.3.4:5060", "edge_strategy_id=4"], dialect: .flowrouteV2)
        let created = try await service.create(route)
        try await service.delete(id: "98396")
        await #expect { try await service.delete(id: "7") } throws: { error in
            (error as? ClientError)?.description == "403 Forbidden — Please disassociate all numbers before deleting."
        }
        await #expect { try await service.get(id: "5") } throws: { error in
            (error as? ClientError)?.description == "404 — route 5 was not found"
        }
        await service.shutdown()
        await server.stop()

        #expect(created.id == "98396")
        #expect(created["value"] == .string("1.2.3.4:5060"))
        let post = try #require(server.requests(to: "/v2/routes").first)
        #expect(post.headers["authorization"] == "Basic " + Data("ACCESS:SECRET".utf8).base64EncodedString())
        #expect(post.headers["content-type"] == "application/vnd.api+json")
        #expect(post.body == #"{"data":{"type":"route","attributes":{"alias":"r1","route_type":"host","value":"1.2.3.4:5060","edge_strategy_id":4}}}"#)
    }
}
