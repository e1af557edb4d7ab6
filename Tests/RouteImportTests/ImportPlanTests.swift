import Foundation
@testable import RouteImport
import RouteClient
import RouteModel
import Synchronization
import Testing

/// Comparing rows with the live account: minimal updates, the change threshold and `--plan`,
/// each proved by the sandbox's count of write requests.
@Suite("plan, minimal updates and the change threshold")
struct ImportPlanTests {
    /// Every route on the server, as listed, by name.
    private func snapshot(_ harness: ImportHarness) async throws -> [String: Route] {
        Dictionary(try await harness.service.list().map { ($0.key ?? "", $0) }, uniquingKeysWith: { first, _ in first })
    }

    private func rows(_ csv: String) -> [String] {
        csv.split(separator: "\n").dropFirst().map(String.init)
    }

    @Test("--on-existing update sends only what differs; a second run of the same file sends no write")
    func minimalUpdates() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        _ = try await harness.importFile(try harness.write("v1.csv", trunkCSV(0..<20)))
        let before = try await snapshot(harness)
        // Three ports change; the other rows spell the same values otherwise (udp, trunk); two are new.
        var text = "RouteName,RouteType,TrunkIp1,TrunkPort1,TrunkTransport1\n"
        for (index, row) in rows(trunkCSV(0..<22)).enumerated() {
            text += (index < 3 ? row.replacingOccurrences(of: ",5061,", with: ",5062,")
                     : row.replacingOccurrences(of: ",Trunk,", with: ",trunk,").replacingOccurrences(of: "UDP", with: "udp")) + "\n"
        }
        let input = try harness.write("v2.csv", text)
        let writesBefore = harness.sandbox.routeWrites
        let summary = try await harness.importFile(input) { $0.onExisting = .update }
        #expect(summary.exitStatus == .success)
        #expect(summary.counts == [.updated: 3, .unchanged: 17, .created: 2])
        #expect(harness.sandbox.routeWrites - writesBefore == 5)
        let results = try harness.results(harness.directory + "/v2.results.csv")
        #expect(results[3]["status"] == "unchanged" && results[3]["CallRouteId"] == before["route-3"]?.id)

        // The journal keeps each update's before-image and exactly the fields sent.
        let journal = try Journal.openExisting(path: harness.directory + "/v2.results.csv.journal", identity: nil)
        let writes = try journal.writes(after: 0, limit: 100, dialect: .telegent)
        #expect(writes.map(\.row) == [1, 2, 3, 21, 22])
        #expect(writes[0].intent == .update(id: before["route-0"]?.id ?? "") && writes[0].status == .updated)
        #expect(writes[0].before == before["route-0"])
        #expect(writes[0].sent == Route(dialect: .telegent, values: ["TrunkPort1": .string("5062")]))
        #expect(writes[3].intent == .create && writes[3].sent?.key == "route-20")

