import Testing
@testable import RouteModel

@Suite struct ValueParsingTests {
    let schema = RouteSchema.telegent

    private func parse(_ name: String, _ text: String) throws(FieldError) -> FieldValue {
        try schema.resolve(name).parse(text)
    }

    @Test func everyTelegentFieldParsesAGoodValue() throws {
        let good: [String: String] = [
            "AccountId": "DID-1e8939ab", "RouteName": "Main SIP Trunk", "RouteType": "trunk",
            "VoiceUrl": "https://domain.com/voice", "VoiceUrlMethod": "post", "VoiceAuthenticationType": "basic",
            "VoiceUsername": "admin", "VoicePasswordToken": "s3cret", "CallbackVoiceUrl": "http://cb.example.com",
            "CallbackVoiceUrlMethod": "GET", "TrunkIp1": "20.87.87.87", "TrunkIp2": "2001:db8::1",
            "TrunkPort1": "5061", "TrunkPort2": "1", "TrunkTransport1": "udp", "TrunkTransport2": "TLS",
            "TrunkUri1": "sip:pbx.example.com", "TrunkUri2": "https://pstn2.joonto.com", "TrunkEnabled1": "yes",
            "TrunkEnabled2": "0", "Trunk1Priortiy": "10", "Trunk2Priortiy": "20", "Trunk1Weight": "10",
            "Trunk2Weight": "0", "HeaderManipulation": "HMI8802029", "EnableSipRefer": "TRUE",
            "TransferCallerId": "Transferee/Transferor", "SymmetricRtp": "false", "EnableTrpSecureTrunk": "1",
            "EnablePstnTransfer": "no", "IpWhitelist": "20.20.10.10; 20.20.10.20", "CnamLookup": "true",
            "TerminationUriSubdomain": "client", "EnableCallStreaming": "true", "WssUri": "wss://192.67.88.2",
            "RouteEnabled": "true", "IntelligentRouteEnabled": "false",
        ]
        #expect(Set(good.keys) == Set(schema.writableFields.map(\.name)))
        for (name, text) in good { _ = try parse(name, text) }
    }

    @Test func valuesAreNormalised() throws {
        #expect(try parse("RouteType", "url") == .string("URL"))
        #expect(try parse("TrunkTransport1", " udp ") == .string("UDP"))
        #expect(try parse("VoiceAuthenticationType", "BEARER") == .string("Bearer"))
        #expect(try parse("TrunkEnabled1", "Yes") == .boolean(true))
        #expect(try parse("TrunkEnabled1", "0") == .boolean(false))
        #expect(try parse("Trunk1Priortiy", "10") == .integer(10))
        #expect(try parse("TrunkPort1", "5061") == .string("5061"))
        #expect(try parse("IpWhitelist", "1.2.3.4;5.6.7.8") == .list(["1.2.3.4", "5.6.7.8"]))
        #expect(try parse("RouteName", " +0044 keeps spaces ") == .string(" +0044 keeps spaces "))
    }

    @Test(arguments: [
        ("TrunkIp1", "300.1.2.3", "TrunkIp1: \"300.1.2.3\" is not an IPv4 or IPv6 address"),
        ("TrunkPort1", "0", "TrunkPort1: \"0\" is not a port number from 1 to 65535"),
        ("TrunkPort1", "65536", "TrunkPort1: \"65536\" is not a port number from 1 to 65535"),
        ("TrunkPort1", "50a", "TrunkPort1: \"50a\" is not a port number from 1 to 65535"),
        ("RouteType", "Bogus", "RouteType: \"Bogus\" is not one of Trunk, URL, Forward"),
        ("TrunkTransport2", "SCTP", "TrunkTransport2: \"SCTP\" is not one of UDP, TCP, TLS"),
        ("TrunkEnabled1", "maybe", "TrunkEnabled1: \"maybe\" is not true or false (also yes/no, 1/0)"),
        ("Trunk1Priortiy", "-1", "Trunk1Priortiy: \"-1\" is not a whole number from 0 to 65535"),
        ("Trunk1Weight", "ten", "Trunk1Weight: \"ten\" is not a whole number from 0 to 65535"),
        ("VoiceUrl", "ftp://x.example", "VoiceUrl: \"ftp://x.example\" is not a URI starting with http: or https:"),
        ("VoiceUrl", "not a url", "VoiceUrl: \"not a url\" is not a URI starting with http: or https:"),
        ("WssUri", "https://x.example", "WssUri: \"https://x.example\" is not a URI starting with wss: or ws:"),
        ("TrunkUri1", "nocolon", "TrunkUri1: \"nocolon\" is not an absolute URI"),
        ("IpWhitelist", "1.2.3.4;999.1.1.1", "IpWhitelist: \"999.1.1.1\" is not an IPv4 or IPv6 address"),
        ("VoiceUrlMethod", "PUT", "VoiceUrlMethod: \"PUT\" is not one of GET, POST"),
    ])
    func badValuesAreNamed(field: String, text: String, message: String) {
        #expect(throws: FieldError.self) { try parse(field, text) }
        do { _ = try parse(field, text) } catch { #expect(error.description == message) }
    }

    @Test func flowrouteValuesFollowTheRouteType() throws {
        let value = try RouteSchema.flowrouteV1.resolve("value")
        #expect(try value.parse("16476998778", routeType: "PSTN") == .string("16476998778"))
        #expect(throws: FieldError.self) { try value.parse("1647699877", routeType: "PSTN") }
        #expect(throws: FieldError.self) { try value.parse("+16476998778", routeType: "PSTN") }
        for host in ["24.239.23.40:5060", "sip.example.com", "pbx-1.example.com:5080", "[2001:db8::1]:5060", "2001:db8::2"] {
            #expect(try value.parse(host, routeType: "HOST") == .string(host))
        }
        for bad in ["bad_host!", "host:99999", "-x.example.com"] {
            #expect(throws: FieldError.self) { try value.parse(bad, routeType: "HOST") }
        }
        for uri in ["sip:16476998778@example.com;transport=tcp", "sip:user@10.0.0.1:5060", "sips:a@b.example"] {
            #expect(try value.parse(uri, routeType: "URI") == .string(uri))
        }
        for bad in ["http://example.com", "sip:@example.com", "sip:u@example.com;transport=sctp", "sip:example.com"] {
            #expect(throws: FieldError.self) { try value.parse(bad, routeType: "URI") }
        }
        let type = try RouteSchema.flowrouteV2.resolve("type")
        #expect(try type.parse("PSTN") == .string("number"))
        #expect(try type.parse("HOST") == .string("host"))
    }
}
