import Foundation
import RouteClient
import RouteImport
import RouteModel
import Testing

/// `--from` inside the importer: translated rows go through the same triage, journal and result
/// file as any others, with the translation's note kept on every status a row can end with.
@Suite struct ImportFromTests {
    @Test func translatedRowsUpdateExistingRoutesAndKeepTheirNotes() async throws {
        let harness = try await ImportHarness.start(.telegent)
        defer { Task { await harness.stop() } }
        let text = "id,alias,route_type,value,edge_strategy_id\n"
            + "7,edge,host,10.1.0.5:5070,4\n"
            + "8,bare,host,10.1.0.6,\n"
        let path = try harness.write("fr2.csv", text)
        let first = try await harness.importFile(path) {
            $0.from = .flowroute
            $0.includeInput = true
        }
        #expect(first.counts[.created] == 2)
        let created = try harness.results(harness.directory + "/fr2.results.csv")
        #expect(created.map { $0["RouteName"] } == ["edge", "bare"])
        #expect(created[0]["note"] == "edge_strategy_id=4 not carried: Telegent has no edge strategy")
        #expect(created[0]["value"] == "10.1.0.5:5070", "--include-input repeats the source's own columns")
        #expect(created[1]["note"] == "no port in 10.1.0.6: TrunkPort1=5060, SIP's default for UDP to an address")

        // The same names again, with a new address for one: updated, the note still there.
        try harness.write("fr2.csv", text.replacingOccurrences(of: "10.1.0.5:5070", with: "10.1.0.9:5071"))
        let again = try await harness.importFile(path) {
            $0.from = .flowroute
            $0.onExisting = .update
            $0.resultsPath = harness.directory + "/again.csv"
        }
        #expect(again.counts == [.updated: 1, .unchanged: 1])
        let updated = try harness.results(harness.directory + "/again.csv")
        #expect(updated[0]["status"] == "updated")
        #expect(updated[0]["note"] == "edge_strategy_id=4 not carried: Telegent has no edge strategy")
        #expect(updated[1]["status"] == "unchanged")

        // Skipped, nothing is sent: no note about a translation that was not applied.
        let skipped = try await harness.importFile(path) {
            $0.from = .flowroute
            $0.resultsPath = harness.directory + "/skipped.csv"
        }
        #expect(skipped.counts == [.exists: 2])
        #expect(try harness.results(harness.directory + "/skipped.csv").map { $0["note"] } == ["", ""])
        let routes = try await harness.service.list()
        let edge = try #require(routes.first { $0.key == "edge" })
        #expect(edge.string("TrunkIp1") == "10.1.0.9")
        #expect(edge.string("TrunkPort1") == "5071")
        #expect(edge.string("TrunkTransport1") == "UDP")
        #expect(routes.count == 2)
    }

    @Test func aPlanOfAFlowrouteFileIntoTelegentSaysWhatAnImportWouldDoWithTheNotes() async throws {
        let harness = try await ImportHarness.start(.telegent)
        defer { Task { await harness.stop() } }
        let first = "alias,route_type,value\nkeep,host,10.1.0.5:5070\nmove,host,10.1.0.6:5060\n"
        _ = try await harness.importFile(try harness.write("first.csv", first)) { $0.from = .flowroute }
        let path = try harness.write("fr.csv", "alias,route_type,value,edge_strategy_id\n"
            + "keep,host,10.1.0.5:5070,\nmove,host,10.1.0.7,\nnew,host,10.1.0.8:5060,2\n")
        let writes = harness.sandbox.routeWrites
        let plan = try await harness.importFile(path) {
            $0.from = .flowroute
            $0.onExisting = .update
            $0.plan = true
        }
        #expect(plan.counts == [.unchanged: 1, .toUpdate: 1, .toCreate: 1])
        #expect(harness.sandbox.routeWrites == writes, "a plan sends nothing")
        let rows = try harness.results(harness.directory + "/fr.plan.csv")
        #expect(rows.map { $0["status"] } == ["unchanged", "to-update", "to-create"])
        #expect(rows[1]["changes"] == "TrunkIp1: 10.1.0.6 → 10.1.0.7")
        #expect(rows[1]["note"] == "no port in 10.1.0.7: TrunkPort1=5060, SIP's default for UDP to an address")
        #expect(rows[2]["note"] == "edge_strategy_id=2 not carried: Telegent has no edge strategy")
    }

    @Test func anUpdateThatWouldLeaveFieldsTheSourceLacksIsRefusedNamingEach() async throws {
        let harness = try await ImportHarness.start(.telegent)
        defer { Task { await harness.stop() } }
        _ = try await harness.importFile(try harness.write("tg.csv",
            "RouteName,RouteType,TrunkIp1,TrunkPort1,TrunkTransport1,TrunkUri1,TrunkIp2,TrunkPort2,TrunkTransport2,RouteEnabled\n"
            + "UP1,Trunk,10.20.0.1,5070,TLS,sips:old@10.20.0.1:5070,10.20.0.2,5060,UDP,false\n"
            + "UP2,Trunk,10.20.0.3,5060,UDP,,,,,false\n"
            + "UP3,Trunk,10.20.0.4,5060,UDP,,,,,true\n"))
        let before = try await harness.service.list()
        let path = try harness.write("fr.csv", "alias,route_type,value\n"
            + "UP1,host,10.20.0.9:5060\nUP2,host,10.20.0.3:5060\nUP3,number,16476998778\n")
        let plan = try await harness.importFile(path) { $0.from = .flowroute; $0.onExisting = .update; $0.plan = true }
        #expect(plan.counts == [.invalid: 2, .toUpdate: 1])
        let planned = try harness.results(harness.directory + "/fr.plan.csv")
        #expect(planned[0]["error"]?.hasPrefix("the update would leave TrunkUri1=sips:old@10.20.0.1:5070, TrunkIp2=10.20.0.2, "
            + "TrunkPort2=5060, TrunkTransport2=UDP, which the Flowroute route does not have") == true)
        #expect(planned[0]["error"]?.contains("delete the route first") == true)
        #expect(planned[1]["changes"] == "TrunkEnabled1: (none) → true; RouteEnabled: false → true")
        #expect(planned[2]["error"]?.hasPrefix("the update would leave TrunkIp1=10.20.0.4, TrunkPort1=5060, TrunkTransport1=UDP") == true)

        let summary = try await harness.importFile(path) { $0.from = .flowroute; $0.onExisting = .update }
        #expect(summary.counts == [.invalid: 2, .updated: 1])
        let routes = try await harness.service.list()
        #expect(routes.first { $0.key == "UP1" } == before.first { $0.key == "UP1" }, "nothing sent for a refused row")
        let enabled = try #require(routes.first { $0.key == "UP2" })
        #expect(enabled["RouteEnabled"] == .boolean(true), "the disabled route is enabled, as the Flowroute route is")
    }

    @Test func theAccountsOwnProviderIsAUsageError() async throws {
        let harness = try await ImportHarness.start(.flowrouteV2)
        defer { Task { await harness.stop() } }
        let path = try harness.write("fr.csv", "alias,route_type,value\nr,host,10.0.0.5:5060\n")
        await #expect(throws: ImportError.self) {
            try await harness.importFile(path) { $0.from = .flowroute }
        }
        #expect(try await harness.serverRoutes().keys.filter { $0 != "sip-reg" }.isEmpty)
    }
}
