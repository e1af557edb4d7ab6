import Foundation
import RouteClient
import RouteImport
import RouteModel
import RouteSandbox
import Testing

extension ImportHarness {
    /// `routectl numbers import PATH`.
    func importNumbers(
        _ path: String, retry: RetryPolicy = RetryPolicy(maxAttempts: 12, baseDelay: .milliseconds(10), maxDelay: .milliseconds(200)),
        _ configure: (inout ImportOptions) -> Void = { _ in }
    ) async throws -> ImportSummary {
        var options = ImportOptions()
        configure(&options)
        return try await NumberImporter(inputPath: path, options: options, service: service, retry: retry).run()
    }

    /// Every number of the account with its routing, as the service lists them.
    func numbers() async throws -> [PhoneNumber: NumberRouting] {
        var numbers: [PhoneNumber: NumberRouting] = [:]
        try await service.forEachNumber { numbers[$0] = $1 }
        return numbers
    }

    /// Route ids by name.
    func routeIDs() async throws -> [String: String] {
        try await serverRoutes().compactMapValues(\.first)
    }
}

@Suite("numbers import: the cutover, against the sandbox")
struct NumberImportTests {
    /// `Number,Route[,FailoverRoute]`, number i of `numbers` to `route(i)`.
    private func csv(_ numbers: [PhoneNumber], failover: ((Int) -> String)? = nil, route: (Int) -> String) -> String {
        var text = "Number,Route" + (failover == nil ? "" : ",FailoverRoute") + "\n"
        for (index, number) in numbers.enumerated() {
            text += "\(number.e164),\(route(index))" + (failover.map { ",\($0(index))" } ?? "") + "\n"
        }
        return text
    }

    private func statuses(_ rows: [[String: String]]) -> [String: Int] {
        rows.reduce(into: [:]) { $0[$1["status"] ?? "", default: 0] += 1 }
    }

