import Testing
@testable import RouteModel

@Suite struct RouteEditTests {
    private let route: Route = {
        var route = try! Route.parse(assignments: [
            "RouteName=Toronto SIP trunk", "RouteType=Trunk", "TrunkIp1=20.87.87.87", "TrunkPort1=5060",
            "TrunkTransport1=UDP", "IpWhitelist=10.0.0.1;10.0.0.2",
        ], dialect: .telegent)
        route["CallRouteId"] = .string("CRID-1")
        route["CallRouteStatus"] = .string("Active")
        return route
    }()

    private func replacing(_ old: String, with new: String, in text: String) -> String {
        text.replacingOccurrences(of: old, with: new)
    }

    @Test func everyCatalogFieldIsALineAndTheEmptyOnesAreCommented() {
        let text = RouteEdit(route).text()
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("RouteName=Toronto SIP trunk"))
        #expect(lines.contains("IpWhitelist=10.0.0.1;10.0.0.2"))
        #expect(lines.contains("# TrunkIp2="))
        #expect(lines.contains("# CallRouteId: CRID-1 (set by the service)"))
        for field in RouteSchema.telegent.writableFields {
            #expect(lines.contains { $0.hasPrefix(field.name + "=") || $0.hasPrefix("# " + field.name + "=") }, "\(field.name)")
        }
    }

    @Test func theUntouchedTextChangesNothing() throws {
        let edit = RouteEdit(route)
        #expect(try edit.changes(in: edit.text()).entries.isEmpty)
    }

    @Test func onlyTheChangedFieldsAreSent() throws {
        let edit = RouteEdit(route)
        var text = replacing("TrunkPort1=5060", with: "TrunkPort1=5062", in: edit.text())
        text = replacing("# Trunk1Weight=", with: "Trunk1Weight=7", in: text)
        let changes = try edit.changes(in: text)
        #expect(changes.entries.map { $0.field.name } == ["TrunkPort1", "Trunk1Weight"])
        #expect(changes["TrunkPort1"] == .string("5062"))
        #expect(edit.diff(changes) == ["-TrunkPort1=5060", "+TrunkPort1=5062", "+Trunk1Weight=7"])
    }

    @Test func everyProblemIsReportedWithADidYouMean() {
        let edit = RouteEdit(route)
        var text = replacing("TrunkPort1=5060", with: "TrnkPort1=5062", in: edit.text())
        text = replacing("TrunkIp1=20.87.87.87", with: "TrunkIp1=300.1.1.1", in: text)
        text += "RouteName=again\nnonsense\n"
        #expect(throws: RouteEdit.Problems.self) { try edit.changes(in: text) }
        let found = problems(edit, text)
        #expect(found.contains("unknown field \"TrnkPort1\" (did you mean TrunkPort1, TrunkPort2?)"))
        #expect(found.contains { $0.hasPrefix("TrunkIp1: \"300.1.1.1\" is not") })
        #expect(found.contains("RouteName is given twice"))
        #expect(found.contains("\"nonsense\" is not Field=Value"))
        #expect(found.contains { $0.hasPrefix("TrunkPort1: cannot be emptied") })
    }

    @Test func emptyingAFieldIsRefusedWithTheReason() {
        let edit = RouteEdit(route)
        let cleared = replacing("TrunkIp1=20.87.87.87", with: "TrunkIp1=", in: edit.text())
        #expect(problems(edit, cleared) == [
            "TrunkIp1: cannot be emptied: Telegent's update changes only the fields it is sent and has no way to empty one; give it another value instead",
        ])
        let removed = replacing("RouteName=Toronto SIP trunk\n", with: "", in: edit.text())
        #expect(problems(edit, removed) == ["RouteName: cannot be emptied: every Telegent route must have one"])
    }

    @Test func aFlowrouteV1RouteKeepsItsName() throws {
        let route = try Route.parse(assignments: ["route_name=trunk1", "type=HOST", "value=1.2.3.4:5060"], dialect: .flowrouteV1)
        let edit = RouteEdit(route)
        #expect(problems(edit, replacing("route_name=trunk1", with: "route_name=trunk2", in: edit.text()))
            == ["route_name: Flowroute v1 routes cannot be renamed (the name is the id)"])
        let changes = try edit.changes(in: replacing("value=1.2.3.4:5060", with: "value=1.2.3.5", in: edit.text()))
        #expect(changes["value"] == .string("1.2.3.5"))
    }

    @Test func errorsGoAboveTheEditedTextAndAreReplacedNextTime() {
        let edit = RouteEdit(route)
        let edited = replacing("TrunkPort1=5060", with: "TrunkPort1=0", in: edit.text())
        let again = edit.text(problems: ["first problem"], edited: edited)
        #expect(again.hasPrefix("#! This edit was not sent"))
        #expect(again.contains("#!   first problem\n"))
        #expect(again.contains("TrunkPort1=0"))
        let third = edit.text(problems: ["second problem"], edited: again)
        #expect(!third.contains("first problem") && third.contains("second problem"))
        #expect(problems(edit, third).count == 1)
    }

    @Test func updateArgumentsThatEmptyAFieldAreRefused() {
        #expect(throws: FieldError.cannotClear(field: "Trunk1Priortiy", reason:
            "Telegent's update changes only the fields it is sent and has no way to empty one; give it another value instead")) {
            try Route.parseChanges(assignments: ["Trunk1Priortiy="], dialect: .telegent)
        }
        do {
            _ = try Route.parseChanges(assignments: ["Trunk1Priorty="], dialect: .telegent)
            Issue.record("a misspelled field was accepted")
        } catch {
            #expect(error.description.hasPrefix("unknown field \"Trunk1Priorty\" (did you mean Trunk1Priortiy"))
        }
        #expect(throws: FieldError.cannotClear(field: "value", reason: "every Flowroute v2 route must have one")) {
            try Route.parseChanges(assignments: ["destination="], dialect: .flowrouteV2)
        }
        #expect(throws: Never.self) { try Route.parseChanges(assignments: ["RouteName=a=b"], dialect: .telegent) }
    }

    @Test func crlfLineEndingsReadAsLines() throws {
        let edit = RouteEdit(route)
        let windows = edit.text().replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try edit.changes(in: windows).entries.isEmpty)
        let changed = try edit.changes(in: replacing("TrunkPort1=5060", with: "TrunkPort1=5062", in: windows))
        #expect(changed.entries.map { $0.field.name } == ["TrunkPort1"])
        let again = edit.text(problems: ["second problem"], edited: edit.text(problems: ["first problem"], edited: windows))
        #expect(!again.contains("first problem"))
    }

    @Test func aTextWithNoFieldLineLeftIsEmptied() {
        #expect(RouteEdit.isEmptied(""))
        #expect(RouteEdit.isEmptied("# RouteName=x\r\n\n  \n#! an error\n"))
        #expect(!RouteEdit.isEmptied("# comment\nTrunkPort1=5060"))
        #expect(!RouteEdit.isEmptied(RouteEdit(route).text()))
    }

    @Test func aValueWithALineBreakCannotBeEditedAsText() throws {
        var injected = route
        injected["RouteName"] = .string("inj\nVoiceUsername=attacker")
        injected["CallRouteStatus"] = .string("Active\n\u{1B}[31mred")
        let edit = RouteEdit(injected)
        #expect(edit.refusal == "RouteName holds a line break or other control character (\"inj⏎VoiceUsername=attacker\"), "
            + "which cannot be edited as a line of text; set it with `routes update` instead")
        let lines = edit.text().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "# Telegent route CRID-1 \"inj⏎VoiceUsername=attacker\": one Field=Value a line.")
        #expect(lines.contains("# CallRouteStatus: Active⏎\\e[31mred (set by the service)"))
        var tabbed = route
        tabbed["TrunkIp1"] = .string("1.2.3.4\t")
        #expect(RouteEdit(tabbed).refusal?.hasPrefix("TrunkIp1 holds") == true)
        #expect(RouteEdit(route).refusal == nil)
    }

    @Test func aFieldGivenTwiceOnTheCommandLineIsRefusedAsInTheEditor() {
        #expect(throws: FieldError.givenTwice(field: "TrunkPort1")) {
            try Route.parse(assignments: ["TRUNKPORT1=5065", "TrunkPort1=5066"], dialect: .telegent)
        }
        #expect(throws: FieldError.givenTwice(field: "Trunk1Priortiy")) {
            try Route.parseChanges(assignments: ["Trunk1Priority=1", "trunk1priortiy=2"], dialect: .telegent)
        }
        #expect(FieldError.givenTwice(field: "TrunkPort1").description == "TrunkPort1 is given twice")
    }

    private func problems(_ edit: RouteEdit, _ text: String) -> [String] {
        do {
            _ = try edit.changes(in: text)
            return []
        } catch {
            return error.lines
        }
    }
}
