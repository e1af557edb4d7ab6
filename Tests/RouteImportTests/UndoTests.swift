import Foundation
import GRDB
import RouteClient
import RouteImport
import RouteModel
import RouteSandbox
import Testing

extension ImportHarness {
    /// Takes back the import that wrote `results`, as `routectl undo RESULTS --yes` does.
    func undo(
        _ results: String, retry: RetryPolicy = RetryPolicy(baseDelay: .milliseconds(20), maxDelay: .seconds(1)),
        _ configure: (inout UndoOptions) -> Void = { _ in }
    ) async throws -> ImportSummary {
        let undoer = undoer(results, retry: retry, configure)
        return try await undoer.run(try await undoer.prepare())
    }

    func undoer(
        _ results: String, retry: RetryPolicy = RetryPolicy(baseDelay: .milliseconds(20), maxDelay: .seconds(1)),
        _ configure: (inout UndoOptions) -> Void = { _ in }
    ) -> Undoer {
        var options = UndoOptions()
        configure(&options)
        return Undoer(importResultsPath: results, options: options, service: service, retry: retry)
    }

    /// Every route of the account with every field it lists, by id.
    func snapshot() async throws -> [String: Route] {
        Dictionary(uniqueKeysWithValues: try await service.list().map { ($0.id ?? "", $0) })
    }

    /// A sandbox over the same database, account and files, started with other options: what
    /// was imported through one is taken back through the other.
    func restarted(database: String, _ configure: (inout SandboxOptions) -> Void) async throws -> ImportHarness {
        await service.shutdown()
        await sandbox.stop()
        var options = SandboxOptions()
        options.accounts = [Self.account]
        options.database = database
        configure(&options)
        let sandbox = try await Sandbox.start(options)
        let endpoint = Endpoint(dialect: dialect, baseURL: sandbox.baseURL(dialect), accountKey: Self.account.key,
                                accountSecret: Self.account.secret)
        let service = makeRouteService(endpoint, options: ClientOptions(concurrency: 16, requestTimeout: .seconds(2)))
        return ImportHarness(sandbox: sandbox, service: service, directory: directory, dialect: dialect)
    }
}

@Suite("undo against the sandbox")
struct UndoTests {
    /// An account of `existing` routes put there by an earlier import, and a mixed import on top
    /// under `--on-existing update`: `created` new routes, `updated` existing ones changed (port
    /// and transport, and with `addsField` a second trunk they did not have), one row that
    /// differs only in how it is written (`udp`), and one invalid row.
    private func mixedImport(
        _ harness: ImportHarness, existing: Int = 80, created: Int = 12, updated: Int = 5, addsField: Bool = false
    ) async throws -> (before: [String: Route], results: String) {
        let seed = try harness.write("existing.csv", trunkCSV(0..<existing, prefix: "old"))
        #expect(try await harness.importFile(seed).counts[.created] == existing)
        let before = try await harness.snapshot()

        var text = "RouteName,RouteType,TrunkIp1,TrunkPort1,TrunkTransport1,TrunkIp2\n"
        for index in 0..<created { text += "new-\(index),Trunk,10.1.0.\(index + 1),5060,UDP,\n" }
        for index in 0..<updated {
            let added = addsField && index == 0 ? "10.2.0.1" : ""
            text += "old-\(index),Trunk,10.0.0.\(index + 1),5062,TCP,\(added)\n"
        }
        text += "old-\(updated),Trunk,10.0.0.\(updated + 1),5061,udp,\n"
        text += "broken,Trunk,300.0.0.1,5060,UDP,\n"
        let input = try harness.write("mixed.csv", text)
        let summary = try await harness.importFile(input) { $0.onExisting = .update }
        #expect(summary.counts[.created] == created)
        #expect(summary.counts[.updated] == updated)
        return (before, harness.directory + "/mixed.results.csv")
    }

    private func statuses(_ rows: [[String: String]]) -> [String: Int] {
        rows.reduce(into: [:]) { $0[$1["status"] ?? "", default: 0] += 1 }
    }