    private func storage() throws -> String {
        let path = NSTemporaryDirectory() + "routectl-numbers-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("2,000 numbers moved from old routes to new ones by name through faults end exact, and undo puts them back")
    func cutoverThroughFaults() async throws {
        let storage = try storage()
        defer { try? FileManager.default.removeItem(atPath: storage) }
        let database = storage + "/sandbox.sqlite"
        let calm = try await ImportHarness.start { $0.database = database; $0.seedNumbers = 2000 }
        _ = try await calm.importFile(try calm.write("old.csv", trunkCSV(0..<10, prefix: "old")))
        _ = try await calm.importFile(try calm.write("new.csv", trunkCSV(0..<10, prefix: "new")))
        let ids = try await calm.routeIDs()
        let numbers = try await calm.numbers().keys.sorted()
        #expect(numbers.count == 2000)
        let onOld = try await calm.importNumbers(try calm.write("old-numbers.csv", csv(numbers) { "old-\($0 % 10)" })) {
            $0.threshold.force = true
        }
        #expect(onOld.exitStatus == .success)
        let before = try await calm.numbers()

        let harness = try await calm.restarted(database: database) { options in
            options.faults.ambiguousRate = 0.1
            options.faults.commitThenFailRate = 0.1
            options.faults.failRate = 0.05
            options.seed = 7
        }
        defer { Task { await harness.stop() } }
        let cutover = try harness.write("cutover.csv", csv(numbers) { "new-\($0 % 10)" })
        let summary = try await harness.importNumbers(cutover) { $0.concurrency = 16; $0.threshold.force = true }
        #expect(summary.exitStatus == .success, "\(summary.description)")
        #expect(summary.numberCheck?.isClean == true)
        let rows = try harness.results(harness.directory + "/cutover.results.csv")
        #expect(rows.count == 2000)
        #expect(statuses(rows) == ["assigned": 2000])
        #expect(rows.contains { Int($0["attempts"] ?? "") ?? 0 > 1 }, "no fault was met")
        for (index, row) in rows.enumerated() {
            #expect(row["row"] == String(index + 1) && row["line"] == String(index + 2))
            #expect(row["Number"] == numbers[index].e164)
            #expect(row["VoiceRouteId"] == ids["new-\(index % 10)"])
            #expect(row["previous_route"] == ids["old-\(index % 10)"])
        }
        let after = try await harness.numbers()
        for (index, number) in numbers.enumerated() {
            #expect(after[number] == NumberRouting(primary: ids["new-\(index % 10)"]), "\(number)")
        }

        let undone = try await harness.undo(harness.directory + "/cutover.results.csv",
                                             retry: RetryPolicy(maxAttempts: 12, baseDelay: .milliseconds(10), maxDelay: .milliseconds(200))) {
            $0.threshold.force = true
        }
        #expect(undone.exitStatus == .success, "\(undone.description)")
        #expect(undone.numberCheck?.isClean == true)
        let undoRows = try harness.results(harness.directory + "/cutover.results.undo.csv")
        #expect(statuses(undoRows) == ["restored": 2000])
        #expect(undoRows.first?["VoiceRouteId"] == ids["old-0"] && undoRows.first?["previous_route"] == ids["new-0"])
        #expect(try await harness.numbers() == before)
    }

    @Test("a plan sends nothing and says what the import would do; the import then does exactly that")
    func plan() async throws {
        let harness = try await ImportHarness.start { $0.seedNumbers = 30 }
        defer { Task { await harness.stop() } }
        _ = try await harness.importFile(try harness.write("routes.csv", trunkCSV(0..<3, prefix: "r")))
        let numbers = try await harness.numbers().keys.sorted()
        _ = try await harness.importNumbers(try harness.write("first.csv", csv(Array(numbers[0..<10])) { _ in "r-0" })) {
            $0.threshold.force = true
        }
        let before = try await harness.numbers()
        let writes = harness.sandbox.numberWrites
        let input = try harness.write("move.csv", csv(Array(numbers[0..<20])) { $0 < 5 ? "r-0" : "r-1" } + "+19999999999,r-1\n")
        let planned = try await harness.importNumbers(input) { $0.plan = true; $0.threshold.force = true }
        #expect(planned.exitStatus == .partialFailure, "an invalid row makes the import exit 1, and so its plan")
        #expect(harness.sandbox.numberWrites == writes)
        #expect(try await harness.numbers() == before)
        let rows = try harness.results(harness.directory + "/move.plan.csv")
        #expect(statuses(rows) == ["unchanged": 5, "to-assign": 15, "invalid": 1])
        #expect(rows[20]["error"] == "the account has no number +19999999999")
        #expect(FileManager.default.fileExists(atPath: harness.directory + "/move.plan.csv.plan-journal") == false)

        let done = try await harness.importNumbers(input) { $0.threshold.force = true }
        #expect(statuses(try harness.results(harness.directory + "/move.results.csv")) == ["unchanged": 5, "assigned": 15, "invalid": 1])
        #expect(done.exitStatus == .partialFailure)
        #expect(harness.sandbox.numberWrites == writes + 15)
    }

    @Test("moving more than a quarter of the account's numbers stops before anything is sent unless forced; a plan warns")
    func threshold() async throws {
        let harness = try await ImportHarness.start { $0.seedNumbers = 40 }
        defer { Task { await harness.stop() } }
        _ = try await harness.importFile(try harness.write("routes.csv", trunkCSV(0..<1, prefix: "r")))
        let numbers = try await harness.numbers().keys.sorted()
        let input = try harness.write("all.csv", csv(Array(numbers[0..<11])) { _ in "r-0" })
        await #expect {
            _ = try await harness.importNumbers(input)
        } throws: { error in
            (error as? ImportError)?.exitStatus == .usage && "\(error)".contains(
                "nothing was sent: this would move 11 of the account's 40 existing numbers (28 %), more than the 25 % allowed without --force")
        }
        #expect(harness.sandbox.numberWrites == 0)
        #expect(!FileManager.default.fileExists(atPath: harness.directory + "/all.results.csv"))
        let planned = try await harness.importNumbers(input) { $0.plan = true }
        #expect(planned.exitStatus == .usage)
        #expect(planned.description.contains("the numbers import would stop before sending anything: this would move 11"))
        #expect(try await harness.importNumbers(input) { $0.threshold.maxChanges = 11 }.exitStatus == .success)
        #expect(harness.sandbox.numberWrites == 11)
    }

