import Foundation
import NIOHTTP1
import RouteModel
import RouteSandbox
import Testing

/// Token answers, scope to the `ApiEndpoint` path, and expiry.
@Suite struct TelegentTokenTests {
    @Test func theTokenAnswerHasTheDocumentedShape() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let endpoint = "https://api.telegent.com/v1.0/voice/routes"
        let body = #"{"AccountKey": "DID-TEST", "AccountSecret": "test-secret", "ApiEndpoint": "\#(endpoint)"}"#
        let answer = try await harness.send(.POST, "/v1.0/oauth2/tokens", body: body)
        #expect(answer.status == 200)
        let json = try #require(answer.json)
        #expect(json["successful"] == .bool(true))
        #expect(json["apiEndpoint"] == .string(endpoint))
        #expect(json["error"] == .string(""))
        let token = try TelegentToken(json: json)
        #expect(abs(token.expiry.timeIntervalSinceNow - 300) < 5)
        #expect(token.token.split(separator: ".").count == 3)
        // The JWT's exp claim is the tokenExpiry shown.
        var payload = String(token.token.split(separator: ".")[1]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        payload += String(repeating: "=", count: (4 - payload.count % 4) % 4)
        let claims = try JSON(parsing: try #require(Data(base64Encoded: payload)))
        #expect(claims["exp"]?.intValue == Int(token.expiry.timeIntervalSince1970))
    }

    @Test func aScopedTokenWorksOnlyOnItsEndpointWhateverTheHost() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let token = try await harness.token(endpoint: "https://api.telegent.com/v1.0/voice/routes?ignored=1")
        #expect(try await harness.telegent(.POST, "/voice/routes", body: SandboxHarness.trunk("x"), token: token).status == 200)
        #expect(try await harness.telegent(.GET, "/account/voice/routes", token: token).status == 401)
        #expect(try await harness.telegent(.POST, "/voice/routes/delete", body: #"{"CallRouteId": "CRID-x"}"#, token: token).status == 401)
        let listToken = try await harness.token(endpoint: "\(harness.origin)/v1.0/account/voice/routes")
        #expect(try await harness.telegent(.GET, "/account/voice/routes", token: listToken).status == 200)
    }

    @Test func aTokenWithoutEndpointIsAccountWide() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let token = try await harness.token()
        let id = try await harness.createTrunk(named: "wide", token: token)
        #expect(try await harness.telegent(.GET, "/account/voice/routes", token: token).status == 200)
        #expect(try await harness.telegent(.POST, "/voice/routes/delete", body: #"{"CallRouteId": "\#(id)"}"#, token: token).status == 200)
    }

    @Test func tokensExpireAfterTheirLifetime() async throws {
        // Long enough to be used at once even on a busy machine; expiry has one-second resolution.
        let harness = try await SandboxHarness.start { $0.tokenTTL = .seconds(5) }
        defer { Task { await harness.stop() } }
        let token = try await harness.token()
        #expect(try await harness.telegent(.GET, "/account/voice/routes", token: token).status == 200)
        try await Task.sleep(for: .milliseconds(6100))
        #expect(try await harness.telegent(.GET, "/account/voice/routes", token: token).status == 401)
        #expect(try await harness.telegent(.GET, "/account/voice/routes", token: try await harness.token()).status == 200)
    }

    @Test func tokensFromAnotherSandboxAreRefused() async throws {
        let first = try await SandboxHarness.start()
        let second = try await SandboxHarness.start()
        defer { Task { await first.stop(); await second.stop() } }
        let token = try await first.token()
        #expect(try await second.telegent(.GET, "/account/voice/routes", token: token).status == 401)
    }
}
