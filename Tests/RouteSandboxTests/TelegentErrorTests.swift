import Foundation
import NIOHTTP1
import RouteModel
import RouteSandbox
import Testing

/// Every error a Telegent request can get, with the documented body shapes.
@Suite struct TelegentErrorTests {
    /// One request body per rule kind, and the `Errors` key it must produce.
    static let invalidBodies: [(body: String, key: String)] = [
        (#"{"RouteType": "Trunk", "TrunkIp1": "1.2.3.4", "TrunkPort1": "5060", "TrunkTransport1": "UDP"}"#, "$.RouteName"),
        (#"{"RouteName": "r", "RouteType": "Bogus"}"#, "$.RouteType"),
        (#"{"RouteName": "r", "RouteType": "Trunk", "TrunkPort1": "5060", "TrunkTransport1": "UDP"}"#, "$.TrunkIp1"),
        (#"{"RouteName": "r", "RouteType": "Trunk", "TrunkIp1": "999.1.1.1", "TrunkPort1": "5060", "TrunkTransport1": "UDP"}"#, "$.TrunkIp1"),
        (#"{"RouteName": "r", "RouteType": "Trunk", "TrunkIp1": "1.2.3.4", "TrunkPort1": "70000", "TrunkTransport1": "UDP"}"#, "$.TrunkPort1"),
        (#"{"RouteName": "r", "RouteType": "Trunk", "TrunkIp1": "1.2.3.4", "TrunkPort1": 5060, "TrunkTransport1": "UDP"}"#, "$.TrunkPort1"),
        (#"{"RouteName": "r", "RouteType": "URL", "VoiceUrl": "not a url", "VoiceUrlMethod": "POST"}"#, "$.VoiceUrl"),
        (#"{"RouteName": "r", "RouteType": "URL", "VoiceUrl": "https://example.com"}"#, "$.VoiceUrlMethod"),
        (#"{"RouteName": "r", "RouteType": "Forward", "RouteEnabled": "yes"}"#, "$.RouteEnabled"),
        (#"{"RouteName": "r", "RouteType": "Forward", "Trunk1Priortiy": 99999999}"#, "$.Trunk1Priortiy"),
        (#"{"RouteName": "r", "RouteType": "Forward", "IpWhitelist": [{"IpAddress": "nope"}]}"#, "$.IpWhitelist"),
        (#"{"RouteName": "r", "RouteType": "Forward", "Bogus": 1}"#, "$.Bogus"),
        (#"["not", "an", "object"]"#, "$"),
    ]

    @Test(arguments: invalidBodies)
    func invalidCreatesAre400WithTheErrorsMap(body: String, key: String) async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let token = try await harness.token()
        let answer = try await harness.telegent(.POST, "/voice/routes", body: body, token: token)
        #expect(answer.status == 400)
        let json = try #require(answer.json)
        #expect(json["Status"] == .int(400))
        #expect(json["Title"] == .string("One or more validation errors occurred."))
        #expect(json["Errors"]?[key]?.arrayValue?.isEmpty == false, "\(answer.body)")
        let list = try await harness.telegent(.GET, "/account/voice/routes", token: token)
        #expect(list.json?["TotalRoutes"] == .int(0))
    }

    @Test func messagesNameTheFieldAndTheAllowedValues() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let token = try await harness.token()
        let answer = try await harness.telegent(.POST, "/voice/routes", body: #"{"RouteName": "r", "RouteType": "Bogus"}"#, token: token)
        #expect(answer.json?["Errors"]?["$.RouteType"] == .array([.string(#""Bogus" is not one of Trunk, URL, Forward"#)]))
    }

    @Test func malformedJSONIs400() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let token = try await harness.token()
        let answer = try await harness.telegent(.POST, "/voice/routes", body: #"{"RouteName": "#, token: token)
        #expect(answer.status == 400)
        #expect(answer.json?["Errors"]?["$"] != nil)
    }

    @Test func missingOrBadTokensAre401() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let token = try await harness.token()
        for headers in [[], [("Authorization", "Bearer nonsense")], [("Authorization", "Bearer \(token)x")], [("Authorization", "Basic \(token)")]] {
            let answer = try await harness.send(.GET, "/v1.0/account/voice/routes", headers: headers)
            #expect(answer.status == 401)
            #expect(answer.json?["Title"] == .string("Unauthorized"))
            #expect(answer.json?["Detail"] == nil)
        }
    }

    @Test func wrongCredentialsGetNoToken() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let wrong = try await harness.send(.POST, "/v1.0/oauth2/tokens", body: #"{"AccountKey": "DID-TEST", "AccountSecret": "wrong"}"#)
        #expect(wrong.status == 401)
        let missing = try await harness.send(.POST, "/v1.0/oauth2/tokens", body: #"{"AccountKey": "DID-TEST"}"#)
        #expect(missing.status == 400)
        #expect(missing.json?["Errors"]?["$.AccountSecret"] != nil)
    }

    @Test func unknownPathsAre404AndWrongMethods405() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let token = try await harness.token()
        let unknown = try await harness.telegent(.GET, "/voice/nothing", token: token)
        #expect(unknown.status == 404)
        #expect(unknown.json?["Status"] == .int(404))
        let wrongMethod = try await harness.telegent(.DELETE, "/voice/routes", token: token)
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.headers["Allow"].first == "GET, POST")
        #expect(try await harness.send(.GET, "/v1.0/oauth2/tokens").status == 405)
    }

    @Test func bodiesOver1MiBAre413() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let token = try await harness.token()
        let huge = #"{"RouteName": ""# + String(repeating: "x", count: 1 << 20) + #"", "RouteType": "Forward"}"#
        let answer = try await harness.telegent(.POST, "/voice/routes", body: huge, token: token)
        #expect(answer.status == 413)
    }

    @Test func nonJSONBodiesAre415() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let token = try await harness.token()
        let answer = try await harness.send(
            .POST, "/v1.0/voice/routes", body: "RouteName=x", headers: [("Authorization", "Bearer \(token)")],
            contentType: "application/x-www-form-urlencoded")
        #expect(answer.status == 415)
    }
}
