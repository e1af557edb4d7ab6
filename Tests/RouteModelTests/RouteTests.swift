import Testing
@testable import RouteModel

@Suite struct RouteTests {
    @Test func assignmentsParseInAnyOrder() throws {
        let route = try Route.parse(
            assignments: ["trunk_port_1=5061", "RouteType=trunk", "RouteName=Main", "TrunkIp1=20.87.87.87", "TrunkTransport1=udp"],
            dialect: .telegent)
        #expect(route.key == "Main")
        #expect(route.routeType == "Trunk")
        #expect(route["TrunkPort1"] == .string("5061"))
        #expect(RouteSchema.telegent.problems(in: route, for: .create).isEmpty)
    }

    @Test func flowrouteValueIsCheckedAgainstATypeGivenLater() {
        #expect(throws: FieldError.invalidValue(field: "value", value: "123", expected: FieldType.pstnNumber.expectation)) {
            try Route.parse(assignments: ["value=123", "type=PSTN", "route_name=a"], dialect: .flowrouteV1)
        }
    }

    @Test func malformedAssignmentsAndReadOnlyFieldsAreRefused() {
        #expect(throws: FieldError.malformedAssignment("RouteName")) {
            try Route.parse(assignments: ["RouteName"], dialect: .telegent)
        }
        #expect(throws: FieldError.malformedAssignment("=x")) { try Route.parse(assignments: ["=x"], dialect: .telegent) }
        #expect(throws: FieldError.readOnly(field: "CallRouteStatus")) {
            try Route.parse(assignments: ["CallRouteStatus=Active"], dialect: .telegent)
        }
    }

    @Test func emptyCellsMeanAbsent() throws {
        let route = try Route.parse(pairs: [("RouteName", "r"), ("TrunkIp1", "")], dialect: .telegent)
        #expect(route["TrunkIp1"] == nil)
    }

    @Test func perTypeRequirements() throws {
        let schema = RouteSchema.telegent
        let trunk = try Route.parse(assignments: ["RouteName=t", "RouteType=Trunk"], dialect: .telegent)
        #expect(schema.problems(in: trunk, for: .create).map(\.description) == [
            "TrunkIp1: is required for RouteType=Trunk",
            "TrunkPort1: is required for RouteType=Trunk",
            "TrunkTransport1: is required for RouteType=Trunk",
        ])
        #expect(schema.problems(in: trunk, for: .update).isEmpty)
        let url = try Route.parse(assignments: ["RouteName=u", "RouteType=URL"], dialect: .telegent)
        #expect(schema.missingRequiredFields(in: url).map(\.name) == ["VoiceUrl", "VoiceUrlMethod"])
        let forward = try Route.parse(assignments: ["RouteName=f", "RouteType=Forward"], dialect: .telegent)
        #expect(schema.problems(in: forward, for: .create).isEmpty)
        let nameless = Route(dialect: .telegent)
        #expect(schema.problems(in: nameless, for: .create).map(\.description) == [
            "RouteName: is required to create a route", "RouteType: is required to create a route",
        ])
    }

    @Test func flowrouteV1NamesAreAlphanumeric() throws {
        let route = try Route.parse(assignments: ["route_name=my-route", "type=HOST", "value=1.2.3.4"], dialect: .flowrouteV1)
        #expect(RouteSchema.flowrouteV1.problems(in: route, for: .create).map(\.description) == [
            "route_name: \"my-route\" is not alphanumeric (letters and digits only)",
        ])
    }

    @Test func checkCatchesValuesThatArrivedTypedFromJSON() {
        let route = Route(dialect: .telegent, values: [
            "RouteName": .string("x"), "RouteType": .string("Trunk"), "TrunkIp1": .string("1.2.3"),
            "TrunkPort1": .string("70000"), "TrunkTransport1": .string("udp"), "Trunk1Priortiy": .integer(-5),
        ])
        #expect(RouteSchema.telegent.problems(in: route, for: .create).map(\.field) == [
            "TrunkIp1", "TrunkPort1", "TrunkTransport1", "Trunk1Priortiy",
        ])
    }

    @Test func mergingIsAPartialUpdate() throws {
        let original = try Route.parse(assignments: ["RouteName=a", "RouteType=Forward", "RouteEnabled=true"], dialect: .telegent)
        let changes = try Route.parse(assignments: ["RouteEnabled=false"], dialect: .telegent)
        let merged = original.merging(changes)
        #expect(merged.key == "a")
        #expect(merged["RouteEnabled"] == .boolean(false))
    }

    @Test func textRoundTripsThroughDescription() throws {
        let route = try Route.parse(
            assignments: ["RouteName=a", "RouteType=Trunk", "IpWhitelist=1.1.1.1;2.2.2.2", "TrunkEnabled1=yes", "Trunk1Weight=7"],
            dialect: .telegent)
        let again = try Route.parse(pairs: route.entries.map { ($0.field.name, $0.value.description) }, dialect: .telegent)
        #expect(again == route)
    }
}
