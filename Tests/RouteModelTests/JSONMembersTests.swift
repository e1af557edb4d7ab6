import Testing
import RouteModel

/// Reading two members of a route without building the rest: the others are skipped, but a
/// malformed one is still an error.
@Suite struct JSONMembersTests {
    static func members(_ text: String, _ names: [String] = ["CallRouteId", "RouteName"]) throws -> [JSON?] {
        try JSON.members(names, parsing: Array(text.utf8))
    }

    @Test func picksTheNamedMembersAndSkipsTheRest() throws {
        let text = #"""
            {"Note":"a \"RouteName\": x \\ \u00e9","Nested":{"RouteName":"inner","List":[1,-2.5e3,true,null,{"a":[]}]},
             "RouteName":"Toronto \"SIP\" trunk","Empty":{},"Arr":[],"CallRouteId":"CRID-1","Last":false}
            """#
        #expect(try Self.members(text) == [.string("CRID-1"), .string(#"Toronto "SIP" trunk"#)])
    }

    @Test func anAbsentOrEscapedNameIsHandled() throws {
        #expect(try Self.members(#"{"RouteName":"a"}"#) == [nil, .string("a")])
        #expect(try Self.members(#"{"Route\u004eame":"b"}"#) == [nil, .string("b")])
        #expect(try Self.members("{}") == [nil, nil])
    }

    @Test(arguments: [
        #"{"RouteName":"a","X":[1,}"#, #"{"RouteName":"a","X":"\q"}"#, #"{"X":{"a" 1},"RouteName":"a"}"#,
        #"{"RouteName":"a"} tail"#, #"["RouteName"]"#, #"{"X":tru,"RouteName":"a"}"#, "{\"X\":\"a\u{1}b\"}",
        #"{"X":"\u12"}"#, #"{"RouteName":"a""#,
    ])
    func aMalformedSkippedMemberIsStillAnError(text: String) {
        #expect(throws: (any Error).self) { try Self.members(text) }
    }

    @Test func deepNestingInASkippedMemberIsRefused() {
        let deep = "{\"X\":" + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}"
        #expect(throws: (any Error).self) { try Self.members(deep) }
    }

    @Test func aListedRouteGivesItsIdAndName() throws {
        let element = Array(#"{"CallRouteId":"CRID-9","RouteName":"n","RouteType":"Trunk","TrunkIp1":"10.0.0.1"}"#.utf8)
        let listed = try TelegentWire.decodeListedName(element)
        #expect(listed.id == "CRID-9" && listed.name == "n")
        let numeric = Array(#"{"CallRouteId":7,"RouteName":"n"}"#.utf8)
        #expect(throws: WireError.self) { try TelegentWire.decodeListedName(numeric) }
        // Without its id a listed route cannot be told apart: an import passing over it would
        // create its name again. It is an error that names the route.
        for element in [#"{"CallRouteId":null,"RouteName":"n"}"#, #"{"RouteName":"n"}"#, #"{"CallRouteId":"","RouteName":"n"}"#] {
            #expect {
                try TelegentWire.decodeListedName(Array(element.utf8))
            } throws: { error in
                "\(error)".contains("no CallRouteId (RouteName \"n\")")
            }
        }
    }
}
