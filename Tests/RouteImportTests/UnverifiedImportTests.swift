import Foundation
import RouteModel
import Testing

/// An import whose service goes away before the final check: the rows still end with their
/// results, and the summary says the check could not be made.
@Suite struct UnverifiedImportTests {
    @Test func aServiceGoneBeforeTheCheckIsSaidInTheSummary() async throws {
        let harness = try await ImportHarness.start(requestTimeout: .seconds(4)) { $0.latency = .milliseconds(100) }
        defer { Task { await harness.stop() } }
        let input = try harness.write("gone.csv", trunkCSV(0..<200))
        let running = Task { try await harness.importFile(input) { $0.concurrency = 8; $0.maxErrors = 1000 } }
        while try await harness.serverRoutes().count < 20 { try await Task.sleep(for: .milliseconds(10)) }
        await harness.sandbox.stop()
        let summary = try await running.value

        #expect(summary.unverified != nil)
        #expect(summary.verification == nil)
        #expect(summary.exitStatus == .fatal)
        #expect(summary.description.contains("not verified: cannot list the account's routes to verify the import"))
        #expect(summary.description.contains("--verify"))
        let results = try harness.results(harness.directory + "/gone.results.csv")
        #expect(results.count == 200)
        #expect(results.contains { $0["status"] == "created" } && results.contains { $0["status"] == "failed" })
    }

    @Test func ctrlCDuringTheCheckIsAnInterruptionWithTheResultsWritten() async throws {
        // Every answer 4 s late: the cancel below lands while the check's listing is held, even on
        // a machine busy enough to keep this task waiting for a second or two.
        let harness = try await ImportHarness.start { $0.latency = .seconds(4) }
        defer { Task { await harness.stop() } }
        let input = try harness.write("stopped.csv", trunkCSV(0..<5))
        let running = Task { try await harness.importFile(input) }
        // The result file is written while the check's listing is on its way.
        let resultsPath = harness.directory + "/stopped.results.csv"
        while !FileManager.default.fileExists(atPath: resultsPath) { try await Task.sleep(for: .milliseconds(20)) }
        running.cancel()
        let summary = try await running.value

        #expect(summary.verification == nil)
        #expect(summary.exitStatus == .interrupted)
        #expect(summary.description.contains("not verified: interrupted during the final check"), "\(summary.description)")
        #expect(!summary.description.contains("before any row was sent"))
        let results = try harness.results(resultsPath)
        #expect(results.count == 5 && results.allSatisfy { $0["status"] == "created" })
    }
}
