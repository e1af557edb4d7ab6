import RouteModel
import Testing

@Suite struct RouteColumnTests {
    private func route(_ pairs: [String: String]) throws -> Route {
        try Route.parse(pairs: pairs.map { (name: $0.key, text: $0.value) }, dialect: .telegent)
    }

    @Test func destinationsPutIPv6InBrackets() throws {
        let destination = try RouteSchema.telegent.column(named: "destination")
        let v6 = try route(["RouteName": "a", "RouteType": "Trunk", "TrunkIp1": "2001:db8::1", "TrunkPort1": "5061",
                            "TrunkTransport1": "TLS"])
        #expect(destination.text(v6) == "TLS [2001:db8::1]:5061")
        let v4 = try route(["RouteName": "a", "RouteType": "Trunk", "TrunkIp1": "20.87.87.87", "TrunkPort1": "5061"])
        #expect(destination.text(v4) == "20.87.87.87:5061")
    }

    @Test func secretsOnlySayTheyAreSet() throws {
        let column = try RouteSchema.telegent.column(named: "VoicePassword")
        #expect(column.text(try route(["VoicePasswordToken": "hunter2"])) == "(set)")
        #expect(column.text(try route([:])) == "")
    }

    @Test func unknownNamesGetSuggestions() {
        #expect(throws: FieldError.unknownField("Statos", suggestions: ["Status"])) {
            try RouteSchema.telegent.column(named: "Statos")
        }
    }

    @Test func filtersReadValuesAsTheFieldDoes() throws {
        let trunk = try route(["RouteName": "Toronto SIP", "RouteType": "Trunk", "RouteEnabled": "yes",
                               "IpWhitelist": "1.2.3.4;5.6.7.8"])
        func matches(_ condition: String) throws -> Bool { try RouteFilter(condition, schema: .telegent).matches(trunk) }
        #expect(try matches("RouteType=trunk"))
        #expect(try matches("enabled=true"))
        #expect(try matches("RouteName=Toronto*"))
        #expect(try matches("RouteName=*SIP"))
        #expect(try !matches("RouteName=Toronto"))
        #expect(try matches("IpWhitelist=5.6.7.8"))
        #expect(try matches("VoiceUrl="))
        #expect(try !matches("RouteType=URL"))
        #expect(throws: FieldError.self) { try RouteFilter("RouteType=Trunks", schema: .telegent) }
        #expect(throws: FieldError.malformedAssignment("RouteType")) { try RouteFilter("RouteType", schema: .telegent) }
    }
}
