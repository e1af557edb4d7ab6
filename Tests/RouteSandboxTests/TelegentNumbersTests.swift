import Foundation
import NIOHTTP1
import RouteModel
import RouteSandbox
import Testing

/// Telegent numbers: one number, the inventory, re-pointing a number, and routes that numbers
/// still use.
@Suite struct TelegentNumbersTests {
    static func update(_ number: String, route: String?) -> String {
        let enabled = route != nil
        return JSON.object([
            ("Number", .string(number)), ("VoiceEnabled", .bool(enabled)), ("VoiceRouteId", route.map(JSON.string) ?? .null),
        ]).serialized
    }

    @Test func inventoryShowAndUpdateRoundTrip() async throws {
        let harness = try await SandboxHarness.start { $0.seedNumbers = 3 }
        defer { Task { await harness.stop() } }
        let token = try await harness.token()
        let inventory = try await harness.telegent(.GET, "/numbers/inventory?Filter=All", token: token)
        #expect(inventory.status == 200)
        #expect(inventory.json?["AccountId"] == .string(SandboxHarness.account.key))
        #expect(inventory.json?["TotalNumbers"] == .int(3))
        let results = try #require(inventory.json?["Results"]?.arrayValue)
        #expect(results.compactMap { $0["PhoneNumber"]?.stringValue } == ["+12065550000", "+12065550001", "+12065550002"])
        #expect(results.allSatisfy { $0["VoiceRouteId"] == .null && $0["VoiceEnabled"] == .bool(false) })
        #expect(results.first?["NumberStatus"] == .string("Active"))

        let route = try await harness.createTrunk(named: "new", token: token)
        let updated = try await harness.telegent(.POST, "/numbers/update", body: Self.update("+12065550001", route: route), token: token)
        #expect(updated.status == 200, "\(updated.body)")
        #expect(updated.json?["UpdateOrderId"]?.stringValue?.hasPrefix("UOID-") == true)
        #expect(updated.json?["UpdateOrderStatus"] == .string("Complete"))
        #expect(updated.json?["Number"] == .string("+12065550001"))
        #expect(updated.json?["VoiceEnabled"] == .bool(true))
        #expect(updated.json?["VoiceRouteId"] == .string(route))

        let shown = try await harness.telegent(.GET, "/numbers?PhoneNumber=%2B12065550001", token: token)
        #expect(shown.status == 200)
        #expect(shown.json?["PhoneNumber"] == .string("+12065550001"))
        #expect(shown.json?["VoiceEnabled"] == .bool(true))
        #expect(shown.json?["VoiceRouteId"] == .string(route))
        #expect(shown.json?["MessageEnabled"] == .bool(false))
        let others = try await harness.telegent(.GET, "/numbers?PhoneNumber=%2B12065550002", token: token)
        #expect(others.json?["VoiceRouteId"] == .null)

        let cleared = try await harness.telegent(.POST, "/numbers/update", body: Self.update("+12065550001", route: nil), token: token)
        #expect(cleared.status == 200)
        #expect(cleared.json?["VoiceEnabled"] == .bool(false))
        #expect(cleared.json?["VoiceRouteId"] == .null)
        #expect(try await harness.telegent(.GET, "/numbers?PhoneNumber=%2B12065550001", token: token).json?["VoiceRouteId"] == .null)
        #expect(harness.sandbox.numberWrites == 2)
        #expect(harness.sandbox.routeWrites == 1)
    }