    @Test("Ctrl-C stops a cutover with every result written; --resume finishes it exactly")
    func interruptedThenResumed() async throws {
        let harness = try await ImportHarness.start { $0.seedNumbers = 300; $0.latency = .milliseconds(20) }
        defer { Task { await harness.stop() } }
        _ = try await harness.importFile(try harness.write("routes.csv", trunkCSV(0..<2, prefix: "r")))
        let ids = try await harness.routeIDs()
        let numbers = try await harness.numbers().keys.sorted()
        let input = try harness.write("cut.csv", csv(numbers) { "r-\($0 % 2)" })
        let running = Task { try await harness.importNumbers(input) { $0.concurrency = 4; $0.threshold.force = true } }
        let deadline = ContinuousClock.now + .seconds(120)
        while try await harness.numbers().values.filter({ $0.primary != nil }).count < 40, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        running.cancel()
        #expect(try await running.value.exitStatus == .interrupted)
        let first = try harness.results(harness.directory + "/cut.results.csv")
        #expect(first.count == 300)
        #expect(first.contains { $0["status"] == "unprocessed" })

        let resumed = try await harness.importNumbers(input) { $0.resume = true; $0.threshold.force = true }
        #expect(resumed.exitStatus == .success, "\(resumed.description)")
        #expect(statuses(try harness.results(harness.directory + "/cut.results.csv")) == ["assigned": 300])
        let after = try await harness.numbers()
        for (index, number) in numbers.enumerated() { #expect(after[number]?.primary == ids["r-\(index % 2)"]) }
        // The previous routes are the ones before the first run, also for rows the resumed run sent.
        #expect(try harness.results(harness.directory + "/cut.results.csv").allSatisfy { $0["previous_route"] == "" })
    }

    @Test("--resume goes to the account the run was for, and sends an edited row as it is now, keeping the routes before")
    func resumeChecksTheAccountAndTheFile() async throws {
        let storage = try storage()
        defer { try? FileManager.default.removeItem(atPath: storage) }
        let database = storage + "/sandbox.sqlite"
        let other = SandboxAccount(key: "DID-OTHER", secret: "other-secret")
        let calm = try await ImportHarness.start { $0.database = database; $0.seedNumbers = 3; $0.accounts.append(other) }
        _ = try await calm.importFile(try calm.write("routes.csv", trunkCSV(0..<3, prefix: "r")))
        let ids = try await calm.routeIDs()
        let numbers = try await calm.numbers().keys.sorted()
        _ = try await calm.importNumbers(try calm.write("start.csv", csv(numbers) { _ in "r-0" }))
        // Every assignment is applied and its answer lost: each row is left in flight.
        let faulty = try await calm.restarted(database: database) { $0.faults.commitThenFailRate = 1; $0.accounts.append(other) }
        let input = try faulty.write("cut.csv", csv(numbers) { _ in "r-1" })
        #expect(try await faulty.importNumbers(input, retry: .none).exitStatus == .partialFailure)
        let harness = try await faulty.restarted(database: database) { $0.accounts.append(other) }
        defer { Task { await harness.stop() } }

        let elsewhere = makeRouteService(Endpoint(dialect: .telegent, baseURL: harness.sandbox.baseURL(.telegent), accountKey: other.key,
                                                  accountSecret: other.secret), options: ClientOptions())
        var options = ImportOptions()
        options.resume = true
        await #expect {
            _ = try await NumberImporter(inputPath: input, options: options, service: elsewhere).run()
        } throws: { error in
            (error as? ImportError)?.exitStatus == .usage && "\(error)".contains("is the journal of a run for DID-IMPORT at 127.0.0.1, "
                + "and this connection is DID-OTHER at 127.0.0.1")
        }
        await elsewhere.shutdown()

        try harness.write("cut.csv", csv(numbers) { $0 == 0 ? "r-2" : "r-1" })
        #expect(try await harness.importNumbers(input) { $0.resume = true }.exitStatus == .success)
        let rows = try harness.results(harness.directory + "/cut.results.csv")
        #expect(rows.map { $0["VoiceRouteId"] } == [ids["r-2"], ids["r-1"], ids["r-1"]])
        #expect(rows.allSatisfy { $0["previous_route"] == ids["r-0"] }, "the routes before the first run are kept")
        #expect(rows[0]["note"] == "the row changed since an earlier run sent, or was about to send, \(ids["r-1"]!)")
        #expect(try await harness.numbers()[numbers[0]]?.primary == ids["r-2"])
        #expect(try await harness.undo(harness.directory + "/cut.results.csv").exitStatus == .success)
        #expect(try await harness.numbers().values.allSatisfy { $0.primary == ids["r-0"] })
    }

