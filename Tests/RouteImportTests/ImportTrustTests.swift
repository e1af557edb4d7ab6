import Foundation
import GRDB
import RouteClient
import RouteImport
import RouteModel
import RouteSandbox
import Testing

/// The import's promise — every valid row created exactly once, none lost — against the faults
/// real gateways have: commits that land after the client gave up, 5xx after the work was done,
/// bodies cut mid-way, and stops at any point.
@Suite("import you can trust")
struct ImportTrustTests {
    static let retry = RetryPolicy(maxAttempts: 8, baseDelay: .milliseconds(20), maxDelay: .milliseconds(500))

    /// Runs `rows` rows through a sandbox with `faults` and checks the promise, exactly.
    private func expectExactlyOnce(
        rows: Int, requestTimeout: Duration = .seconds(30), concurrency: Int = 16,
        _ faults: @escaping @Sendable (inout SandboxOptions) -> Void
    ) async throws -> (summary: ImportSummary, results: [[String: String]]) {
        let harness = try await ImportHarness.start(concurrency: concurrency, requestTimeout: requestTimeout) {
            $0.seed = 11
            faults(&$0)
        }
        defer { Task { await harness.stop() } }
        // On a loaded machine the first token and listing can outlast a 1 s timeout on every
        // retry, which would fail the import before any row; the promise under test is about rows.
        for _ in 0..<20 where (try? await harness.serverRoutes()) == nil {}
        let input = try harness.write("routes.csv", trunkCSV(0..<rows))
        let summary = try await harness.importFile(input, retry: Self.retry) { $0.concurrency = concurrency }
        let results = try harness.results(harness.directory + "/routes.results.csv")
        let server = try await harness.serverRoutes()

        #expect(summary.exitStatus == .success, "\(summary.description)")
        #expect(results.count == rows)
        #expect(results.allSatisfy { $0["status"] == "created" }, "\(results.filter { $0["status"] != "created" }.prefix(3))")
        #expect(server.count == rows)
        #expect(server.values.allSatisfy { $0.count == 1 }, "a name was created twice: \(server.filter { $0.value.count > 1 })")
        #expect(Set(results.compactMap { $0["CallRouteId"] }) == Set(server.values.flatMap { $0 }))
        let verification = try #require(summary.verification)
        #expect(verification.isClean && verification.rows == rows && verification.duplicates.isEmpty)
        return (summary, results)
    }

    @Test("commits that land 2 s after a 1 s client timeout: settled by name after the settle delay, never sent twice")
    func lateCommits() async throws {
        let (_, results) = try await expectExactlyOnce(rows: 120, requestTimeout: .seconds(1)) {
            $0.faults.lateCommitRate = 0.25
            $0.faults.lateCommitDelay = .seconds(2)
        }
        let settled = results.filter { $0["note"]?.hasPrefix("found by name") == true }
        #expect(!settled.isEmpty, "no row met a late commit")
        // Found, not sent again: a settled row's create went out once more only if an attempt before
        // it was proven unsent (on a loaded machine, a connection that timed out).
        #expect(settled.allSatisfy { $0["note"] == "found by name after an answer was lost" })
    }

    @Test("502, 503 with Retry-After and 504 after the commit are unknown outcomes, not refusals")
    func fiveHundredsAfterCommit() async throws {
        let (_, results) = try await expectExactlyOnce(rows: 300, requestTimeout: .seconds(2)) { $0.faults.commitThenFailRate = 0.3 }
        let settled = results.filter { $0["note"]?.hasPrefix("found by name") == true }
        #expect(!settled.isEmpty)
        // The last answer of a settled row is a gateway error (or none, when a retry timed out).
        let statuses = Set(settled.compactMap { $0["http_status"] })
        #expect(statuses.isSubset(of: ["502", "503", "504", ""]) && !statuses.isDisjoint(with: ["502", "503", "504"]))
    }

    @Test("a 200 whose body is cut is an unknown outcome, settled by name")
    func cutBodies() async throws {
        let (_, results) = try await expectExactlyOnce(rows: 300, requestTimeout: .seconds(2)) { $0.faults.cutBodyRate = 0.3 }
        #expect(results.contains { $0["note"]?.hasPrefix("found by name") == true })
    }

