import Foundation
import NIOHTTP1
import RouteModel
import RouteSandbox
import Testing

/// Telegent's route endpoints over real HTTP: every operation and its documented answers.
@Suite struct TelegentRoutesTests {
    @Test func createReturnsTheFullRouteWithAnIdAndNoSecrets() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let token = try await harness.token()
        let body = #"""
            {"RouteName": "Main SIP Trunk", "RouteType": "Trunk", "TrunkIp1": "20.87.87.87", "TrunkPort1": "5061",
             "TrunkTransport1": "UDP", "VoicePasswordToken": "hunter2", "IpWhitelist": [{"IpAddress": "20.20.10.10"}],
             "Trunk1Priortiy": 10, "RouteEnabled": true}
            """#
        let answer = try await harness.telegent(.POST, "/voice/routes", body: body, token: token)
        #expect(answer.status == 200)
        let json = try #require(answer.json)
        let id = try #require(json["CallRouteId"]?.stringValue)
        #expect(id.hasPrefix("CRID-"))
        #expect(UUID(uuidString: String(id.dropFirst(5))) != nil)
        #expect(json["CallRouteStatus"] == .string("Active"))
        #expect(json["AccountId"] == .string(SandboxHarness.account.key))
        #expect(json["TrunkPort1"] == .string("5061"))
        #expect(json["Trunk1Priortiy"] == .int(10))
        #expect(json["IpWhiteList"] == .array([.object([("IpAddress", .string("20.20.10.10"))])]))
        #expect(!answer.body.contains("hunter2"))
        #expect(json["VoicePasswordToken"] == nil)
    }

    @Test func getAcceptsBothQuerySpellings() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let token = try await harness.token()
        let id = try await harness.createTrunk(named: "A", token: token)
        for key in ["CallRouteId", "CallRouteID"] {
            let answer = try await harness.telegent(.GET, "/voice/routes?\(key)=\(id)", token: token)
            #expect(answer.status == 200)
            #expect(answer.json?["CallRouteId"] == .string(id))
            #expect(answer.json?["RouteName"] == .string("A"))
        }
    }

    @Test func listShowsEveryRouteOfTheAccountInCreationOrder() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let token = try await harness.token()
        let ids = [try await harness.createTrunk(named: "one", token: token), try await harness.createTrunk(named: "two", token: token)]
        let answer = try await harness.telegent(.GET, "/account/voice/routes", token: token)
        #expect(answer.status == 200)
        let json = try #require(answer.json)
        #expect(json["AccountId"] == .string(SandboxHarness.account.key))
        #expect(json["TotalRoutes"] == .int(2))
        #expect(json["Results"]?.arrayValue?.compactMap { $0["CallRouteId"]?.stringValue } == ids)
        #expect(json["Results"]?.arrayValue?.allSatisfy { $0["CallRouteStatus"] == .string("Active") } == true)
    }

    @Test func updateChangesOnlyTheFieldsSent() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let token = try await harness.token()
        let id = try await harness.createTrunk(named: "before", token: token)
        let answer = try await harness.telegent(
            .POST, "/voice/routes/update", body: #"{"CallRouteId": "\#(id)", "RouteName": "after", "TrunkPort1": "5080"}"#, token: token)
        #expect(answer.status == 200)
        #expect(answer.json?["RouteName"] == .string("after"))
        #expect(answer.json?["TrunkPort1"] == .string("5080"))
        #expect(answer.json?["TrunkIp1"] == .string("20.87.87.87"))
        let shown = try await harness.telegent(.GET, "/voice/routes?CallRouteId=\(id)", token: token)
        #expect(shown.json?["RouteName"] == .string("after"))
    }

    @Test func updateAcceptsTheOtherIdSpellingAndValidatesTheResult() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let token = try await harness.token()
        let id = try await harness.createTrunk(named: "r", token: token)
        let invalid = try await harness.telegent(
            .POST, "/voice/routes/update", body: #"{"CallRouteID": "\#(id)", "RouteType": "URL"}"#, token: token)
        #expect(invalid.status == 400)
        #expect(invalid.json?["Errors"]?["$.VoiceUrl"] != nil)
        let unchanged = try await harness.telegent(.GET, "/voice/routes?CallRouteId=\(id)", token: token)
        #expect(unchanged.json?["RouteType"] == .string("Trunk"))
    }

    @Test func deleteRemovesTheRoute() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let token = try await harness.token()
        let id = try await harness.createTrunk(named: "gone", token: token)
        let answer = try await harness.telegent(.POST, "/voice/routes/delete", body: #"{"CallRouteId": "\#(id)"}"#, token: token)
        #expect(answer.status == 200)
        #expect(answer.json == .object([("CallRouteStatus", .string("Deleted")), ("CallRouteId", .string(id))]))
        let again = try await harness.telegent(.POST, "/voice/routes/delete", body: #"{"CallRouteId": "\#(id)"}"#, token: token)
        #expect(again.status == 404)
    }

    @Test func unknownRoutesAre404WithTheDocumentedDetail() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let token = try await harness.token()
        let id = "CRID-00000000-0000-0000-0000-000000000000"
        for answer in [
            try await harness.telegent(.GET, "/voice/routes?CallRouteId=\(id)", token: token),
            try await harness.telegent(.POST, "/voice/routes/update", body: #"{"CallRouteId": "\#(id)", "RouteName": "x"}"#, token: token),
        ] {
            #expect(answer.status == 404)
            #expect(answer.json?["Title"] == .string("Not Found"))
            #expect(answer.json?["Detail"] == .string("Voice route with ID '\(id)' was not found."))
            #expect(answer.json?["TraceId"]?.stringValue?.hasPrefix("00-") == true)
        }
    }

    @Test func accountsNeverSeeEachOthersRoutes() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let mine = try await harness.token()
        let theirs = try await harness.token(SandboxHarness.otherAccount)
        let id = try await harness.createTrunk(named: "private", token: mine)
        let list = try await harness.telegent(.GET, "/account/voice/routes", token: theirs)
        #expect(list.json?["TotalRoutes"] == .int(0))
        #expect(try await harness.telegent(.GET, "/voice/routes?CallRouteId=\(id)", token: theirs).status == 404)
        let update = #"{"CallRouteId": "\#(id)", "RouteName": "stolen"}"#
        #expect(try await harness.telegent(.POST, "/voice/routes/update", body: update, token: theirs).status == 404)
        #expect(try await harness.telegent(.POST, "/voice/routes/delete", body: #"{"CallRouteId": "\#(id)"}"#, token: theirs).status == 404)
        #expect(try await harness.telegent(.GET, "/voice/routes?CallRouteId=\(id)", token: mine).json?["RouteName"] == .string("private"))
    }
}
