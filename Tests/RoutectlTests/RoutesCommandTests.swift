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
        #expect(gone.stderr == "routectl: 404 — voice route \(id) was not found\n")
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