    @Test("all of it at 10 % with failures, dropped connections, a rate limit and expiring tokens")
    func everythingAtOnce() async throws {
        _ = try await expectExactlyOnce(rows: 1000, requestTimeout: .seconds(1), concurrency: 32) {
            $0.faults.lateCommitRate = 0.1
            $0.faults.lateCommitDelay = .seconds(2)
            $0.faults.commitThenFailRate = 0.1
            $0.faults.cutBodyRate = 0.1
            $0.faults.failRate = 0.1
            $0.faults.ambiguousRate = 0.05
            $0.rateLimit = 400
            $0.tokenTTL = .seconds(3)
        }
    }

    @Test("rows journaled as sent but never answered (a kill -9) are looked up, not sent again")
    func resumeFromIntentsOnly() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        let prefix = try harness.write("routes.csv", trunkCSV(0..<150))
        _ = try await harness.importFile(prefix)
        // What a kill -9 leaves: rows 101–150 were sent and applied, but only their intents made it
        // to the journal.
        let journal = try DatabaseQueue(path: harness.directory + "/routes.results.csv.journal")
        try await journal.write { db in
            try db.execute(sql: "UPDATE rows SET status = NULL, id = '', may_have_applied = 1 WHERE row > 100")
        }
        try journal.close()
        let input = try harness.write("routes.csv", trunkCSV(0..<300))
        let summary = try await harness.importFile(input) { $0.resume = true; $0.settleDelay = .milliseconds(300) }

