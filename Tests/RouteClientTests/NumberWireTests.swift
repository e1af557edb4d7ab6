import RouteModel
import Testing
@testable import RouteClient

/// Numbers as the services write them, read without trusting them.
@Suite struct NumberWireTests {
    private func json(_ text: String) throws -> JSON { try JSON(parsing: Array(text.utf8)) }

    @Test func telegentVoiceOffMeansNoRoute() throws {
        let on = try NumberWire.telegent(json(#"{"PhoneNumber": "+12065550100", "VoiceEnabled": true, "VoiceRouteId": "CRID-1"}"#))
        #expect(on.number.e164 == "+12065550100" && on.routing == NumberRouting(primary: "CRID-1"))
        let off = try NumberWire.telegent(json(#"{"PhoneNumber": "+12065550100", "VoiceEnabled": false, "VoiceRouteId": "CRID-1"}"#))
        #expect(off.routing == .none)
        let answer = try NumberWire.telegent(json(#"{"UpdateOrderId": "UOID-1", "Number": "+12065550100", "VoiceEnabled": false, "VoiceRouteId": null}"#))
        #expect(answer.routing == .none)
        #expect(throws: WireError.unexpected("VoiceRouteId of +12065550100 is 7, not text")) {
            try NumberWire.telegent(json(#"{"PhoneNumber": "+12065550100", "VoiceEnabled": true, "VoiceRouteId": 7}"#))
        }
        #expect(throws: WireError.unexpected(#"PhoneNumber "2065550100.0" is not a phone number: it looks like a spreadsheet turned the number into a float: format the column as text"#)) {
            try NumberWire.telegent(json(#"{"PhoneNumber": "2065550100.0", "VoiceEnabled": false}"#))
        }
    }

    @Test func flowrouteV1RoutesAreAnOrderedListOfAtMostTwo() throws {
        let listed = try NumberWire.v1List(json("""
            {"tns": {"12065550100": {"tn": "12065550100", "routes": [{"name": "west"}, {"name": "east"}]},
                     "12065550101": {"routes": []}},
             "links": {"next": "/v1/tns/?limit=2&page=2"}}
            """))
        #expect(listed.numbers.map(\.number.e164) == ["+12065550100", "+12065550101"])
        #expect(listed.numbers.map(\.routing) == [NumberRouting(primary: "west", failover: "east"), .none])
        #expect(listed.next == "/v1/tns/?limit=2&page=2")
        #expect(throws: WireError.unexpected("+12065550100 has 3 routes; a number has a primary and at most one failover route")) {
            try NumberWire.v1Number(json(#"{"tn": "12065550100", "routes": [{"name": "a"}, {"name": "b"}, {"name": "c"}]}"#))
        }
        #expect(throws: WireError.unexpected("a route of +12065550100 has no name")) {
            try NumberWire.v1Number(json(#"{"tn": "12065550100", "routes": [{"type": "HOST"}]}"#))
        }
    }

    @Test func flowrouteV2RelationshipsAreRouteIds() throws {
        let number = try NumberWire.v2Number(json("""
            {"data": {"type": "number", "id": "12065550100", "attributes": {"value": "12065550100"},
             "relationships": {"primary_route": {"data": {"type": "route", "id": 98396}}, "failover_route": {"data": null}}}}
            """))
        #expect(number.routing == NumberRouting(primary: "98396"))
        #expect(throws: WireError.unexpected("the number list has no data array")) { try NumberWire.v2List(json(#"{"links": {}}"#)) }
        #expect(throws: WireError.unexpected(#"id "0012065550100" is not a phone number: an E.164 number starts with its country code, never 0"#)) {
            try NumberWire.v2Number(json(#"{"type": "number", "id": "0012065550100"}"#))
        }
    }
}
