import Foundation
import Testing

/// `routectl undo` as people type it, against the local sandbox.
@Suite("routectl undo")
struct UndoCommandTests {
    @Test("undo never acts unasked without a terminal; --plan --output json shows it; --yes takes the import back")
    func consentThenUndo() throws {
        let cli = try RoutesCLIHarness()
        defer { try? FileManager.default.removeItem(at: cli.home) }
        func write(_ name: String, _ rows: [String]) throws -> String {
            let path = cli.home.appendingPathComponent(name).path
            try Data((["RouteName,RouteType,TrunkIp1,TrunkPort1,TrunkTransport1"] + rows).joined(separator: "\n").utf8)
                .write(to: URL(fileURLWithPath: path))
            return path
        }
        let existing = try write("existing.csv", (0..<40).map { "branch-\($0),Trunk,10.0.0.\($0 + 1),5060,UDP" })
        #expect(try cli.run(["import", existing, "--quiet"]).status == 0)
        // Every route with every field, in an order that does not depend on the listing's.
        func account() throws -> [String] { try cli.run(["routes", "list", "--output", "csv"]).lines.sorted() }
        let before = try account()
        let migration = try write("migration.csv", (0..<4).map { "new-\($0),Trunk,10.1.0.\($0 + 1),5061,TLS" }
            + (0..<2).map { "branch-\($0),Trunk,10.0.0.\($0 + 1),5062,TCP" })
        #expect(try cli.run(["import", migration, "--on-existing", "update", "--quiet"]).status == 0)
        let results = cli.home.appendingPathComponent("migration.results.csv").path

        let unasked = try cli.run(["undo", results], input: "y\n")
        #expect(unasked.status == 64)
        #expect(unasked.stderr.contains("undo will delete 4 routes and restore 2, and there is no terminal to ask: give --yes"))
        #expect(try account() != before)

        let plan = try cli.run(["undo", results, "--plan", "--output", "json"])
        #expect(plan.status == 0)
        let rows = try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(rows.map { $0["status"] as? String } == ["to-delete", "to-delete", "to-delete", "to-delete", "to-restore", "to-restore"])
        #expect(rows[4]["changes"] as? [String] == ["TrunkPort1: 5062 → 5060", "TrunkTransport1: TCP → UDP"])
        #expect(plan.stderr.contains("plan, nothing sent: 6 rows"))

        let undone = try cli.run(["undo", results, "--yes"])
        #expect(undone.status == 0)
        #expect(undone.stderr.contains("4 deleted, 2 restored"))
        #expect(undone.stderr.contains("results: \(cli.home.path)/migration.results.undo.csv"))
        #expect(try account() == before)

        let again = try cli.run(["undo", results])
        #expect(again.status == 0, "nothing left to send: no question, no refusal")
        #expect(again.stderr.contains("4 gone, 2 nothing-to-undo"))
    }

    @Test("undo says what is missing, and refuses options that cannot go together")
    func refusals() throws {
        let cli = try RoutesCLIHarness()
        defer { try? FileManager.default.removeItem(at: cli.home) }
        let missing = try cli.run(["undo", "nothing.results.csv", "--yes"])
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("there is no nothing.results.csv: undo takes the result file of an import"))
        #expect(try cli.run(["undo", "r.csv", "--plan", "--resume"]).status == 64)
        #expect(try cli.run(["undo", "r.csv", "--force", "--max-changes", "3"]).status == 64)
        #expect(try cli.run(["undo", "r.csv", "--max-changes=-1"]).stderr.contains("--max-changes must be"))
    }
}
