import Foundation
import Testing
@testable import RouteModel

@Suite struct TelegentWireTests {
    @Test func encodesTheDocumentedMinimalCreateExactly() throws {
        let route = try Route.parse(
            assignments: ["RouteName=Main SIP Trunk", "RouteType=Trunk", "TrunkIp1=20.87.87.87", "TrunkPort1=5061", "TrunkTransport1=UDP"],
            dialect: .telegent)
        #expect(TelegentWire.encode(route).serialized ==
            #"{"RouteName":"Main SIP Trunk","RouteType":"Trunk","TrunkIp1":"20.87.87.87","TrunkPort1":"5061","TrunkTransport1":"UDP"}"#)
    }

    @Test func encodesEveryTypeAsTheServiceExpects() throws {
        let route = try Route.parse(
            assignments: ["RouteName=r", "RouteType=Trunk", "Trunk1Priortiy=10", "TrunkEnabled1=yes", "TrunkPort2=5060",
                          "IpWhitelist=20.20.10.10;20.20.10.20", "VocieAuthenticationType=basic"],
            dialect: .telegent)
        let json = TelegentWire.encode(route)
        #expect(json["Trunk1Priortiy"] == .int(10))
        #expect(json["TrunkEnabled1"] == .bool(true))
        #expect(json["TrunkPort2"] == .string("5060"))
        #expect(json["VoiceAuthenticationType"] == .string("Basic"))
        #expect(json["IpWhitelist"] == .array([.object([("IpAddress", .string("20.20.10.10"))]), .object([("IpAddress", .string("20.20.10.20"))])]))
        #expect(try TelegentWire.decodeRoute(try JSON(parsing: Data(json.serialized.utf8))) == route)
    }

