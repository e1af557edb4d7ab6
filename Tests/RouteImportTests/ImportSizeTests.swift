import Foundation
import RouteClient
import RouteImport
import RouteModel
import Testing

/// Sizes beyond what any in-memory window holds: the account and the names seen live in the
/// journal, and the list is read as a stream.
@Suite("import at any size")
struct ImportSizeTests {
    @Test("a duplicate name thousands of rows after its first use is found")
    func duplicateFarAway() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        var text = trunkCSV(0..<5000)
        text += "route-3,Trunk,10.9.9.9,5061,UDP\n"
        let input = try harness.write("far.csv", text)
        let summary = try await harness.importFile(input) { $0.dryRun = true }
        #expect(summary.counts[.valid] == 5000)
        let results = try harness.results(harness.directory + "/far.results.csv")
        #expect(results.last?["status"] == "invalid")
        #expect(results.last?["error"] == "duplicate RouteName in row 4")
    }

    @Test("an account of 20,000 routes is listed as a stream, indexed in the journal, and left alone")
    func largeAccount() async throws {
        let harness = try await ImportHarness.start { $0.seedRoutes = 20_000 }
        defer { Task { await harness.stop() } }
        var streamed = 0
        try await harness.service.forEachRoute { _ in streamed += 1 }
        #expect(streamed == 20_000)
        // Two new names and one that the seed made.
        let input = try harness.write("few.csv", """
            RouteName,RouteType,TrunkIp1,TrunkPort1,TrunkTransport1
            new-1,Trunk,10.0.0.1,5061,UDP
            seed-012345,Trunk,10.0.0.2,5061,UDP
            new-2,Trunk,10.0.0.3,5061,UDP
            """)
        let summary = try await harness.importFile(input)
        #expect(summary.exitStatus == .success, "\(summary.description)")
        #expect(summary.counts[.created] == 2 && summary.counts[.exists] == 1)
        #expect(summary.verification?.routes == 20_002)
        #expect(summary.verification?.isClean == true)
    }
}
