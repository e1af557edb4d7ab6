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
        #expect(again.counts[.updated] == 2)
        let updated = try harness.results(harness.directory + "/again.csv")
        #expect(updated[0]["status"] == "updated")
        #expect(updated[0]["note"] == "edge_strategy_id=4 not carried: Telegent has no edge strategy")
        let routes = try await harness.service.list()
        let edge = try #require(routes.first { $0.key == "edge" })
        #expect(edge.string("TrunkIp1") == "10.1.0.9")
        #expect(edge.string("TrunkPort1") == "5071")
        #expect(edge.string("TrunkTransport1") == "UDP")
        #expect(routes.count == 2)
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