    @Test("Flowroute v2 and v1: primary and failover in order, and undo puts both back", arguments: [Dialect.flowrouteV2, .flowrouteV1])
    func flowrouteFailover(dialect: Dialect) async throws {
        let harness = try await ImportHarness.start(dialect) { $0.seedNumbers = 6 }
        defer { Task { await harness.stop() } }
        let routes = "route_name,type,value\n" + (0..<3).map { "fr\($0),HOST,10.1.1.\($0 + 1):5060" }.joined(separator: "\n") + "\n"
        _ = try await harness.importFile(try harness.write("routes.csv",
            dialect == .flowrouteV2 ? routes.replacingOccurrences(of: "route_name,type", with: "alias,route_type")
                .replacingOccurrences(of: "HOST", with: "host") : routes))
        let ids = try await harness.routeIDs()
        let numbers = try await harness.numbers().keys.sorted()
        _ = try await harness.importNumbers(try harness.write("start.csv", csv(numbers, failover: { _ in "fr2" }) { _ in "fr0" }))
        let before = try await harness.numbers()
        #expect(before[numbers[0]] == NumberRouting(primary: ids["fr0"], failover: ids["fr2"]))

        let input = try harness.write("swap.csv", "Number,Route,FailoverRoute\n\(numbers[0].digits),fr2,fr0\n\(numbers[1].e164),fr1,\n")
        let summary = try await harness.importNumbers(input)
        #expect(summary.exitStatus == .success, "\(summary.description)")
        let rows = try harness.results(harness.directory + "/swap.results.csv")
        #expect(rows[0]["Number"] == numbers[0].e164)
        #expect([rows[0]["route"], rows[0]["failover_route"], rows[0]["previous_route"], rows[0]["previous_failover_route"]]
            == [ids["fr2"], ids["fr0"], ids["fr0"], ids["fr2"]])
        #expect([rows[1]["route"], rows[1]["failover_route"]] == [ids["fr1"], ""])
        let after = try await harness.numbers()
        #expect(after[numbers[0]] == NumberRouting(primary: ids["fr2"], failover: ids["fr0"]))
        #expect(after[numbers[1]] == NumberRouting(primary: ids["fr1"]))

        #expect(try await harness.undo(harness.directory + "/swap.results.csv").exitStatus == .success)
        #expect(try await harness.numbers() == before)
    }

    @Test("undo leaves alone a number moved since, and says so")
    func drifted() async throws {
        let harness = try await ImportHarness.start { $0.seedNumbers = 3 }
        defer { Task { await harness.stop() } }
        _ = try await harness.importFile(try harness.write("routes.csv", trunkCSV(0..<3, prefix: "r")))
        let ids = try await harness.routeIDs()
        let numbers = try await harness.numbers().keys.sorted()
        _ = try await harness.importNumbers(try harness.write("a.csv", csv(numbers) { _ in "r-0" }))
        _ = try await harness.importNumbers(try harness.write("b.csv", csv(numbers) { _ in "r-1" }))
        _ = await harness.service.assignOnce(numbers[1], to: NumberRouting(primary: ids["r-2"]))
        let undone = try await harness.undo(harness.directory + "/b.results.csv")
        #expect(undone.exitStatus == .partialFailure)
        let rows = try harness.results(harness.directory + "/b.results.undo.csv")
        #expect(rows.map { $0["status"] } == ["restored", "drifted", "restored"])
        #expect(rows[1]["note"] == "now on \(ids["r-2"]!); the import put it on \(ids["r-1"]!)")
        #expect(undone.description.contains("1 number changed since the import, left alone (drifted)"))
        #expect(try await harness.numbers()[numbers[1]]?.primary == ids["r-2"])
    }

    @Test("a numbers import never writes over a route import's results or journal, nor the reverse")
    func resultsOfTheOtherKindAreKept() async throws {
        let harness = try await ImportHarness.start { $0.seedNumbers = 2 }
        defer { Task { await harness.stop() } }
        let routes = try harness.write("routes.csv", trunkCSV(0..<2, prefix: "r"))
        _ = try await harness.importFile(routes)
        let numbers = try await harness.numbers().keys.sorted()
        let input = try harness.write("n.csv", csv(numbers) { _ in "r-0" })
        await #expect {
            _ = try await harness.importNumbers(input) { $0.resultsPath = harness.directory + "/routes.results.csv" }
        } throws: { "\($0)".contains("holds the results of a route import or an undo") }
        _ = try await harness.importNumbers(input)
        await #expect {
            _ = try await harness.importFile(routes) { $0.resultsPath = harness.directory + "/n.results.csv" }
        } throws: { "\($0)".contains("holds the results of a numbers import") }
        // Nor over an earlier cutover's, whose journal alone holds the routes its numbers had.
        let again = try harness.write("again.csv", csv(numbers) { _ in "r-1" })
        await #expect {
            _ = try await harness.importNumbers(again) { $0.resultsPath = harness.directory + "/n.results.csv" }
        } throws: { error in
            (error as? ImportError)?.exitStatus == .usage && "\(error)".contains("holds an earlier cutover that moved 2 numbers")
        }
        #expect(try await harness.undo(harness.directory + "/n.results.csv").exitStatus == .success)
    }
}