        #expect(summary.exitStatus == .success)
        #expect(summary.counts[.created] == 300)
        let results = try harness.results(harness.directory + "/routes.results.csv")
        #expect(results.map { $0["row"] } == (1...300).map { String($0) })
        #expect(results[100..<150].allSatisfy { $0["status"] == "created" && $0["note"]?.contains("earlier run") == true })
        let server = try await harness.serverRoutes()
        #expect(server.count == 300)
        #expect(server.values.allSatisfy { $0.count == 1 })
        #expect(Set(results.compactMap { $0["CallRouteId"] }) == Set(server.values.flatMap { $0 }))
    }

    @Test("rows are journaled shortly before they are sent: a kill -9 leaves few for --resume to look up")
    func intentsStayCloseToSending() async throws {
        let harness = try await ImportHarness.start { $0.latency = .milliseconds(100) }
        defer { Task { await harness.stop() } }
        let input = try harness.write("routes.csv", trunkCSV(0..<2000))
        let running = Task { try await harness.importFile(input) { $0.concurrency = 4 } }
        let journalPath = harness.directory + "/routes.results.csv.journal"
        var most = 0
        for _ in 0..<20 {
            try await Task.sleep(for: .milliseconds(100))
            guard let unanswered = try await Self.count(in: journalPath, where: "intent IS NOT NULL AND status IS NULL") else { continue }
            most = max(most, unanswered)
        }
        running.cancel()
        let summary = try await running.value
        #expect(summary.counts[.unprocessed, default: 0] > 1000)
        // At most two batches of 128 waiting for a worker, one sent since the last commit, and the
        // 4 in flight; the row window holds 1,024.
        #expect(most > 4 && most <= 3 * 128 + 4, "\(most) rows journaled and not answered")
    }

    @Test("rows waiting for a lookup after the input's end still let other workers start: the slots stay in use")
    func workersStartAfterTheInputsEnd() async throws {
        // Every answer is lost: each row waits out the 1 s timeout and then the 4 s settle delay.
        // 12 rows fit in one batch, so the input ends at once. With the slots kept in use the next
        // 4 creates leave as soon as the first 4 time out; with only the first 4 workers, not
        // before the first of them has waited out its settle delay.
        let harness = try await ImportHarness.start(requestTimeout: .seconds(1)) {
            $0.faults.lateCommitRate = 1
            $0.faults.lateCommitDelay = .milliseconds(1500)
        }
        defer { Task { await harness.stop() } }
        let input = try harness.write("routes.csv", trunkCSV(0..<12))
        let running = Task { try await harness.importFile(input) { $0.concurrency = 4; $0.settleDelay = .seconds(4) } }
        var firstFour: ContinuousClock.Instant?
        var nextFour: ContinuousClock.Instant?
        for _ in 0..<6000 where nextFour == nil {
            try await Task.sleep(for: .milliseconds(10))
            let writes = harness.sandbox.routeWrites
            if writes >= 4, firstFour == nil { firstFour = .now }
            if writes >= 8 { nextFour = .now }
        }
        let summary = try await running.value
        #expect(summary.counts[.created] == 12)
        #expect(try await harness.serverRoutes().values.allSatisfy { $0.count == 1 })
        let gap = try #require(nextFour) - (try #require(firstFour))
        #expect(gap < .milliseconds(3500), "the next 4 creates left \(gap) after the first 4")
    }

    @Test("results of rows sent after the input's end are journaled a batch at a time, not only at the end")
    func theTailIsJournaledAsItFinishes() async throws {
        let harness = try await ImportHarness.start { $0.latency = .milliseconds(20) }
        defer { Task { await harness.stop() } }
        let input = try harness.write("routes.csv", trunkCSV(0..<600))
        let running = Task { try await harness.importFile(input) { $0.concurrency = 4 } }
        let journalPath = harness.directory + "/routes.results.csv.journal"
        var mostWhileRunning = 0
        while true {
            try await Task.sleep(for: .milliseconds(50))
            guard let answered = try await Self.count(in: journalPath, where: "status IS NOT NULL") else { continue }
            // Read after the import ended, the count says nothing about the tail.
            if try await !(harness.serverRoutes().count < 600) { break }
            mostWhileRunning = max(mostWhileRunning, answered)
        }
        _ = try await running.value
        // The input ends (its last batch journaled) with about 260 rows still to send; a batch of
        // 128 of them is journaled as soon as it has finished, before the last rows have.
        #expect(mostWhileRunning >= 600 - 128 - 4 - 20, "\(mostWhileRunning) rows journaled before the end")
    }

    /// Rows of the journal at `path` matching `condition`, read while an import writes it; `nil`
    /// before the journal is in place.
    private static func count(in path: String, where condition: String) async throws -> Int? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let journal = try DatabaseQueue(path: path)
        defer { try? journal.close() }
        return try await journal.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM rows WHERE " + condition) ?? 0 }
    }

    @Test("resume after a stop: names that existed before the first run are exists, not created")
    func resumeKeepsPreexistingNames() async throws {
        for onExisting in [OnExisting.skip, .update] {
            let harness = try await ImportHarness.start { $0.latency = .milliseconds(15) }
            defer { Task { await harness.stop() } }
            // route-290…299 exist before the import, on another port.
            var before: [String: String] = [:]
            for index in 290..<300 {
                let route = try Route.parse(assignments: [
                    "RouteName=route-\(index)", "RouteType=Trunk", "TrunkIp1=192.0.2.1", "TrunkPort1=5060", "TrunkTransport1=UDP",
                ], dialect: .telegent)
                before["route-\(index)"] = await harness.service.createOnce(route).attempt.value?.id
            }
            let input = try harness.write("routes.csv", trunkCSV(0..<300))
            // All ten existing routes change under update: more than the change threshold allows unforced.
            let running = Task {
                try await harness.importFile(input) { $0.concurrency = 4; $0.onExisting = onExisting; $0.threshold.force = true }
            }
            while try await harness.serverRoutes().count < 40 { try await Task.sleep(for: .milliseconds(10)) }
            running.cancel()
            #expect(try await running.value.exitStatus == .interrupted)

            let summary = try await harness.importFile(input) { $0.resume = true; $0.onExisting = onExisting }
            #expect(summary.exitStatus == .success, "\(summary.description)")
            let results = try harness.results(harness.directory + "/routes.results.csv")
            let expected = onExisting == .skip ? "exists" : "updated"
            for row in results[290..<300] {
                #expect(row["status"] == expected)
                #expect(row["CallRouteId"] == before[row["RouteName"] ?? ""])
            }
            #expect(results[0..<290].allSatisfy { $0["status"] == "created" })
            let server = try await harness.service.list()
            #expect(server.count == 300)
            let port = server.first { $0.key == "route-295" }?["TrunkPort1"]
            #expect(port == .string(onExisting == .skip ? "5060" : "5061"))
        }
    }

    @Test("verification finds duplicates; --repair removes only those this import could have made")
    func verificationAndRepair() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        let input = try harness.write("routes.csv", trunkCSV(0..<20))
        _ = try await harness.importFile(input)
        func create(_ name: String) async throws -> String {
            // One attempt, not `create`: that sets the process-wide `$last`, which a client test reads.
            await harness.service.createOnce(try Route.parse(assignments: [
                "RouteName=\(name)", "RouteType=Trunk", "TrunkIp1=10.0.0.8", "TrunkPort1=5061", "TrunkTransport1=UDP",
            ], dialect: .telegent)).attempt.value?.id ?? ""
        }
        // route-7's create had an answer lost (as the journal records), and its late commit landed
        // after the settle delay; route-9 was made by someone else after the import.
        let journal = try DatabaseQueue(path: harness.directory + "/routes.results.csv.journal")
        try await journal.write { db in try db.execute(sql: "UPDATE rows SET creates_unknown = 1 WHERE key = 'route-7'") }
        try journal.close()
        let duplicate = try await create("route-7")
        let someoneElses = try await create("route-9")
        let importer = Importer(inputPath: input, dialect: .telegent, options: ImportOptions(), service: harness.service)
        let found = try await importer.verify()
        #expect(!found.isClean)
        #expect(found.duplicates.map(\.name) == ["route-7", "route-9"])
        #expect(found.duplicates.map(\.ids) == [[duplicate], [someoneElses]])
        #expect(found.duplicates.map(\.provablyMadeHere) == [true, false])

        var repairing = ImportOptions()
        repairing.repair = true
        let repaired = try await Importer(inputPath: input, dialect: .telegent, options: repairing, service: harness.service).verify()
        #expect(repaired.removed == [duplicate])
        let server = try await harness.serverRoutes()
        #expect(server["route-7"]?.count == 1)
        #expect(server["route-9"]?.count == 2, "a route the import did not make was deleted")
        #expect(!repaired.isClean, "route-9 still exists twice")
    }

    @Test("--resume refuses what would pair results with the wrong routes")
    func resumeRefusals() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        let input = try harness.write("routes.csv", trunkCSV(0..<30))
        _ = try await harness.importFile(input)
        func refusal(_ configure: (inout ImportOptions) -> Void) async -> String {
            do {
                _ = try await harness.importFile(input) { $0.resume = true; configure(&$0) }
                return "no refusal"
            } catch {
                return "\(error)"
            }
        }
        // No journal where the results would be.
        #expect(await refusal { $0.resultsPath = harness.directory + "/elsewhere.csv" }.hasPrefix("there is no journal at"))
        await #expect { try await harness.importFile(input) { $0.resume = true; $0.resultsPath = harness.directory + "/elsewhere.csv" } }
            throws: { ($0 as? ImportError)?.exitStatus == .usage }
        // Another answer to existing names.
        #expect(await refusal { $0.onExisting = .update }.contains("run with --on-existing skip"))
        // A row removed from the middle of the file: every later name shifts.
        try harness.write("routes.csv", trunkCSV(0..<3) + trunkCSV(4..<30).split(separator: "\n").dropFirst().joined(separator: "\n") + "\n")
        #expect(await refusal { _ in }.contains(#"row 4 is "route-4" now but was "route-3" then"#))
        // Fewer rows than the journal knows.
        try harness.write("routes.csv", trunkCSV(0..<20))
        #expect(await refusal { _ in }.contains("has 20 rows but the run"))
        // Results written over the input.
        #expect(await refusal { $0.resume = false; $0.resultsPath = input }.contains("would overwrite the input"))
    }

    @Test("a row left in flight is looked up no sooner than the longest settle delay any run used")
    func settleDelayOutlivesTheRun() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        let input = try harness.write("routes.csv", trunkCSV(0..<10))
        _ = try await harness.importFile(input) { $0.settleDelay = .seconds(3) }
        let journal = try DatabaseQueue(path: harness.directory + "/routes.results.csv.journal")
        try await journal.write { db in
            try db.execute(sql: "UPDATE rows SET status = NULL, id = '', may_have_applied = 1, settle_at = NULL WHERE row = 5")
        }
        try journal.close()
        let started = ContinuousClock.now
        let summary = try await harness.importFile(input) { $0.resume = true; $0.settleDelay = .milliseconds(100) }
        #expect(ContinuousClock.now - started >= .seconds(3))
        #expect(summary.counts[.created] == 10)
        #expect(try await harness.serverRoutes().values.allSatisfy { $0.count == 1 })
    }

    @Test("Flowroute v1 refuses --on-existing create: a PUT by name would overwrite, not duplicate")
    func flowrouteV1RefusesCreate() async throws {
        let harness = try await ImportHarness.start(.flowrouteV1)
        defer { Task { await harness.stop() } }
        let input = try harness.write("v1.csv", "route_name,type,value\nr1,HOST,10.0.0.1:5060\n")
        await #expect(throws: ImportError.self) {
            _ = try await harness.importFile(input) { $0.onExisting = .create }
        }
    }
}
