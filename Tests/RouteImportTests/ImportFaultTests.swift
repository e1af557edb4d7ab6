import Foundation
import RouteClient
import RouteImport
import RouteModel
import Testing

@Suite("import through faults and stops")
struct ImportFaultTests {
    @Test("500/503s, ambiguous creates, a rate limit and expiring tokens: every row created exactly once")
    func faultRun() async throws {
        // A short request timeout keeps the settle delay (3 timeouts) short.
        let harness = try await ImportHarness.start(concurrency: 32, requestTimeout: .seconds(2)) { options in
            options.faults.failRate = 0.1
            options.faults.ambiguousRate = 0.05
            options.rateLimit = 400
            options.tokenTTL = .seconds(3)
            options.seed = 7
        }
        defer { Task { await harness.stop() } }
        let rows = 1500
        let input = try harness.write("faults.csv", trunkCSV(0..<rows))
        let summary = try await harness.importFile(input, retry: RetryPolicy(maxAttempts: 8, baseDelay: .milliseconds(50), maxDelay: .seconds(2))) {
            $0.concurrency = 32
        }

        #expect(summary.exitStatus == .success)
        #expect(summary.counts[.created] == rows)
        let results = try harness.results(harness.directory + "/faults.results.csv")
        #expect(results.count == rows)
        #expect(results.allSatisfy { $0["status"] == "created" })
        #expect(results.contains { Int($0["attempts"] ?? "") ?? 0 > 1 })
        let server = try await harness.serverRoutes()
        #expect(server.count == rows)
        #expect(server.values.allSatisfy { $0.count == 1 }, "a name was created twice")
        #expect(Set(results.compactMap { $0["CallRouteId"] }) == Set(server.values.flatMap { $0 }))
    }

    @Test("Ctrl-C stops sending, drains, marks the rest unprocessed; --resume finishes without duplicates")
    func cancelThenResume() async throws {
        let harness = try await ImportHarness.start { $0.latency = .milliseconds(20) }
        defer { Task { await harness.stop() } }
        let rows = 600
        let input = try harness.write("big.csv", trunkCSV(0..<rows))
        let running = Task { try await harness.importFile(input) { $0.concurrency = 8 } }
        // Stop once some rows have finished, however slow the machine is.
        while try await harness.serverRoutes().count < 20 {
            try await Task.sleep(for: .milliseconds(20))
        }
        running.cancel()
        let stopped = try await running.value

        #expect(stopped.exitStatus == .interrupted)
        let first = try harness.results(harness.directory + "/big.results.csv")
        #expect(first.count == rows)
        let created = first.filter { $0["status"] == "created" }.count
        #expect(created > 0 && created < rows)
        #expect(first.allSatisfy { $0["status"] == "created" || $0["status"] == "unprocessed" })
        #expect(try await harness.serverRoutes().count == created)

        let resumed = try await harness.importFile(input) { $0.resume = true }
        #expect(resumed.exitStatus == .success)
        #expect(resumed.rowsThisRun == rows - created)
        // What this run did and what the file holds are said apart.
        #expect(resumed.description.hasPrefix("this run: \(rows - created) rows in "))
        #expect(resumed.description.contains("\nthe file: \(rows) rows: \(rows) created\n"))
        let final = try harness.results(harness.directory + "/big.results.csv")
        #expect(final.map { $0["row"] } == (1...rows).map { String($0) })
        #expect(final.allSatisfy { $0["status"] == "created" })
        let server = try await harness.serverRoutes()
        #expect(server.count == rows)
        #expect(server.values.allSatisfy { $0.count == 1 })
    }

    @Test("--rate caps requests per second")
    func rateCap() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        let input = try harness.write("paced.csv", trunkCSV(0..<40))
        let clock = ContinuousClock()
        let started = clock.now
        let summary = try await harness.importFile(input) { $0.rate = 100 }
        #expect(summary.counts[.created] == 40)
        #expect(clock.now - started >= .milliseconds(380))
    }
}
