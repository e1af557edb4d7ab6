import Testing
@testable import RouteModel

@Suite struct FieldCatalogTests {
    @Test func everyTelegentWireFieldIsInTheCatalog() {
        let documented = [
            "CallRouteId", "AccountId", "RouteName", "RouteType", "VoiceUrl", "VoiceUrlMethod",
            "VoiceAuthenticationType", "VoiceUsername", "VoicePasswordToken", "CallbackVoiceUrl",
            "CallbackVoiceUrlMethod", "TrunkIp1", "TrunkIp2", "TrunkPort1", "TrunkPort2", "TrunkTransport1",
            "TrunkTransport2", "TrunkUri1", "TrunkUri2", "TrunkEnabled1", "TrunkEnabled2", "Trunk1Priortiy",
            "Trunk2Priortiy", "Trunk1Weight", "Trunk2Weight", "HeaderManipulation", "EnableSipRefer",
            "TransferCallerId", "SymmetricRtp", "EnableTrpSecureTrunk", "EnablePstnTransfer", "IpWhitelist",
            "CnamLookup", "TerminationUriSubdomain", "EnableCallStreaming", "WssUri", "RouteEnabled",
            "IntelligentRouteEnabled", "CallRouteStatus",
        ]
        #expect(Set(RouteSchema.telegent.fields.map(\.name)) == Set(documented))
        for name in documented { #expect(RouteSchema.telegent.field(named: name)?.name == name) }
    }

    @Test(arguments: [
        ("Trunk1Priority", "Trunk1Priortiy"), ("Trunk2Priority", "Trunk2Priortiy"),
        ("VocieAuthenticationType", "VoiceAuthenticationType"), ("IpWhiteList", "IpWhitelist"),
        ("route_name", "RouteName"), ("ROUTE-TYPE", "RouteType"), ("trunk ip 1", "TrunkIp1"),
        ("CallRouteID", "CallRouteId"), ("AccountID", "AccountId"), ("trunk_port_2", "TrunkPort2"),
    ])
    func aliasesAndSpellingsResolve(spelling: String, name: String) {
        #expect(RouteSchema.telegent.field(named: spelling)?.name == name)
    }

    @Test func everyAliasResolvesToItsField() {
        for schema in [RouteSchema.telegent, .flowrouteV1, .flowrouteV2] {
            for field in schema.fields {
                for alias in field.aliases { #expect(schema.field(named: alias)?.name == field.name, "\(alias)") }
            }
        }
    }

    @Test func unknownNamesSuggestNearbyFields() {
        #expect(throws: FieldError.unknownField("TrunkIpp1", suggestions: ["TrunkIp1", "TrunkIp2"])) {
            try RouteSchema.telegent.resolve("TrunkIpp1")
        }
        let error = FieldError.unknownField("RoutNam", suggestions: RouteSchema.telegent.suggestions(for: "RoutNam"))
        #expect(error.description == "unknown field \"RoutNam\" (did you mean RouteName?)")
        #expect(RouteSchema.telegent.suggestions(for: "xyzzy").isEmpty)
    }

    @Test func flowrouteSchemasAcceptEachOthersHeaders() {
        for header in ["route_name", "type", "value"] {
            #expect(RouteSchema.flowrouteV1.field(named: header) != nil)
            #expect(RouteSchema.flowrouteV2.field(named: header) != nil)
        }
        #expect(RouteSchema.flowrouteV2.field(named: "route_name")?.name == "alias")
    }

    @Test func onlyThePasswordIsSecret() {
        #expect(RouteSchema.telegent.fields.filter(\.isSecret).map(\.name) == ["VoicePasswordToken"])
    }
}