    @Test func refusalsSayWhichFieldAndChangeNothing() async throws {
        let harness = try await SandboxHarness.start { $0.seedNumbers = 2 }
        defer { Task { await harness.stop() } }
        let token = try await harness.token()
        let theirs = try await harness.createTrunk(named: "theirs", token: try await harness.token(SandboxHarness.otherAccount))

        func refusal(_ body: String) async throws -> HTTPAnswer {
            try await harness.telegent(.POST, "/numbers/update", body: body, token: token)
        }
        let badNumber = try await refusal(Self.update("+1 206 555 0000", route: nil))
        #expect(badNumber.status == 400)
        #expect(badNumber.json?["Errors"]?["$.Number"]?.arrayValue?.first?.stringValue?.contains("without spaces") == true)
        for route in ["CRID-nope", theirs] {
            let unknown = try await refusal(Self.update("+12065550000", route: route))
            #expect(unknown.status == 400)
            #expect(unknown.json?["Errors"]?["$.VoiceRouteId"] == .array([.string("Voice route with ID '\(route)' was not found in this account")]))
        }
        let noRoute = try await refusal(#"{"Number": "+12065550000", "VoiceEnabled": true}"#)
        #expect(noRoute.status == 400)
        #expect(noRoute.json?["Errors"]?["$.VoiceRouteId"] != nil)
        let missing = try await refusal(Self.update("+12065559999", route: nil))
        #expect(missing.status == 404)
        #expect(missing.json?["Detail"] == .string("Phone number '+12065559999' was not found."))
        #expect(try await refusal("[1]").status == 400)

        let malformed = try await harness.telegent(.GET, "/numbers?PhoneNumber=1.2065550000E10", token: token)
        #expect(malformed.status == 400)
        #expect(malformed.json?["Errors"]?["$.PhoneNumber"]?.arrayValue?.first?.stringValue?.contains("float") == true)
        #expect(try await harness.telegent(.GET, "/numbers?PhoneNumber=%2B12065559999", token: token).status == 404)
        // Unencoded `+` is kept as the plus it is.
        #expect(try await harness.telegent(.GET, "/numbers?PhoneNumber=+12065550000", token: token).status == 200)
        #expect(try await harness.telegent(.GET, "/numbers/inventory?Filter=Bogus", token: token).status == 400)

        let inventory = try await harness.telegent(.GET, "/numbers/inventory", token: token)
        #expect(inventory.json?["Results"]?.arrayValue?.allSatisfy { $0["VoiceRouteId"] == .null } == true)
    }

    @Test func aRouteInUseCannotBeDeletedUntilItsNumbersMove() async throws {
        let harness = try await SandboxHarness.start { $0.seedNumbers = 2 }
        defer { Task { await harness.stop() } }
        let token = try await harness.token()
        let old = try await harness.createTrunk(named: "old", token: token)
        let new = try await harness.createTrunk(named: "new", token: token)
        for number in ["+12065550000", "+12065550001"] {
            #expect(try await harness.telegent(.POST, "/numbers/update", body: Self.update(number, route: old), token: token).status == 200)
        }
        let refused = try await harness.telegent(.POST, "/voice/routes/delete", body: #"{"CallRouteId": "\#(old)"}"#, token: token)
        #expect(refused.status == 400)
        #expect(refused.json?["Type"] == .string("https://tools.ietf.org/html/rfc7231#section-6.5.1"))
        #expect(refused.json?["Title"] == .string("Bad Request"))
        #expect(refused.json?["Status"] == .int(400))
        #expect(refused.json?["Detail"] == .string("Cannot delete voice route as it is currently assigned to one or more phone numbers."))
        #expect(refused.json?["TraceId"]?.stringValue?.hasPrefix("00-") == true)
        #expect(try await harness.telegent(.GET, "/voice/routes?CallRouteId=\(old)", token: token).status == 200)

        // One number moved is not enough; both are.
        #expect(try await harness.telegent(.POST, "/numbers/update", body: Self.update("+12065550000", route: new), token: token).status == 200)
        #expect(try await harness.telegent(.POST, "/voice/routes/delete", body: #"{"CallRouteId": "\#(old)"}"#, token: token).status == 400)
        #expect(try await harness.telegent(.POST, "/numbers/update", body: Self.update("+12065550001", route: nil), token: token).status == 200)
        let deleted = try await harness.telegent(.POST, "/voice/routes/delete", body: #"{"CallRouteId": "\#(old)"}"#, token: token)
        #expect(deleted.status == 200)
        #expect(deleted.json?["CallRouteStatus"] == .string("Deleted"))
    }

    @Test func tokensScopedToOneEndpointReachOnlyIt() async throws {
        let harness = try await SandboxHarness.start { $0.seedNumbers = 1 }
        defer { Task { await harness.stop() } }
        let scoped = try await harness.token(endpoint: "https://api.telegent.com/v1.0/numbers/inventory")
        #expect(try await harness.telegent(.GET, "/numbers/inventory", token: scoped).status == 200)
        #expect(try await harness.telegent(.GET, "/numbers?PhoneNumber=%2B12065550000", token: scoped).status == 401)
        #expect(try await harness.telegent(.PUT, "/numbers/update", token: scoped).status == 405)
    }
}