        let again = harness.sandbox.routeWrites
        let rerun = try await harness.importFile(input) { $0.onExisting = .update }
        #expect(rerun.counts == [.unchanged: 22])
        #expect(rerun.verification?.rows == 22, "an unchanged row holds its route, and is checked")
        #expect(harness.sandbox.routeWrites == again, "an unchanged file sends no write")
    }

    @Test("a secret cannot be compared, so a row that sets one is always sent")
    func secretsAreAlwaysSent() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        let text = "RouteName,RouteType,VoiceUrl,VoiceUrlMethod,VoiceAuthenticationType,VoicePasswordToken\n"
            + "hook,URL,https://example.com/voice,POST,Bearer,s3cret\n"
        let input = try harness.write("hooks.csv", text)
        _ = try await harness.importFile(input)
        let writes = harness.sandbox.routeWrites
        let summary = try await harness.importFile(input) { $0.onExisting = .update }
        #expect(summary.counts == [.updated: 1])
        #expect(harness.sandbox.routeWrites == writes + 1)
        let plan = try await harness.importFile(input) { $0.onExisting = .update; $0.plan = true }
        #expect(plan.counts == [.toUpdate: 1])
        let planned = try harness.results(harness.directory + "/hooks.plan.csv")
        #expect(planned[0]["changes"] == "VoicePasswordToken: will be sent (secret, cannot be compared)")
    }

    @Test("an update of more than a quarter of the account stops before anything is sent")
    func thresholdStopsAnOverBroadUpdate() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        _ = try await harness.importFile(try harness.write("v1.csv", trunkCSV(0..<40)))
        let before = try await snapshot(harness)
        let input = try harness.write("v2.csv", trunkCSV(0..<40).replacingOccurrences(of: ",5061,", with: ",5070,"))
        let writes = harness.sandbox.routeWrites
        do {
            _ = try await harness.importFile(input) { $0.onExisting = .update }
            Issue.record("the update of every route was not refused")
        } catch let error as ImportError {
            #expect(error.exitStatus == .usage)
            #expect(error.description.hasPrefix(
                "nothing was sent: this would update 40 of the account's 40 existing routes (100 %), more than the 25 % allowed"))
        }
        #expect(harness.sandbox.routeWrites == writes)
        #expect(try await snapshot(harness) == before)
        // --resume cannot go ahead with what the threshold stopped.
        await #expect(throws: ImportError.self) {
            _ = try await harness.importFile(input) { $0.onExisting = .update; $0.resume = true }
        }
        #expect(harness.sandbox.routeWrites == writes)

        // A limit of 39 is still too low; 40 lets it through.
        await #expect(throws: ImportError.self) {
            _ = try await harness.importFile(input) { $0.onExisting = .update; $0.threshold.maxChanges = 39 }
        }
        let summary = try await harness.importFile(input) { $0.onExisting = .update; $0.threshold.maxChanges = 40 }
        #expect(summary.counts == [.updated: 40])
        #expect(harness.sandbox.routeWrites == writes + 40)
    }

    @Test("--resume counts the updates it decides afresh: rows fixed after an invalid run do not slip past the threshold")
    func resumeCountsRowsFixedSince() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        _ = try await harness.importFile(try harness.write("others.csv", trunkCSV(0..<24, prefix: "other")))
        _ = try await harness.importFile(try harness.write("base.csv", trunkCSV(0..<20)))
        let input = try harness.write("v.csv", trunkCSV(0..<20).replacingOccurrences(of: ",5061,", with: ",99999,"))
        let invalid = try await harness.importFile(input) { $0.onExisting = .update }
        #expect(invalid.counts == [.invalid: 20])
        let before = try await snapshot(harness)
        let writes = harness.sandbox.routeWrites

        try harness.write("v.csv", trunkCSV(0..<20).replacingOccurrences(of: ",5061,", with: ",5070,"))
        do {
            _ = try await harness.importFile(input) { $0.onExisting = .update; $0.resume = true }
            Issue.record("a resumed run updated 20 of 44 routes without --force")
        } catch let error as ImportError {
            #expect(error.exitStatus == .usage)
            #expect(error.description.hasPrefix("nothing was sent: this would update 20 of the account's 44 existing routes (45 %)"))
        }
        #expect(harness.sandbox.routeWrites == writes)
        #expect(try await snapshot(harness) == before)

        let forced = try await harness.importFile(input) {
            $0.onExisting = .update; $0.resume = true; $0.threshold.force = true
        }
        #expect(forced.counts == [.updated: 20])
    }

    @Test("a run that sends nothing — refused, or stopped before the threshold was decided — leaves the earlier journal and results")
    func refusedRunKeepsTheEarlierJournal() async throws {
        let harness = try await ImportHarness.start { $0.latency = .milliseconds(300) }
        defer { Task { await harness.stop() } }
        let input = try harness.write("c.csv", trunkCSV(0..<40))
        _ = try await harness.importFile(input)
        let results = try String(contentsOfFile: harness.directory + "/c.results.csv", encoding: .utf8)
        try harness.write("c.csv", trunkCSV(0..<40).replacingOccurrences(of: ",5061,", with: ",5070,"))
        let writes = harness.sandbox.routeWrites
        await #expect(throws: ImportError.self) { _ = try await harness.importFile(input) { $0.onExisting = .update } }

        // Stopped while listing the account, before the threshold was decided.
        let running = Task { try await harness.importFile(input) { $0.onExisting = .update } }
        try await Task.sleep(for: .milliseconds(100))
        running.cancel()
        await #expect(throws: ImportError.self) { _ = try await running.value }
        // --resume finds the first import's journal, of another file: nothing goes out unchecked.
        await #expect(throws: ImportError.self) {
            _ = try await harness.importFile(input) { $0.onExisting = .update; $0.resume = true }
        }
        #expect(harness.sandbox.routeWrites == writes)
        #expect(try String(contentsOfFile: harness.directory + "/c.results.csv", encoding: .utf8) == results)
        let importer = Importer(inputPath: input, dialect: .telegent, options: ImportOptions(), service: harness.service)
        let verification = try await importer.verify()
        #expect(verification.rows == 40 && verification.isClean, "the first import's journal is still there to verify")
        #expect(!FileManager.default.fileExists(atPath: harness.directory + "/c.results.csv.journal.new"))
    }

    @Test("a plan never writes over an import's results or journal")
    func planLeavesAnImportsFilesAlone() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        let input = try harness.write("b.csv", trunkCSV(0..<5))
        _ = try await harness.importFile(input)
        let resultsPath = harness.directory + "/b.results.csv"
        let results = try String(contentsOfFile: resultsPath, encoding: .utf8)
        for target in [resultsPath, resultsPath + ".journal"] {
            await #expect { _ = try await harness.importFile(input) { $0.plan = true; $0.resultsPath = target } } throws: { error in
                (error as? ImportError)?.exitStatus == .usage
            }
        }
        // Nor does an import write its results over a journal.
        await #expect(throws: ImportError.self) { _ = try await harness.importFile(input) { $0.resultsPath = resultsPath + ".journal" } }
        #expect(try String(contentsOfFile: resultsPath, encoding: .utf8) == results)
        let importer = Importer(inputPath: input, dialect: .telegent, options: ImportOptions(), service: harness.service)
        #expect(try await importer.verify().rows == 5)
    }

    @Test("a name several routes share is refused per row under --on-existing update, in a plan too, naming the ids")
    func ambiguousNameIsRefused() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        let input = try harness.write("dup.csv", trunkCSV(0..<2))
        _ = try await harness.importFile(input)
        _ = try await harness.importFile(try harness.write("again.csv", trunkCSV(0..<1))) { $0.onExisting = .create }
        let ids = try await harness.serverRoutes()["route-0"] ?? []
        #expect(ids.count == 2)
        try harness.write("dup.csv", trunkCSV(0..<2).replacingOccurrences(of: ",5061,", with: ",5070,"))
        let writes = harness.sandbox.routeWrites
        for plan in [true, false] {
            let summary = try await harness.importFile(input) { $0.onExisting = .update; $0.plan = plan }
            #expect(summary.counts == [.invalid: 1, plan ? .toUpdate : .updated: 1])
            #expect(summary.exitStatus == .partialFailure)
            let rows = try harness.results(harness.directory + (plan ? "/dup.plan.csv" : "/dup.results.csv"))
            #expect(rows[0]["status"] == "invalid")
            #expect(ids.allSatisfy { rows[0]["error"]?.contains($0) == true })
            #expect(rows[0]["error"]?.hasPrefix("2 routes are named \"route-0\"") == true)
        }
        #expect(harness.sandbox.routeWrites == writes + 1, "only the unambiguous row was sent")
    }

    @Test("values are compared and sent as their types: an address as an address, a port as a number, a whitelist as a set")
    func typedValuesCompareAsTheirTypes() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        let header = "RouteName,RouteType,TrunkIp1,TrunkPort1,TrunkTransport1,IpWhitelist\n"
        let input = try harness.write("v6.csv", header + "six,Trunk,2001:DB8:0::1,05061,UDP,10.0.0.2; 10.0.0.1\n")
        _ = try await harness.importFile(input)
        let stored = try #require(try await snapshot(harness)["six"])
        #expect(stored["TrunkIp1"] == .string("2001:db8::1") && stored["TrunkPort1"] == .string("5061"),
                "the canonical form is what is sent")
        try harness.write("v6.csv", header + "six,Trunk,2001:db8::0:1,5061,UDP,10.0.0.1;10.0.0.2;10.0.0.1\n")
        let writes = harness.sandbox.routeWrites
        let plan = try await harness.importFile(input) { $0.onExisting = .update; $0.plan = true }
        #expect(plan.counts == [.unchanged: 1])
        let summary = try await harness.importFile(input) { $0.onExisting = .update }
        #expect(summary.counts == [.unchanged: 1])
        #expect(harness.sandbox.routeWrites == writes)
    }

    @Test("under --max-errors a plan stops where the import would, row for row")
    func planStopsAtMaxErrorsAsTheImport() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        let text = "RouteName,RouteType,TrunkIp1,TrunkPort1,TrunkTransport1\n"
            + "bad-1,Trunk,300.1.1.1,5060,UDP\nbad-2,Trunk,300.1.1.2,5060,UDP\n"
            + "ok-1,Trunk,10.1.1.1,5060,UDP\nok-2,Trunk,10.1.1.2,5060,UDP\n"
        let input = try harness.write("errors.csv", text)
        let plan = try await harness.importFile(input) { $0.plan = true; $0.maxErrors = 0 }
        let planned = try harness.results(harness.directory + "/errors.plan.csv").map { $0["status"] ?? "" }
        #expect(plan.exitStatus == .aborted)
        #expect(plan.description.hasPrefix("plan, nothing sent: the import would stop at --max-errors; "))
        let summary = try await harness.importFile(input) { $0.maxErrors = 0 }
        let imported = try harness.results(harness.directory + "/errors.results.csv").map { $0["status"] ?? "" }
        #expect(summary.exitStatus == .aborted)
        #expect(imported == ["invalid", "invalid", "unprocessed", "unprocessed"])
        #expect(planned == imported)
    }

    @Test("an update refused by the server keeps its route id, and its note fits an update")
    func failedUpdateKeepsItsID() async throws {
        let storage = NSTemporaryDirectory() + "routectl-plan-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: storage, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: storage) }
        let database = storage + "/sandbox.sqlite"
        let calm = try await ImportHarness.start { $0.database = database }
        let input = try calm.write("v1.csv", trunkCSV(0..<40))
        _ = try await calm.importFile(input)
        let before = try await snapshot(calm)
        try calm.write("v1.csv", trunkCSV(0..<40).replacingOccurrences(of: ",5061,", with: ",5070,"))
        let harness = try await calm.restarted(database: database) { $0.faults.failRate = 0.5; $0.seed = 3 }
        defer { Task { await harness.stop() } }
        let summary = try await harness.importFile(input, retry: RetryPolicy(maxAttempts: 1)) {
            $0.onExisting = .update
            $0.threshold.force = true
        }
        let rows = try harness.results(harness.directory + "/v1.results.csv")
        let failed = rows.filter { $0["status"] == "failed" }
        #expect(summary.counts[.failed] == failed.count && !failed.isEmpty, "no update met an injected failure")
        for row in failed {
            #expect(row["CallRouteId"] == before[row["RouteName"] ?? ""]?.id)
            #expect(row["note"]?.contains("by name") != true)
        }
    }

    @Test("--plan reports exactly the changed fields and leaves the server untouched")
    func planLeavesTheServerUntouched() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        let first = try harness.write("routes.csv", trunkCSV(0..<20))
        _ = try await harness.importFile(first)
        let results = try String(contentsOfFile: harness.directory + "/routes.results.csv", encoding: .utf8)
        let before = try await snapshot(harness)
        var text = "RouteName,RouteType,TrunkIp1,TrunkPort1,TrunkTransport1\n"
        for (index, row) in rows(trunkCSV(0..<20)).enumerated() {
            switch index {
            case 0: text += row.replacingOccurrences(of: ",5061,UDP", with: ",5062,TCP") + "\n"
            case 1: text += row.replacingOccurrences(of: ",5061,", with: ",5062,") + "\n"
            default: text += row.replacingOccurrences(of: "UDP", with: "Udp") + "\n"
            }
        }
        text += "new-1,Trunk,10.9.9.9,5060,UDP\nbroken,Trunk,300.1.1.1,5060,UDP\n"
        try harness.write("routes.csv", text)
        let writes = harness.sandbox.routeWrites
        let printed = JSONLines()
        let summary = try await harness.importFile(first) {
            $0.onExisting = .update
            $0.plan = true
            $0.planJSON = { index, json in printed.append(index, json) }
        }
        #expect(summary.counts == [.toUpdate: 2, .unchanged: 18, .toCreate: 1, .invalid: 1])
        #expect(summary.exitStatus == .partialFailure, "an invalid row is an error in a plan, as in an import")
        #expect(harness.sandbox.routeWrites == writes)
        #expect(try await snapshot(harness) == before)

        let plan = try harness.results(harness.directory + "/routes.plan.csv")
        #expect(plan.map { $0["status"] } == ["to-update", "to-update"] + Array(repeating: "unchanged", count: 18) + ["to-create", "invalid"])
        #expect(plan[0]["changes"] == "TrunkPort1: 5061 → 5062; TrunkTransport1: UDP → TCP")
        #expect(plan[1]["changes"] == "TrunkPort1: 5061 → 5062")
        #expect(plan[0]["CallRouteId"] == before["route-0"]?.id)
        #expect(plan[2]["changes"] == "" && plan[20]["changes"] == "")
        #expect(plan[21]["error"]?.contains("TrunkIp1") == true)
        // The import's results and journal are not the plan's, and the plan keeps no journal.
        #expect(try String(contentsOfFile: harness.directory + "/routes.results.csv", encoding: .utf8) == results)
        #expect(FileManager.default.fileExists(atPath: harness.directory + "/routes.results.csv.journal"))
        #expect(!FileManager.default.fileExists(atPath: harness.directory + "/routes.plan.csv.plan-journal"))

        let json = printed.values
        #expect(json.count == 22)
        #expect(json[0]["status"]?.stringValue == "to-update")
        #expect(json[0]["changes"] == .array([.string("TrunkPort1: 5061 → 5062"), .string("TrunkTransport1: UDP → TCP")]))
        #expect(json[0]["row"] == .int(1))

        // The same file planned for the default --on-existing skip: what an update would change is
        // still said, but the rows are `exists`.
        let skipping = try await harness.importFile(first) { $0.plan = true }
        #expect(skipping.counts == [.exists: 20, .toCreate: 1, .invalid: 1])
        let skipped = try harness.results(harness.directory + "/routes.plan.csv")
        #expect(skipped[1]["status"] == "exists" && skipped[1]["changes"] == "TrunkPort1: 5061 → 5062")
        #expect(harness.sandbox.routeWrites == writes)
    }

    @Test("a plan warns where the import would stop at the threshold")
    func planWarnsOfTheThreshold() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        _ = try await harness.importFile(try harness.write("v1.csv", trunkCSV(0..<12)))
        let input = try harness.write("v2.csv", trunkCSV(0..<12).replacingOccurrences(of: ",5061,", with: ",5070,"))
        let plan = try await harness.importFile(input) { $0.onExisting = .update; $0.plan = true }
        #expect(plan.counts == [.toUpdate: 12])
        #expect(plan.stopWarning?.hasPrefix("this would update 12 of the account's 12 existing routes (100 %)") == true)
        #expect(plan.description.contains("warning: the import would stop before sending anything: this would update 12"))
        #expect(plan.exitStatus == .usage, "a plan exits as the import would have")
        let forced = try await harness.importFile(input) { $0.onExisting = .update; $0.plan = true; $0.threshold.force = true }
        #expect(forced.stopWarning == nil && forced.exitStatus == .success)
    }
}

/// The JSON a plan hands out, collected in order.
private final class JSONLines: Sendable {
    private let lines = Mutex<[(Int, JSON)]>([])

    func append(_ index: Int, _ json: JSON) {
        lines.withLock { $0.append((index, json)) }
    }

    var values: [JSON] {
        lines.withLock { lines in
            precondition(lines.map(\.0) == Array(lines.indices), "handed out in order")
            return lines.map(\.1)
        }
    }
}
