import Foundation
import RouteModel
import RouteSandbox
import Testing

/// `numbers list`, `show` and `assign`, and what `routes delete` and `update` say about the
/// numbers a route carries: the built binary against a sandbox in the test process.
@Suite struct NumbersCommandTests {
    private static let account = SandboxAccount(key: "DID-CLI", secret: "cli-secret")
    let cli: RoutesCLIHarness

    init() throws { cli = try RoutesCLIHarness() }

    /// A sandbox whose account holds `numbers` numbers (on `routes` seeded Telegent routes in
    /// turn), and the environment that points routectl at it for `dialect`.
    private func withSandbox(
        _ dialect: Dialect = .telegent, routes: Int = 0, numbers: Int, _ body: (Sandbox, [String: String]) async throws -> Void
    ) async throws {
        var options = SandboxOptions()
        options.accounts = [Self.account]
        options.seedRoutes = routes
        options.seedNumbers = numbers
        let sandbox = try await Sandbox.start(options)
        let environment = ["ROUTECTL_BASE_URL": sandbox.baseURL(dialect), "ROUTECTL_PROVIDER": dialect.rawValue, "ROUTECTL_ACCOUNT_KEY": Self.account.key,
                           "ROUTECTL_ACCOUNT_SECRET": Self.account.secret]
        do { try await body(sandbox, environment) } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()
    }