    /// The create answer of the seed, with `IpWhiteList` spelled as the service answers it.
    @Test func decodesTheDocumentedCreateAnswer() throws {
        let body = #"""
        {"CallRouteId":"CRID-509de94f-79cc-429b-a317-2102654dabbb","AccountId":"AID-ab12345-2725-45a1-bd5e-526ed19799xx",
         "RouteName":"Main SIP Trunk","RouteType":"Trunk","VoiceUrl":"https://domain.com","VoiceUrlMethod":"POST",
         "TrunkIp1":"20.87.87.87","TrunkIp2":"20.87.87.86","TrunkPort1":"5061","TrunkPort2":"5060","TrunkTransport1":"UDP",
         "TrunkTransport2":"TCP","TrunkUri1":"https://pstn.joonto.com","TrunkUri2":"https://pstn2.joonto.com",
         "TrunkEnabled1":true,"TrunkEnabled2":false,"Trunk1Priortiy":10,"Trunk1Weight":10,"Trunk2Priortiy":20,
         "Trunk2Weight":20,"HeaderManipulation":"HMI8802029","EnableSipRefer":true,"TransferCallerId":"Transferee/Transferor",
         "SymmetricRtp":true,"EnableTrpSecureTrunk":true,"EnablePstnTransfer":true,"CnamLookup":true,
         "TerminationUriSubdomain":"client","EnableCallStreaming":true,"WssUri":"wss://192.67.88.2",
         "IntelligentRouteEnabled":true,"RouteEnabled":true,"IpWhiteList":[{"IpAddress":"20.20.10.10"}],
         "VocieAuthenticationType":"Basic","SomeFutureField":1}
        """#
        let route = try TelegentWire.decodeRoute(try JSON(parsing: Data(body.utf8)))
        #expect(route.id == "CRID-509de94f-79cc-429b-a317-2102654dabbb")
        #expect(route["IpWhitelist"] == .list(["20.20.10.10"]))
        #expect(route["VoiceAuthenticationType"] == .string("Basic"))
        #expect(route["Trunk2Priortiy"] == .integer(20))
        #expect(route["TrunkEnabled2"] == .boolean(false))
        #expect(route.entries.count == 34)
    }

    @Test func decodesListsWithEitherAccountKey() throws {
        let body = #"{"AccountID":"AID-1","TotalRoutes":1,"Results":[{"CallRouteID":"CRID-1","RouteName":"a","RouteType":"URL","CallRouteStatus":"Active","TrunkPort1":5060}]}"#
        let routes = try TelegentWire.decodeList(try JSON(parsing: Data(body.utf8)))
        #expect(routes.count == 1)
        #expect(routes[0].id == "CRID-1")
        #expect(routes[0]["CallRouteStatus"] == .string("Active"))
        #expect(routes[0]["TrunkPort1"] == .string("5060"))
        #expect(throws: WireError.self) { try TelegentWire.decodeList(.object([])) }
    }

    @Test func decodesTheDeleteAnswer() throws {
        let body = #"{"CallRouteStatus":"Deleted","CallRouteId":"CRID-9"}"#
        #expect(try TelegentWire.decodeDeleted(try JSON(parsing: Data(body.utf8))) == "CRID-9")
    }

    @Test func strictDecodingReportsWrongJSONTypesAndUnknownKeys() {
        let body: JSON = .object([("RouteName", .string("a")), ("TrunkPort1", .int(5061)), ("Trunk1Priortiy", .string("10")),
                                  ("TrunkEnabled1", .string("yes")), ("Bogus", .int(1))])
        let (route, problems) = TelegentWire.decodeRoute(body, strict: true)
        #expect(route.key == "a")
        #expect(problems.map(\.field) == ["TrunkPort1", "Trunk1Priortiy", "TrunkEnabled1", "Bogus"])
    }

    @Test func tokenAnswer() throws {
        let body = #"{"token":"eyJ.x.y","successful":true,"tokenExpiry":"05/02/2025 06:36:13 PM","apiEndpoint":"https://api.telegent.com/v1.0/voice/routes","error":""}"#
        let token = try TelegentToken(json: try JSON(parsing: Data(body.utf8)))
        #expect(token.token == "eyJ.x.y")
        #expect(token.expiry == Date(timeIntervalSince1970: 1_746_210_973))
        #expect(TelegentToken.formatExpiry(token.expiry) == "05/02/2025 06:36:13 PM")
        #expect(TelegentToken.formatExpiry(Date(timeIntervalSince1970: 1_746_144_000)) == "05/02/2025 12:00:00 AM")
        #expect(TelegentToken.parseExpiry("05/02/2025 12:30:00 PM") == Date(timeIntervalSince1970: 1_746_189_000))
        #expect(throws: WireError.self) {
            try TelegentToken(json: try JSON(parsing: Data(#"{"token":"","successful":false,"error":"bad secret"}"#.utf8)))
        }
        // A token goes into a header: a hostile server's line break must not split the request.
        #expect(throws: WireError.self) {
            try TelegentToken(json: try JSON(parsing: Data(#"{"token":"a\r\nX-Injected: 1","tokenExpiry":"05/02/2025 06:36:13 PM"}"#.utf8)))
        }
    }
}

@Suite struct ErrorBodyTests {
    @Test func problemDetailsWithFieldErrors() throws {
        let body = #"{"Type":"https://tools.ietf.org/html/rfc7231#section-6.5.1","Title":"One or more validation errors occurred.","Status":400,"Errors":{"$.RouteType":["Route type must be one of: Trunk, URL, Forward"]},"TraceId":"00-1-00"}"#
        let error = try #require(APIErrorBody(json: try JSON(parsing: Data(body.utf8))))
        #expect(error.summary == "RouteType: Route type must be one of: Trunk, URL, Forward")
        #expect(error.title == "One or more validation errors occurred.")
    }

    @Test func notFoundAndUnauthorized() throws {
        let notFound = #"{"Title":"Not Found","Status":404,"Detail":"Voice route with ID 'CRID-1' was not found."}"#
        #expect(APIErrorBody(json: try JSON(parsing: Data(notFound.utf8)))?.summary == "Voice route with ID 'CRID-1' was not found.")
        let unauthorized = #"{"Title":"Unauthorized","Status":401}"#
        #expect(APIErrorBody(json: try JSON(parsing: Data(unauthorized.utf8)))?.summary == "Unauthorized")
    }

    @Test func theSeedsSimplerShape() throws {
        let body = #"{"StatusCode":400,"Message":"Bad request: one or more required fields are missing or contain an invalid value."}"#
        #expect(APIErrorBody(json: try JSON(parsing: Data(body.utf8)))?.detail
            == "Bad request: one or more required fields are missing or contain an invalid value.")
    }

    @Test func flowrouteShapes() throws {
        let v2 = #"{"errors":[{"id":"u","status":401,"title":"Unauthorized","detail":"Authentication failed."}]}"#
        #expect(APIErrorBody(json: try JSON(parsing: Data(v2.utf8)))?.summary == "Authentication failed.")
        #expect(APIErrorBody(json: .object([])) == nil)
    }

    @Test func sandboxShapesRoundTrip() throws {
        let body = APIErrorBody(title: "One or more validation errors occurred.", fieldErrors: [("TrunkIp1", ["bad"])])
        #expect(APIErrorBody(json: body.telegentJSON(status: 400, traceID: "t")) == body)
        let flowroute = APIErrorBody(title: "Unauthorized", detail: "Authentication failed.")
        #expect(APIErrorBody(json: flowroute.flowrouteJSON(status: 401, id: "x")) == flowroute)
    }
}

@Suite struct FlowrouteWireTests {
    @Test func v1BodiesAndList() throws {
        let route = try Route.parse(assignments: ["route_name=HOSTroute1", "type=host", "value=24.239.23.40:5060"], dialect: .flowrouteV1)
        #expect(FlowrouteWire.encodeV1(route).serialized == #"{"type":"HOST","value":"24.239.23.40:5060"}"#)
        let list = #"{"routes":{"HOSTroute1":{"type":"HOST","value":"24.239.23.40:5060"},"sip-reg":{"type":"SIP-REG","value":"sip-reg"}}}"#
        let routes = try FlowrouteWire.decodeV1List(try JSON(parsing: Data(list.utf8)))
        #expect(routes.map(\.key) == ["HOSTroute1", "sip-reg"])
        #expect(routes[0] == route)
    }

    @Test func v2Resources() throws {
        let route = try Route.parse(assignments: ["alias=r1", "route_type=PSTN", "value=16476998778", "edge_strategy_id=4"], dialect: .flowrouteV2)
        #expect(FlowrouteWire.encodeV2(route).serialized ==
            #"{"data":{"type":"route","attributes":{"alias":"r1","route_type":"number","value":"16476998778","edge_strategy_id":4}}}"#)
        let answer = #"{"data":{"type":"route","id":"98396","attributes":{"alias":"r1","route_type":"number","value":"16476998778"},"links":{"self":"x"}}}"#
        let decoded = try FlowrouteWire.decodeV2Resource(try JSON(parsing: Data(answer.utf8)))
        #expect(decoded.id == "98396")
        #expect(decoded.key == "r1")
        let list = #"{"data":[{"type":"route","id":"0","attributes":{"alias":"sip-reg","route_type":"sip-reg","value":null}}],"links":{"self":"a","next":"b"}}"#
        let page = try FlowrouteWire.decodeV2List(try JSON(parsing: Data(list.utf8)))
        #expect(page.routes.first?.id == "0")
        #expect(page.next == "b")
    }
}

@Suite struct TelegentAnswerTests {
    @Test func answersSpellIpWhiteListAndLeaveSecretsOut() throws {
        let route = try Route.parse(
            assignments: ["RouteName=r", "RouteType=URL", "VoicePasswordToken=hunter2", "IpWhitelist=1.2.3.4"],
            dialect: .telegent)
        let answer = TelegentWire.encodeAnswer(route)
        #expect(answer.serialized == #"{"RouteName":"r","RouteType":"URL","IpWhiteList":[{"IpAddress":"1.2.3.4"}]}"#)
        #expect(try TelegentWire.decodeRoute(answer)["IpWhitelist"] == .list(["1.2.3.4"]))
    }
}
