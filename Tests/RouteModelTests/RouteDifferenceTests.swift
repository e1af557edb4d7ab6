import Testing
@testable import RouteModel

@Suite struct RouteDifferenceTests {
    private func telegent(_ assignments: String...) throws -> Route {
        try Route.parse(assignments: assignments, dialect: .telegent)
    }

    /// A route as the service lists it: ids and status, no secret, looser JSON types.
    private func listed() throws -> Route {
        var route = try telegent("RouteName=trunk", "RouteType=Trunk", "TrunkIp1=10.0.0.1", "TrunkPort1=5060",
                                 "TrunkTransport1=UDP", "SymmetricRtp=true", "Trunk1Weight=5")
        route["CallRouteId"] = .string("CRID-1")
        route["CallRouteStatus"] = .string("Active")
        return route
    }

    @Test func valuesAreComparedAsTheCatalogTypesThem() throws {
        var listed = try listed()
        listed["TrunkTransport1"] = .string("udp")
        let row = try telegent("RouteName=trunk", "RouteType=trunk", "TrunkIp1=10.0.0.1", "TrunkPort1= 5060",
                               "TrunkTransport1=Udp", "SymmetricRtp=yes", "Trunk1Weight=05")
        let difference = RouteDifference(of: row, from: listed)
        #expect(difference.isEmpty)
        #expect(difference.update.entries.isEmpty)
        #expect(difference.lines.isEmpty)
    }

    @Test func onlyTheFieldsThatDifferAreChangesAndSent() throws {
        let row = try telegent("RouteName=trunk", "RouteType=Trunk", "TrunkPort1=5062", "TrunkUri1=sip:a@b",
                               "SymmetricRtp=no")
        let difference = RouteDifference(of: row, from: try listed())
        #expect(difference.changes == [
            .init(field: "TrunkPort1", before: .string("5060"), after: .string("5062")),
            .init(field: "TrunkUri1", before: nil, after: .string("sip:a@b")),
            .init(field: "SymmetricRtp", before: .boolean(true), after: .boolean(false)),
        ])
        #expect(difference.lines == ["TrunkPort1: 5060 → 5062", "TrunkUri1: (none) → sip:a@b", "SymmetricRtp: true → false"])
        #expect(difference.update.entries.map(\.field.name) == ["TrunkPort1", "TrunkUri1", "SymmetricRtp"])
        #expect(!difference.isEmpty)
    }

    @Test func aSecretIsSentAndSaidToBeNeverComparedOrShown() throws {
        let row = try telegent("RouteName=trunk", "VoicePasswordToken=hunter2", "TrunkPort1=5060")
        var listed = try listed()
        listed["VoicePasswordToken"] = .string("hunter2")
        let difference = RouteDifference(of: row, from: listed)
        #expect(difference.changes.isEmpty)
        #expect(difference.secrets == ["VoicePasswordToken"])
        #expect(!difference.isEmpty)
        #expect(difference.update["VoicePasswordToken"] == .string("hunter2"))
        #expect(difference.lines == ["VoicePasswordToken: will be sent (secret, cannot be compared)"])
        #expect(!difference.lines.joined().contains("hunter2"))
    }

    @Test func readOnlyFieldsAreNeitherComparedNorSent() throws {
        var row = try telegent("RouteName=trunk", "TrunkPort1=5060")
        row["CallRouteId"] = .string("CRID-other")
        row["CallRouteStatus"] = .string("Disabled")
        let difference = RouteDifference(of: row, from: try listed())
        #expect(difference.isEmpty)
        #expect(difference.update["CallRouteId"] == nil)
    }

    @Test func aFlowrouteValueIsComparedUnderItsRouteType() throws {
        let listed = try Route.parse(assignments: ["alias=a", "route_type=number", "value=16476998778"], dialect: .flowrouteV2)
        let same = try Route.parse(assignments: ["alias=a", "route_type=PSTN", "value=16476998778"], dialect: .flowrouteV2)
        #expect(RouteDifference(of: same, from: listed).isEmpty)
        let moved = try Route.parse(assignments: ["alias=a", "route_type=host", "value=10.0.0.1:5060"], dialect: .flowrouteV2)
        #expect(RouteDifference(of: moved, from: listed).lines == ["route_type: number → host", "value: 16476998778 → 10.0.0.1:5060"])
    }

    @Test func anEditThatOnlyRespellsAValueChangesNothing() throws {
        let edit = RouteEdit(try listed())
        let text = edit.text().replacingOccurrences(of: "TrunkTransport1=UDP", with: "TrunkTransport1=udp")
        #expect(try edit.changes(in: text).entries.isEmpty)
    }
}
