import Foundation
import Testing

/// `routectl import --plan`, `--force` and `--max-changes` as people type them, against the local sandbox.
@Suite("routectl import --plan and the change threshold")
struct ImportPlanCommandTests {
    @Test("a plan prints JSON for machines and warns of the threshold; the import then stops with 64 until allowed")
    func planThenImport() throws {
        let cli = try RoutesCLIHarness()
        defer { try? FileManager.default.removeItem(at: cli.home) }
        func file(port: Int) throws -> String {
            var text = "RouteName,RouteType,TrunkIp1,TrunkPort1,TrunkTransport1\n"
            for index in 0..<12 { text += "trunk-\(index),Trunk,10.0.0.\(index + 1),\(port),UDP\n" }
            let path = cli.home.appendingPathComponent("trunks.csv").path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
        #expect(try cli.run(["import", try file(port: 5060), "--quiet"]).status == 0)
        let input = try file(port: 5062)

        let plan = try cli.run(["import", input, "--plan", "--on-existing", "update", "--output", "json"])
        #expect(plan.status == 64, "a plan exits as the import it plans would have")
        let rows = try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(rows.count == 12)
        #expect(rows.allSatisfy { $0["status"] as? String == "to-update" && $0["changes"] as? [String] == ["TrunkPort1: 5060 → 5062"] })
        #expect(plan.stderr.contains("plan, nothing sent: 12 rows"))
        #expect(plan.stderr.contains("warning: the import would stop before sending anything: this would update 12"))
        #expect(FileManager.default.fileExists(atPath: cli.home.appendingPathComponent("trunks.plan.csv").path))

        #expect(try cli.run(["import", input, "--plan", "--on-existing", "update", "--quiet"]).status == 64)
        #expect(try cli.run(["import", input, "--plan", "--on-existing", "update", "--max-changes", "11", "-q"]).status == 64)
        #expect(try cli.run(["import", input, "--plan", "--on-existing", "update", "--force", "-q"]).status == 0)

        let refused = try cli.run(["import", input, "--on-existing", "update"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("nothing was sent: this would update 12 of the account's 12 existing routes (100 %)"))
        #expect(try cli.run(["import", input, "--on-existing", "update", "--max-changes", "11"]).status == 64)
        let allowed = try cli.run(["import", input, "--on-existing", "update", "--max-changes", "12"])
        #expect(allowed.status == 0)
        #expect(allowed.stderr.contains("12 updated"))
        let again = try cli.run(["import", input, "--on-existing", "update"])
        #expect(again.status == 0)
        #expect(again.stderr.contains("12 unchanged"))
    }

    @Test("--plan goes with no option that sends or resumes, and --max-changes is range-checked")
    func refusedCombinations() throws {
        let cli = try RoutesCLIHarness()
        defer { try? FileManager.default.removeItem(at: cli.home) }
        for extra in [["--dry-run"], ["--resume"], ["--verify"], ["--repair"]] {
            let outcome = try cli.run(["import", "routes.csv", "--plan"] + extra)
            #expect(outcome.status == 64)
            #expect(outcome.stderr.contains("--plan compares the file with the account and sends nothing"))
        }
        #expect(try cli.run(["import", "routes.csv", "--max-changes=-1"]).stderr.contains("--max-changes must be"))
        let negative = try cli.run(["import", "routes.csv", "--on-existing", "update", "--max-changes", "-1"])
        #expect(negative.status == 64 && negative.stderr.contains("--max-changes must be a number of routes from 0 to"))
        for extra in [["--force"], ["--max-changes", "3"]] {
            let outcome = try cli.run(["import", "routes.csv"] + extra)
            #expect(outcome.status == 64 && outcome.stderr.contains("they go with --on-existing update"))
        }
        #expect(try cli.run(["import", "routes.csv", "--force", "--max-changes", "3"]).status == 64)
    }
}