    private func expectSame(_ after: [String: Route], _ before: [String: Route], _ comment: Comment) {
        #expect(after.keys.sorted() == before.keys.sorted(), comment)
        for (id, route) in before where after[id] != route {
            Issue.record("\(comment): \(id) is \(String(describing: after[id])), was \(route)")
        }
    }

    @Test("undo after a mixed import puts the account back exactly, field by field; undoing again finds nothing to do")
    func exactRestore() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        let (before, results) = try await mixedImport(harness)
        let summary = try await harness.undo(results)

        #expect(summary.exitStatus == .success)
        #expect(summary.undoCheck?.rows == 17 && summary.undoCheck?.isClean == true)
        #expect(summary.description.contains("checked 17 rows against 80 routes: every deleted route is gone, every restored one holds its earlier values"))
        expectSame(try await harness.snapshot(), before, "after undo")
        let rows = try harness.results(harness.directory + "/mixed.results.undo.csv")
        #expect(rows.map { $0["row"] } == (1...19).map { String($0) })
        #expect(rows.map { $0["line"] } == (2...20).map { String($0) })
        #expect(statuses(rows) == ["deleted": 12, "restored": 5, "nothing-to-undo": 2])
        #expect(rows[12]["RouteName"] == "old-0" && rows[12]["note"] == "TrunkPort1: 5062 → 5061; TrunkTransport1: TCP → UDP")
        #expect(rows[18]["note"]?.contains("(invalid)") == true)
        #expect(FileManager.default.fileExists(atPath: harness.directory + "/mixed.results.undo.csv.journal"))