    /// Runs routectl on a thread of its own: the sandbox answers from the test's task pool,
    /// which a process waited for on it could starve.
    private func run(_ arguments: [String], _ environment: [String: String]) async throws -> RoutesCLIHarness.Outcome {
        let cli = self.cli
        return try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try cli.run(arguments, environment: environment, timeout: .seconds(120)) })
            }.start()
        }
    }

    private func create(_ assignments: [String], _ environment: [String: String]) async throws -> String {
        let created = try await run(["routes", "create"] + assignments + ["-q"], environment)
        #expect(created.status == 0, "\(created.stderr)")
        return created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func trunk(_ name: String, _ environment: [String: String]) async throws -> String {
        try await create(["RouteName=\(name)", "RouteType=Trunk", "TrunkIp1=20.87.87.87", "TrunkPort1=5061", "TrunkTransport1=UDP"],
                         environment)
    }

    @Test func listShowAndAssignOnTelegent() async throws {
        try await withSandbox(routes: 2, numbers: 4) { sandbox, environment in
            let main = try await trunk("Main SIP Trunk", environment)

            let table = try await run(["numbers", "list", "--output", "table", "-q"], environment)
            #expect(table.status == 0, "\(table.stderr)")
            #expect(table.lines.first == "Number        Route                                      RouteName")
            #expect(table.lines.count == 6)
            #expect(table.lines[1].hasPrefix("+12065550000  CRID-") && table.lines[1].hasSuffix("  seed-000000"))
            #expect(table.lines.last == "4 numbers")

            let shown = try await run(["numbers", "show", "+12065550002", "--output", "json", "-q"], environment)
            #expect(shown.status == 0, "\(shown.stderr)")
            let before = try #require(try JSON(parsing: Array(shown.stdout.utf8))["Route"]?.stringValue)
            #expect(shown.stdout.hasPrefix(#"{"Number":"+12065550002","Route":"CRID-"#))

            let byName = try await run(["numbers", "assign", "+12065550002", "Main SIP Trunk", "--output", "csv", "-q"], environment)
            #expect(byName.status == 0, "\(byName.stderr)")
            #expect(byName.stdout == "Number,State,Route\n+12065550002,previous,\(before)\n+12065550002,assigned,\(main)\n")
            let byID = try await run(["numbers", "assign", "12065550003", main, "--output", "table", "-q"], environment)
            #expect(byID.status == 0, "\(byID.stderr)")
            #expect(byID.lines.count == 3)
            #expect(byID.lines[2] == "+12065550003  assigned  \(main)  Main SIP Trunk")

            let onMain = try await run(["numbers", "list", "--route", "Main SIP Trunk", "--output", "csv", "-q"], environment)
            #expect(onMain.stdout == "Number,Route\n+12065550002,\(main)\n+12065550003,\(main)\n")
            let shownAfter = try await run(["numbers", "show", "+12065550003", "--output", "table", "-q"], environment)
            #expect(shownAfter.lines == ["Field      Value", "Number     +12065550003", "Route      \(main)", "RouteName  Main SIP Trunk"])
            #expect(sandbox.numberWrites == 2)
        }
    }

    @Test func refusalsOnTelegentSendNothing() async throws {
        try await withSandbox(routes: 1, numbers: 2) { sandbox, environment in
            let first = try await trunk("Toronto", environment)
            let second = try await trunk("Toronto", environment)
            let ambiguous = try await run(["numbers", "assign", "+12065550001", "Toronto", "-q"], environment)
            #expect(ambiguous.status == 64)
            #expect(ambiguous.stderr.hasPrefix("routectl: 2 routes are named \"Toronto\"; give the id of the one you mean:\n"))
            #expect(ambiguous.stderr.contains(first) && ambiguous.stderr.contains(second))

            let failover = try await run(["numbers", "assign", "+12065550001", first, "--failover", second, "-q"], environment)
            #expect(failover.status == 64)
            #expect(failover.stderr == "routectl: --failover: Telegent numbers have one voice route and no failover route\n")

            let unknown = try await run(["numbers", "assign", "+14155550199", first, "-q"], environment)
            #expect(unknown.status == 1)
            #expect(unknown.stderr == "routectl: 404 — phone number +14155550199 was not found\n")
            let unknownShown = try await run(["numbers", "show", "+14155550199", "-q"], environment)
            #expect(unknownShown.status == 1)

            let malformed = try await run(["numbers", "show", "1.2065550001E10", "-q"], environment)
            #expect(malformed.status == 64)
            #expect(malformed.stderr.contains("\"1.2065550001E10\" is not a phone number: it looks like a spreadsheet turned the number into a float"))
            #expect(sandbox.numberWrites == 0)
        }
    }

    @Test func flowrouteV1AssignsThePrimaryThenTheFailover() async throws {
        try await withSandbox(.flowrouteV1, numbers: 2) { _, environment in
            for name in ["east", "west"] { _ = try await create(["route_name=\(name)", "type=uri", "value=sip:\(name)@example.com"], environment) }
            let assigned = try await run(["numbers", "assign", "+12065550001", "west", "--failover", "east", "--output", "json", "-q"], environment)
            #expect(assigned.status == 0, "\(assigned.stderr)")
            #expect(assigned.stdout == """
                {"Number":"+12065550001","Previous":{"Route":null,"FailoverRoute":null},"Assigned":{"Route":"west","FailoverRoute":"east"}}\n
                """)
            let listed = try await run(["numbers", "list", "--output", "csv", "-q"], environment)
            #expect(listed.stdout == "Number,Route,FailoverRoute\n+12065550000,,\n+12065550001,west,east\n")
        }
    }

    @Test func flowrouteKeepsTheFailoverUnlessToldToTakeItAway() async throws {
        try await withSandbox(.flowrouteV1, numbers: 1) { _, environment in
            for name in ["east", "west", "north"] { _ = try await create(["route_name=\(name)", "type=uri", "value=sip:\(name)@example.com"], environment) }
            _ = try await run(["numbers", "assign", "+12065550000", "west", "--failover", "east", "-q"], environment)
            #expect(try await run(["numbers", "assign", "+12065550000", "north", "-q"], environment).status == 0)
            #expect(try await run(["numbers", "list", "--output", "csv", "-q"], environment).stdout
                == "Number,Route,FailoverRoute\n+12065550000,north,east\n")
            #expect(try await run(["numbers", "assign", "+12065550000", "north", "--no-failover", "-q"], environment).status == 0)
            #expect(try await run(["numbers", "list", "--output", "csv", "-q"], environment).stdout
                == "Number,Route,FailoverRoute\n+12065550000,north,\n")
            let both = try await run(["numbers", "assign", "+12065550000", "north", "--no-failover", "--failover", "east", "-q"], environment)
            #expect(both.status == 64)
        }
    }

    @Test func flowrouteV2AssignsAFailoverByName() async throws {
        try await withSandbox(.flowrouteV2, numbers: 2) { _, environment in
            let east = try await create(["alias=east", "route_type=uri", "value=sip:east@example.com"], environment)
            let west = try await create(["alias=west", "route_type=uri", "value=sip:west@example.com"], environment)
            let assigned = try await run(["numbers", "assign", "+12065550000", "east", "--failover", "west", "--output", "table", "-q"], environment)
            #expect(assigned.status == 0, "\(assigned.stderr)")
            #expect(assigned.lines.count == 3)
            #expect(assigned.lines.first == "Number        State     Route  RouteName  FailoverRoute  FailoverRouteName")
            #expect(assigned.lines.dropFirst().map { $0.split(separator: " ").map(String.init) } == [
                ["+12065550000", "previous"], ["+12065550000", "assigned", east, "east", west, "west"],
            ])
            let onWest = try await run(["numbers", "list", "--route", "west", "--output", "json", "-q"], environment)
            #expect(onWest.stdout == """
                [
                {"Number":"+12065550000","Route":"\(east)","RouteName":"east","FailoverRoute":"\(west)","FailoverRouteName":"west"}
                ]\n
                """)
        }
    }

    @Test func aBuiltInRouteRefusedIsNotTakenForOneInUse() async throws {
        try await withSandbox(.flowrouteV2, numbers: 1) { _, environment in
            let refused = try await run(["routes", "delete", "0", "--yes", "-q"], environment)
            #expect(refused.status == 1)
            #expect(refused.stderr.hasPrefix("routectl: 403 Forbidden"), "\(refused.stderr)")
            #expect(!refused.stderr.contains("numbers still use"), "\(refused.stderr)")
        }
    }

    @Test(arguments: [Dialect.telegent, .flowrouteV2])
    func deletingARouteInUseIsExplained(_ dialect: Dialect) async throws {
        try await withSandbox(dialect, numbers: 7) { _, environment in
            let route = dialect == .telegent
                ? try await trunk("Main", environment)
                : try await create(["alias=Main", "route_type=uri", "value=sip:main@example.com"], environment)
            for index in 0..<7 {
                let assigned = try await run(["numbers", "assign", "+1206555000\(index)", route, "-q"], environment)
                #expect(assigned.status == 0, "\(assigned.stderr)")
            }
            let refused = try await run(["routes", "delete", "Main", "--yes", "-q"], environment)
            #expect(refused.status == 1)
            let reason = dialect == .telegent
                ? "routectl: 400 Bad Request — Cannot delete voice route as it is currently assigned to one or more phone numbers.\n"
                : "routectl: 403 Forbidden — Please disassociate all numbers before deleting.\n"
            #expect(refused.stderr.hasPrefix(reason + """
                The service deletes no route that numbers still use.
                7 numbers use route "Main" (\(route)):
                  +12065550000
                """), "\(refused.stderr)")
            #expect(refused.stderr.contains("  +12065550004\n  … and 2 more (routectl numbers list --route \(route))\n"))
            #expect(refused.stderr.hasSuffix("""
                Move the numbers to another route first: one with `routectl numbers assign NUMBER ROUTE`, many with \
                `routectl numbers import FILE.csv` (`routectl numbers list --route \(route) --output csv` writes them to a file to edit).\n
                """))
            #expect(try await run(["routes", "show", route, "-q"], environment).status == 0)
        }
    }
}
