import Foundation
import Testing

/// Every `routes` command and `export` against the embedded sandbox, through the built binary.
@Suite struct RoutesCommandTests {
    let cli: RoutesCLIHarness

    init() throws { cli = try RoutesCLIHarness() }

    @Test func createShowUpdateListDeleteOnTelegent() throws {
        let created = try cli.run(["routes", "create", "RouteName=Main SIP Trunk", "RouteType=Trunk", "TrunkIp1=20.87.87.87",
                                   "TrunkPort1=5061", "TrunkTransport1=UDP", "VoicePasswordToken=hunter2"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stderr.contains("routectl: using the local sandbox at http://127.0.0.1:"))
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(id.hasPrefix("CRID-"))

        let shown = try cli.run(["routes", "show", id, "--output", "json", "--quiet"])
        #expect(shown.status == 0)
        #expect(shown.stderr.isEmpty)
        #expect(shown.stdout.contains(#""TrunkPort1":"5061""#))
        #expect(!shown.stdout.contains("hunter2"))

        let updated = try cli.run(["routes", "update", id, "trunk1priority=3", "-q"])
        #expect(updated.status == 0, "\(updated.stderr)")
        #expect(updated.stdout.contains(#""Trunk1Priortiy":3"#))

        let table = try cli.run(["routes", "list", "--output", "table", "-q"])
        #expect(table.lines.first?.hasPrefix("CallRouteId") == true)
        #expect(table.stdout.contains("UDP 20.87.87.87:5061"))

        let deleted = try cli.run(["routes", "delete", id, "-q"])
        #expect(deleted.status == 0, "\(deleted.stderr)")
        let gone = try cli.run(["routes", "show", id, "-q"])
        #expect(gone.status == 1)
        #expect(gone.stderr == "routectl: no route has the id or name \"\(id)\"\n")
    }

    @Test func routesAreNamedByTheirExactName() throws {
        let trunk = ["RouteType=Trunk", "TrunkIp1=20.87.87.87", "TrunkPort1=5061", "TrunkTransport1=UDP", "-q"]
        let first = try cli.run(["routes", "create", "RouteName=Toronto SIP trunk"] + trunk)
        let id = first.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let shown = try cli.run(["routes", "show", "Toronto SIP trunk", "--output", "json", "-q"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains(#""CallRouteId":"\#(id)""#))
        let updated = try cli.run(["routes", "update", "Toronto SIP trunk", "TrunkPort1=5062", "--output", "json", "-q"])
        #expect(updated.status == 0, "\(updated.stderr)")
        #expect(updated.stdout.contains(#""TrunkPort1":"5062""#))

        let none = try cli.run(["routes", "show", "Toronto", "-q"])
        #expect(none.status == 1)
        #expect(none.stderr == "routectl: no route has the id or name \"Toronto\"\n")

        let second = try cli.run(["routes", "create", "RouteName=Toronto SIP trunk"] + trunk)
        let other = second.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let name = "Toronto SIP trunk"
        for command in [["show", name], ["update", name, "TrunkPort1=5063"], ["delete", "--yes", name], ["edit", name]] {
            let ambiguous = try cli.run(["routes"] + command + ["-q"], environment: ["EDITOR": "false"])
            #expect(ambiguous.status == 64, "\(command)")
            #expect(ambiguous.stderr.hasPrefix("routectl: 2 routes are named \"Toronto SIP trunk\"; give the id of the one you mean:\n"))
            #expect(ambiguous.stderr.contains("\(id)  Toronto SIP trunk  Trunk") && ambiguous.stderr.contains("\(other)  Toronto SIP trunk  Trunk"))
        }
        #expect(try cli.run(["routes", "list", "--output", "csv", "-q"]).lines.count == 3)
    }

    @Test func anEmptyValueIsRefusedNotIgnored() throws {
        let created = try cli.run(["routes", "create", "RouteName=Main", "RouteType=Trunk", "TrunkIp1=20.87.87.87",
                                   "TrunkPort1=5061", "TrunkTransport1=UDP", "Trunk1Priortiy=3", "-q"])
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let cleared = try cli.run(["routes", "update", id, "Trunk1Priortiy=", "-q"])
        #expect(cleared.status == 64)
        #expect(cleared.stderr == """
            routectl: Trunk1Priortiy: cannot be emptied: Telegent's update changes only the fields it is sent and has no way \
            to empty one; give it another value instead\n
            """)
        let misspelled = try cli.run(["routes", "update", id, "Trunk1Priorty=", "-q"])
        #expect(misspelled.status == 64)
        #expect(misspelled.stderr.hasPrefix("routectl: unknown field \"Trunk1Priorty\" (did you mean Trunk1Priortiy"))
        let shown = try cli.run(["routes", "show", id, "--output", "json", "-q"])
        #expect(shown.stdout.contains(#""Trunk1Priortiy":3"#))
    }

    @Test func anInvalidEditReopensTheEditorWithItsErrorsAndNothingGoesWithoutYes() throws {
        let created = try cli.run(["routes", "create", "RouteName=Main", "RouteType=Trunk", "TrunkIp1=20.87.87.87",
                                   "TrunkPort1=5060", "TrunkTransport1=UDP", "-q"])
        #expect(created.status == 0, "\(created.stderr)")
        let editor = cli.home.appendingPathComponent("editor.sh")
        try Data("""
            #!/bin/sh
            if grep -q '^#!' "$1"; then
              cp "$1" "$HOME/second.txt"; sed -i 's/^TrunkPort1=.*/TrunkPort1=5062/' "$1"
            else
              sed -i 's/^TrunkPort1=5060$/TrunkPort1=99999/' "$1"
            fi

            """.utf8).write(to: editor)
        chmod(editor.path, 0o755)

        let refused = try cli.run(["routes", "edit", "Main", "-q"], environment: ["EDITOR": editor.path], input: "n\n")
        #expect(refused.status == 0)
        #expect(refused.stderr.contains("  -TrunkPort1=5060\n  +TrunkPort1=5062\nSend these changes? [y/N] routectl: nothing sent\n"))
        let second = try String(contentsOf: cli.home.appendingPathComponent("second.txt"), encoding: .utf8)
        #expect(second.contains("#!   TrunkPort1: \"99999\" is not a port number from 1 to 65535"))
        #expect(second.contains("\nTrunkPort1=99999\n"))

        let sent = try cli.run(["routes", "edit", "Main", "--output", "json", "-q"], environment: ["VISUAL": editor.path], input: "y\n")
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout.contains(#""TrunkPort1":"5062""#))

        let untouched = try cli.run(["routes", "edit", "Main", "-q"], environment: ["EDITOR": "true"])
        #expect(untouched.status == 0)
        #expect(untouched.stderr == "routectl: no changes; nothing sent\n")
        let failed = try cli.run(["routes", "edit", "Main", "-q"], environment: ["EDITOR": "false"])
        #expect(failed.status == 1)
        #expect(failed.stderr == "routectl: the editor \"false\" failed (status 1); nothing sent\n")
    }

    /// An executable `editor.sh` that counts its runs in `$HOME/opens` and then runs `body`.
    private func editor(_ body: String) throws -> String {
        let editor = cli.home.appendingPathComponent("editor.sh")
        try Data("#!/bin/sh\necho >> \"$HOME/opens\"\n\(body)\n".utf8).write(to: editor)
        chmod(editor.path, 0o755)
        return editor.path
    }

    private var opens: Int {
        let text = try? String(contentsOf: cli.home.appendingPathComponent("opens"), encoding: .utf8)
        return text?.count ?? 0
    }

    private func createMain() throws {
        let created = try cli.run(["routes", "create", "RouteName=Main", "RouteType=Trunk", "TrunkIp1=20.87.87.87",
                                   "TrunkPort1=5060", "TrunkTransport1=UDP", "-q"])
        #expect(created.status == 0, "\(created.stderr)")
    }

    @Test func aScriptedEditorThatNeverFixesTheEditGivesUpAfterTenRounds() throws {
        try createMain()
        let appending = try editor("echo Bogus=1 >> \"$1\"")
        let outcome = try cli.run(["routes", "edit", "Main", "-q"], environment: ["EDITOR": appending], timeout: .seconds(60))
        #expect(outcome.status == 64)
        #expect(outcome.stderr.hasPrefix("routectl: edit abandoned after 10 invalid edits in a row; nothing sent:\n  unknown field \"Bogus\""))
        #expect(opens == 10)
    }

    @Test func anEditorThatEmptiesTheFileGivesUp() throws {
        try createMain()
        let emptying = try editor(": > \"$1\"")
        let outcome = try cli.run(["routes", "edit", "Main", "-q"], environment: ["EDITOR": emptying], timeout: .seconds(60))
        #expect(outcome.status == 64)
        #expect(outcome.stderr == "routectl: the edit was emptied of every Field=Value line; nothing sent\n")
        #expect(opens == 1)
    }

    @Test func anEditorThatSavesCRLFLineEndingsWorks() throws {
        try createMain()
        let windows = try editor("sed -i 's/^TrunkPort1=5060$/TrunkPort1=5062/; s/$/\\r/' \"$1\"")
        let outcome = try cli.run(["routes", "edit", "Main", "--output", "json", "-q"], environment: ["EDITOR": windows],
                                  input: "y\n", timeout: .seconds(60))
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("  -TrunkPort1=5060\n  +TrunkPort1=5062\nSend these changes?"))
        #expect(outcome.stdout.contains(#""TrunkPort1":"5062""#))
    }

    @Test func aRouteWithALineBreakInAValueIsRefusedBeforeTheEditorOpens() throws {
        let created = try cli.run(["routes", "create", "RouteName=inj\nVoiceUsername=attacker", "RouteType=Trunk",
                                   "TrunkIp1=20.87.87.87", "TrunkPort1=5060", "TrunkTransport1=UDP", "-q"])
        #expect(created.status == 0, "\(created.stderr)")
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let outcome = try cli.run(["routes", "edit", id, "-q"], environment: ["EDITOR": try editor("")], input: "y\n", timeout: .seconds(60))
        #expect(outcome.status == 64)
        #expect(outcome.stderr == """
            routectl: cannot edit this route: RouteName holds a line break or other control character \
            ("inj⏎VoiceUsername=attacker"), which cannot be edited as a line of text; set it with `routes update` instead\n
            """)
        #expect(opens == 0)
        let shown = try cli.run(["routes", "show", id, "--output", "json", "-q"])
        #expect(shown.stdout.contains(#""RouteName":"inj\nVoiceUsername=attacker""#) && !shown.stdout.contains(#""VoiceUsername":"#))
    }

    @Test func aFieldGivenTwiceOnTheCommandLineIsRefused() throws {
        let twice = try cli.run(["routes", "create", "RouteName=A", "RouteType=Trunk", "TrunkIp1=20.87.87.87",
                                 "TrunkPort1=5060", "TrunkTransport1=UDP", "trunkport1=5061", "-q"])
        #expect(twice.status == 64)
        #expect(twice.stderr == "routectl: TrunkPort1 is given twice\n")
        try createMain()
        let updated = try cli.run(["routes", "update", "Main", "TRUNKPORT1=5065", "TrunkPort1=5066", "-q"])
        #expect(updated.status == 64)
        #expect(updated.stderr == "routectl: TrunkPort1 is given twice\n")
        let shown = try cli.run(["routes", "show", "Main", "--output", "json", "-q"])
        #expect(shown.stdout.contains(#""TrunkPort1":"5060""#))
    }

    @Test func aDryRunReadsTheActiveProfilesProvider() throws {
        _ = try cli.run(["profiles", "add", "fr", "--base-url", "https://api.flowroute.com/v2", "--account-key", "AK",
                         "--account-secret", "s"])
        #expect(try cli.run(["profiles", "use", "fr"]).status == 0)
        try Data("alias,route_type,value\nr1,host,1.2.3.4:5060\n".utf8).write(to: cli.home.appendingPathComponent("fr.csv"))
        let checked = try cli.run(["import", "fr.csv", "--dry-run", "-q"])
        #expect(checked.status == 0, "\(checked.stderr)")
    }

    @Test func invalidInputIsRefusedLocallyWithExit64() throws {
        let typo = try cli.run(["routes", "create", "RouteName=A", "RouteTyp=Trunk", "-q"])
        #expect(typo.status == 64)
        #expect(typo.stderr == "routectl: unknown field \"RouteTyp\" (did you mean RouteType?)\n")
        let missing = try cli.run(["routes", "create", "RouteName=A", "RouteType=Trunk", "-q"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("TrunkIp1: is required for RouteType=Trunk"))
    }

    @Test func exportWritesTheImportHeaderWithoutSecrets() throws {
        _ = try cli.run(["routes", "create", "RouteName=Hook", "RouteType=URL", "VoiceUrl=https://example.com/v",
                         "VoiceUrlMethod=POST", "VoicePasswordToken=hunter2", "IpWhitelist=1.2.3.4;5.6.7.8", "-q"])
        let exported = try cli.run(["export", "routes.csv"])
        #expect(exported.status == 0)
        let csv = try String(contentsOf: cli.home.appendingPathComponent("routes.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        #expect(lines.first?.hasPrefix("CallRouteId,RouteName,RouteType,VoiceUrl") == true)
        #expect(!csv.contains("VoicePasswordToken") && !csv.contains("hunter2"))
        #expect(csv.contains("1.2.3.4;5.6.7.8"))
        #expect(lines.count == 2)
    }

    @Test func flowrouteRoutesUseFlowrouteNames() throws {
        let v1 = try cli.run(["routes", "create", "route_name=HOSTroute1", "type=HOST", "value=24.239.23.40:5060",
                              "--provider", "flowroute-v1", "-q"])
        #expect(v1.stdout == "HOSTroute1\n", "\(v1.stderr)")
        let v2 = try cli.run(["routes", "create", "alias=r1", "route_type=host", "value=1.2.3.4:5060", "--provider", "flowroute", "-q"])
        #expect(v2.status == 0, "\(v2.stderr)")
        let id = v2.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let list = try cli.run(["routes", "list", "--provider", "flowroute", "--output", "csv", "-q"])
        #expect(list.lines.first == "id,alias,route_type,value,edge_strategy_id")
        #expect(list.stdout.contains("\(id),r1,host,1.2.3.4:5060,"))
        let deleted = try cli.run(["routes", "delete", id, "--provider", "flowroute", "-q"])
        #expect(deleted.status == 0)
    }

    @Test func anUnreachableServerExits3() throws {
        let outcome = try cli.run(["routes", "list", "--base-url", "http://127.0.0.1:1/v1.0", "--connect-timeout", "2"],
                                  environment: ["ROUTECTL_ACCOUNT_KEY": "k", "ROUTECTL_ACCOUNT_SECRET": "s"])
        #expect(outcome.status == 3)
        #expect(outcome.stderr == "routectl: cannot connect to http://127.0.0.1:1: connection refused\n")
    }
}