        let again = try await harness.undo(results)
        #expect(again.exitStatus == .success)
        let second = try harness.results(harness.directory + "/mixed.results.undo.csv")
        #expect(statuses(second) == ["gone": 12, "nothing-to-undo": 7])
        expectSame(try await harness.snapshot(), before, "after a second undo")
    }

    @Test("a field the import added cannot be emptied: the route is partly restored, the note says so, exit 1")
    func partlyRestored() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        let (before, results) = try await mixedImport(harness, addsField: true)
        let planner = harness.undoer(results) { $0.plan = true }
        let prepared = try await planner.prepare()
        #expect(prepared.counts.description == "undo will delete 12 routes and restore 5", "a partial restore is a restore sent")
        let plan = try await planner.run(prepared)
        #expect(plan.description.contains("4 to-restore, 1 partly-restored"))
        #expect(plan.description.contains("\n1 route partly restored: each note names what no update can put back"))
        let planned = try harness.results(harness.directory + "/mixed.results.undo-plan.csv")
        #expect(planned[12]["status"] == "partly-restored")
        #expect(planned[12]["changes"] == "TrunkPort1: 5062 → 5061; TrunkTransport1: TCP → UDP")

        let summary = try await harness.undo(results)

        #expect(summary.exitStatus == .partialFailure)
        let rows = try harness.results(harness.directory + "/mixed.results.undo.csv")
        #expect(rows[12]["status"] == "partly-restored")
        #expect(rows[12]["note"]?.contains("TrunkIp2: added by the import, and no update can empty a field; it keeps 10.2.0.1") == true)
        var after = try await harness.snapshot()
        let id = try #require(rows[12]["CallRouteId"])
        #expect(after[id]?["TrunkIp2"] == .string("10.2.0.1"))
        after[id]?["TrunkIp2"] = nil
        expectSame(after, before, "all but the field that cannot be emptied")
    }

    @Test("routes changed since the import are left alone and reported; a deleted one is gone")
    func drifted() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        let (before, results) = try await mixedImport(harness)
        let imported = try harness.results(results)
        let created = try #require(imported[0]["CallRouteId"])
        let updated = try #require(imported[12]["CallRouteId"])
        let deleted = try #require(imported[1]["CallRouteId"])
        _ = try await harness.service.update(id: created, changes: try Route.parse(assignments: ["TrunkPort1=5070"], dialect: .telegent))
        _ = try await harness.service.update(id: updated, changes: try Route.parse(assignments: ["TrunkTransport1=TLS"], dialect: .telegent))
        try await harness.service.delete(id: deleted)
        let changed = try await harness.snapshot()

        let summary = try await harness.undo(results)
        #expect(summary.exitStatus == .partialFailure)
        let rows = try harness.results(harness.directory + "/mixed.results.undo.csv")
        #expect(rows[0]["status"] == "drifted")
        #expect(rows[0]["note"] == "changed since the import, left alone: TrunkPort1 5060 imported, 5070 now")
        #expect(rows[12]["status"] == "drifted")
        #expect(rows[12]["note"] == "changed since the import, left alone: TrunkTransport1 TCP imported, TLS now")
        #expect(rows[1]["status"] == "gone")
        #expect(statuses(rows) == ["drifted": 2, "gone": 1, "deleted": 10, "restored": 4, "nothing-to-undo": 2])
        let after = try await harness.snapshot()
        #expect(after[created] == changed[created], "a drifted route was touched")
        #expect(after[updated] == changed[updated], "a drifted route was touched")
        for (id, route) in before where id != updated { #expect(after[id] == route) }
        #expect(Set(after.keys) == Set(before.keys).union([created]))
    }

    @Test("a created route given a field since is left alone; the untouched ones are deleted")
    func createdGivenAField() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        let (_, results) = try await mixedImport(harness, existing: 20, created: 3, updated: 1)
        let imported = try harness.results(results)
        let disabled = try #require(imported[0]["CallRouteId"])
        let given = try #require(imported[1]["CallRouteId"])
        _ = try await harness.service.update(id: disabled, changes: try Route.parse(assignments: ["RouteEnabled=false"], dialect: .telegent))
        _ = try await harness.service.update(
            id: given, changes: try Route.parse(assignments: ["TrunkUri1=sip:pbx.example.com"], dialect: .telegent))

        #expect(try await harness.undo(results).exitStatus == .partialFailure)
        let rows = try harness.results(harness.directory + "/mixed.results.undo.csv")
        #expect(rows[0]["status"] == "drifted")
        #expect(rows[0]["note"] == "changed since the import, left alone: RouteEnabled (none) imported, false now")
        #expect(rows[1]["status"] == "drifted")
        #expect(rows[2]["status"] == "deleted")
        let after = try await harness.snapshot()
        #expect(after[disabled] != nil && after[given] != nil, "a route someone changed was deleted")
    }

    @Test("an undo over the threshold stops before sending; --max-changes and --force move it")
    func threshold() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        let (_, results) = try await mixedImport(harness, existing: 20)
        let listed = try await harness.snapshot()

        await #expect { try await harness.undo(results) } throws: { error in
            guard case .tooManyChanges(let message) = error as? ImportError else { return false }
            return message == "nothing was sent: this would delete or restore 17 of the account's 32 existing routes (53 %), "
                + "more than the 25 % allowed without --force; see them with --plan, then give --force to go ahead, "
                + "or --max-changes 17 to allow this many"
        }
        await #expect(throws: ImportError.self) { try await harness.undo(results) { $0.threshold = ChangeThreshold(maxChanges: 10) } }
        #expect(try await harness.snapshot() == listed, "a refused undo changed the account")
        let forced = try await harness.undo(results) { $0.threshold = ChangeThreshold(force: true) }
        #expect(forced.counts[.deleted] == 12)
    }

    @Test("undo's --results never writes over another import's results or journal, or an import's input; its own earlier results it replaces")
    func resultsGuard() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        let a = try harness.write("a.csv", trunkCSV(0..<3, prefix: "a"))
        let b = try harness.write("b.csv", trunkCSV(0..<3, prefix: "b"))
        _ = try await harness.importFile(a)
        _ = try await harness.importFile(b)
        let aResults = harness.directory + "/a.results.csv", bResults = harness.directory + "/b.results.csv"
        let kept = try [bResults, bResults + ".journal", a].map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        let listed = try await harness.snapshot()

        for path in [bResults, a] {
            await #expect { try await harness.undo(aResults) { $0.resultsPath = path } } throws: { error in
                (error as? ImportError)?.exitStatus == .usage
            }
        }
        #expect(try [bResults, bResults + ".journal", a].map { try Data(contentsOf: URL(fileURLWithPath: $0)) } == kept)
        #expect(try await harness.snapshot() == listed, "a refused undo changed the account")

        let own = harness.directory + "/a.undo.csv"
        #expect(try await harness.undo(aResults) { $0.resultsPath = own }.counts[.deleted] == 3)
        #expect(try await harness.undo(aResults) { $0.resultsPath = own }.counts[.gone] == 3,
                "an undo's own earlier results are replaced")
        #expect(try await harness.undo(bResults).counts[.deleted] == 3, "b's import can still be undone")
    }

    @Test("--plan says what undo would do, row by row, and changes nothing")
    func plan() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        let (_, results) = try await mixedImport(harness)
        let listed = try await harness.snapshot()
        let undoer = harness.undoer(results) { $0.plan = true }
        let prepared = try await undoer.prepare()
        #expect(prepared.counts.description == "undo will delete 12 routes and restore 5")
        let summary = try await undoer.run(prepared)

        #expect(try await harness.snapshot() == listed)
        let rows = try harness.results(harness.directory + "/mixed.results.undo-plan.csv")
        #expect(statuses(rows) == ["to-delete": 12, "to-restore": 5, "nothing-to-undo": 2])
        #expect(rows[12]["changes"] == "TrunkPort1: 5062 → 5061; TrunkTransport1: TCP → UDP")
        #expect(rows.allSatisfy { $0["attempts"] == "0" })
        #expect(summary.exitStatus == .success)
        #expect(summary.description.hasPrefix("plan, nothing sent: "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: harness.directory).filter { $0.contains("undo") }
            == ["mixed.results.undo-plan.csv"])
    }

    @Test("undo refuses an import it cannot take back safely, saying why")
    func refusals() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        let (_, results) = try await mixedImport(harness)
        let listed = try await harness.snapshot()
        /// Why undo refused `path`; a refusal exits 64, as the README says.
        func refusal(_ path: String, status: RouteModel.ExitStatus = .usage, _ configure: (inout UndoOptions) -> Void = { _ in }) async -> String {
            do {
                _ = try await harness.undo(path, configure)
                return "went ahead"
            } catch let error as ImportError {
                #expect(error.exitStatus == status, "\(error)")
                return "\(error)"
            } catch {
                return "\(error)"
            }
        }

        #expect(await refusal(harness.directory + "/nothing.csv", status: .fatal).contains("there is no"))
        try FileManager.default.copyItem(atPath: results + ".journal", toPath: harness.directory + "/killed.csv.journal")
        #expect(await refusal(harness.directory + "/killed.csv").contains(
            "there is no \(harness.directory)/killed.csv, only its journal: the import that writes it was stopped before it finished. "
            + "Finish it first with the same import command and --resume --results \(harness.directory)/killed.csv, then undo it"))
        #expect(await refusal(results, status: .usage) { $0.resume = true }.contains(
            "an undo keeps it beside its results (give the same --results as before); without --resume a new undo starts"))
        let copy = try harness.write("copy.csv", String(contentsOfFile: results, encoding: .utf8))
        #expect(await refusal(copy).contains("there is no journal beside"))

        let original = try String(contentsOfFile: results, encoding: .utf8)
        try harness.write("mixed.results.csv", original.replacingOccurrences(of: ",created,", with: ",exists,"))
        #expect(await refusal(results).contains("does not match its journal: the file has row 1 exists"))
        try harness.write("mixed.results.csv", original)

        // Answered no: nothing sent, and no journal of an undo that never ran left behind.
        let declined = harness.undoer(results)
        declined.decline(try await declined.prepare())
        #expect(!FileManager.default.fileExists(atPath: declined.resultsPath + ".journal"))

        let journal = try DatabaseQueue(path: results + ".journal")
        try await journal.write { db in
            try db.execute(sql: "UPDATE meta SET value = 'DID-OTHER at 127.0.0.1' WHERE key = 'account'")
        }
        #expect(await refusal(results).contains("is the result of an import into DID-OTHER at 127.0.0.1"))
        try await journal.write { db in
            try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'account'", arguments: [harness.service.account])
            try db.execute(sql: "UPDATE rows SET status = NULL, may_have_applied = 1 WHERE row = 3")
        }
        #expect(await refusal(results).contains("is unfinished: a row may have been applied without an answer (row 3 \"new-2\")"))
        try journal.close()
        #expect(try await harness.snapshot().count == listed.count)
    }

    @Test("Ctrl-C stops an undo with every result written; --resume finishes it exactly")
    func interruptedThenResumed() async throws {
        let harness = try await ImportHarness.start { $0.latency = .milliseconds(20) }
        defer { Task { await harness.stop() } }
        let (before, results) = try await mixedImport(harness, existing: 400, created: 90)
        let running = Task { try await harness.undo(results) { $0.concurrency = 4 } }
        // Stop once some routes are deleted, however slow the machine is (an undo that failed to
        // start is reported by `running.value`, not waited for).
        let deadline = ContinuousClock.now + .seconds(120)
        while try await harness.serverRoutes().count > before.count + 80, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        running.cancel()
        let stopped = try await running.value
        #expect(stopped.exitStatus == .interrupted)
        let first = try harness.results(harness.directory + "/mixed.results.undo.csv")
        #expect(first.count == 97)
        #expect(first.contains { $0["status"] == "unprocessed" })

        let resumed = try await harness.undo(results) { $0.resume = true }
        #expect(resumed.exitStatus == .success)
        #expect(resumed.description.contains("\nthe file: 97 rows: "))
        let final = try harness.results(harness.directory + "/mixed.results.undo.csv")
        #expect(statuses(final) == ["deleted": 90, "restored": 5, "nothing-to-undo": 2])
        expectSame(try await harness.snapshot(), before, "after a resumed undo")
    }

    @Test("a resumed undo is not counted again against the account its earlier run shrank")
    func resumeAfterForcedUndoIsNotCountedAgain() async throws {
        let harness = try await ImportHarness.start { $0.latency = .milliseconds(20) }
        defer { Task { await harness.stop() } }
        _ = try await harness.importFile(try harness.write("r.csv", trunkCSV(0..<40)))
        let results = harness.directory + "/r.results.csv"
        let full = try await harness.serverRoutes().count
        let running = Task { try await harness.undo(results) { $0.concurrency = 2; $0.threshold.force = true } }
        let deadline = ContinuousClock.now + .seconds(120)
        while try await harness.serverRoutes().count > full - 15, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        running.cancel()
        #expect(try await running.value.exitStatus == .interrupted)

        let resumed = try await harness.undo(results) { $0.resume = true }
        #expect(resumed.exitStatus == .success)
        #expect(statuses(try harness.results(harness.directory + "/r.results.undo.csv")) == ["deleted": 40])
        #expect(try await harness.serverRoutes().count == full - 40)
    }

    @Test("--resume leaves alone a route changed after an earlier undo's request landed unanswered")
    func resumeAfterChange() async throws {
        let storage = NSTemporaryDirectory() + "routectl-undo-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: storage, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: storage) }
        let database = storage + "/sandbox.sqlite"
        let calm = try await ImportHarness.start { $0.database = database }
        let (_, results) = try await mixedImport(calm, existing: 20, created: 2, updated: 2)
        let imported = try calm.results(results)
        let created = try #require(imported[0]["CallRouteId"])
        let updated = try #require(imported[2]["CallRouteId"])
        // Every request is applied and its answer lost: each row is left in flight.
        let faulty = try await calm.restarted(database: database) { $0.faults.commitThenFailRate = 1 }
        #expect(try await faulty.undo(results, retry: .none).exitStatus == .partialFailure)
        let harness = try await faulty.restarted(database: database) { _ in }
        defer { Task { await harness.stop() } }
        _ = try await harness.service.update(id: updated, changes: try Route.parse(assignments: ["TrunkPort1=5099"], dialect: .telegent))
        let changed = try await harness.snapshot()

        let resumed = try await harness.undo(results) { $0.resume = true }
        #expect(resumed.exitStatus == .partialFailure)
        let rows = try harness.results(harness.directory + "/mixed.results.undo.csv")
        #expect(rows[0]["status"] == "deleted")
        #expect(rows[2]["status"] == "drifted")
        #expect(rows[2]["note"] == "changed since the import, left alone: TrunkPort1 5062 imported, 5099 now; TrunkTransport1 TCP imported, UDP now")
        #expect(rows[3]["status"] == "restored")
        #expect(rows[3]["note"] == "TrunkPort1: 5062 → 5061; TrunkTransport1: TCP → UDP")
        let after = try await harness.snapshot()
        #expect(after[updated] == changed[updated], "a drifted route was overwritten")
        #expect(after[created] == nil)
    }

    @Test("deletes and restores through lost answers and gateway errors after commit still end exact")
    func faults() async throws {
        let storage = NSTemporaryDirectory() + "routectl-undo-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: storage, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: storage) }
        let database = storage + "/sandbox.sqlite"
        let calm = try await ImportHarness.start { $0.database = database }
        let (before, results) = try await mixedImport(calm, existing: 150, created: 30)
        let harness = try await calm.restarted(database: database) { options in
            options.faults.ambiguousRate = 0.2
            options.faults.commitThenFailRate = 0.2
            options.seed = 11
        }
        defer { Task { await harness.stop() } }
        let summary = try await harness.undo(results, retry: RetryPolicy(maxAttempts: 12, baseDelay: .milliseconds(10), maxDelay: .milliseconds(200)))

        #expect(summary.exitStatus == .success)
        let rows = try harness.results(harness.directory + "/mixed.results.undo.csv")
        #expect(statuses(rows) == ["deleted": 30, "restored": 5, "nothing-to-undo": 2])
        #expect(rows.contains { Int($0["attempts"] ?? "") ?? 0 > 1 }, "no fault was met")
        expectSame(try await harness.snapshot(), before, "after an undo through faults")
    }

    @Test("Flowroute v2: created routes deleted and an updated one restored; v1, which cannot delete, refuses before sending")
    func flowroute() async throws {
        let harness = try await ImportHarness.start(.flowrouteV2)
        defer { Task { await harness.stop() } }
        _ = try await harness.importFile(try harness.write("old.csv", "alias,route_type,value\nold,host,10.0.0.1:5060\n"))
        let before = try await harness.snapshot()
        let input = try harness.write("new.csv", "alias,route_type,value\nnew-a,host,10.1.0.1:5060\nnew-b,number,12065551212\nold,host,10.0.0.2:5060\n")
        let imported = try await harness.importFile(input) { $0.onExisting = .update }
        #expect(imported.counts[.created] == 2 && imported.counts[.updated] == 1)
        let summary = try await harness.undo(harness.directory + "/new.results.csv")
        #expect(summary.counts[.deleted] == 2 && summary.counts[.restored] == 1)
        expectSame(try await harness.snapshot(), before, "Flowroute v2 after undo")

        let v1 = try await ImportHarness.start(.flowrouteV1)
        defer { Task { await v1.stop() } }
        let v1Input = try v1.write("v1.csv", "route_name,type,value\nv1route,HOST,10.2.0.1:5060\n")
        #expect(try await v1.importFile(v1Input).counts[.created] == 1)
        await #expect { try await v1.undo(v1.directory + "/v1.results.csv") } throws: { error in
            "\(error)".contains("Flowroute's v1 API cannot delete routes, so the 1 route this import created")
        }
        #expect(try await v1.serverRoutes()["v1route"] == ["v1route"], "a refused undo deleted the route")
        // The plan says so too, and exits as the undo would.
        let plan = try await v1.undo(v1.directory + "/v1.results.csv") { $0.plan = true }
        #expect(plan.exitStatus == .usage)
        #expect(plan.description.contains("warning: the undo would stop before sending anything: Flowroute's v1 API cannot delete routes"))
        #expect(try await v1.serverRoutes()["v1route"] == ["v1route"])
    }
}
