import Foundation
import Testing

/// Tables show what the service holds without letting it reach the terminal raw, and `routes
/// list` picks, orders and filters its rows by catalog names.
@Suite struct OutputSafetyTests {
    let cli: RoutesCLIHarness

    init() throws { cli = try RoutesCLIHarness() }

    private func create(_ assignments: [String]) throws -> String {
        let created = try cli.run(["routes", "create"] + assignments + ["-q"])
        #expect(created.status == 0, "\(created.stderr)")
        return created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("a name with a line break or escape codes stays on its row, escaped; IPv6 in brackets; a row count")
    func namesAreEscapedInTables() throws {
        _ = try create(["RouteName=two\nlines", "RouteType=URL", "VoiceUrl=https://example.com/v", "VoiceUrlMethod=POST"])
        let red = try create(["RouteName=\u{1B}[31mred\u{1B}[0m", "RouteType=Trunk", "TrunkIp1=2001:db8::1",
                              "TrunkPort1=5061", "TrunkTransport1=TLS", "VoicePasswordToken=hunter2"])

        let table = try cli.run(["routes", "list", "--output", "table", "-q"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(!table.stdout.contains("\u{1B}"))
        #expect(table.lines.count == 4, "\(table.stdout)")  // header, two routes, the count
        #expect(table.stdout.contains("two⏎lines"))
        #expect(table.stdout.contains(#"\e[31mred\e[0m"#))
        #expect(table.stdout.contains("TLS [2001:db8::1]:5061"))
        #expect(table.lines.last == "2 routes")

        let shown = try cli.run(["routes", "show", red, "--output", "table", "-q"])
        #expect(!shown.stdout.contains("\u{1B}"))
        #expect(shown.lines.contains { $0.hasPrefix("RouteName") && $0.hasSuffix(#"\e[31mred\e[0m"#) })
        #expect(shown.lines.contains { $0.hasPrefix("VoicePasswordToken") && $0.hasSuffix("(not returned by the service)") })
        #expect(!shown.stdout.contains("hunter2"))
    }

    @Test("--columns, --sort and --where take catalog names, and a wrong one gets a did-you-mean")
    func columnsSortAndWhere() throws {
        for (name, port) in [("b", "5062"), ("a", "5061"), ("c", "5063")] {
            _ = try create(["RouteName=\(name)", "RouteType=Trunk", "TrunkIp1=10.0.0.1", "TrunkPort1=\(port)", "TrunkTransport1=UDP"])
        }
        _ = try create(["RouteName=hook", "RouteType=URL", "VoiceUrl=https://example.com/v", "VoiceUrlMethod=GET"])

        let picked = try cli.run(["routes", "list", "--output", "table", "-q", "--columns", "name,TrunkPort1,Destination",
                                  "--sort", "RouteName", "--where", "RouteType=trunk"])
        #expect(picked.status == 0, "\(picked.stderr)")
        #expect(picked.lines == ["RouteName  TrunkPort1  Destination", "a          5061        UDP 10.0.0.1:5061",
                                 "b          5062        UDP 10.0.0.1:5062", "c          5063        UDP 10.0.0.1:5063", "3 routes"])

        let pattern = try cli.run(["routes", "list", "--output", "csv", "-q", "--columns", "RouteName", "--where", "VoiceUrl=https://*"])
        #expect(pattern.lines == ["RouteName", "hook"])

        let json = try cli.run(["routes", "list", "-q", "--columns", "RouteName,Trunk1Priority", "--where", "RouteName=a"])
        #expect(json.stdout == "[\n{\"RouteName\":\"a\",\"Trunk1Priortiy\":null}\n]\n")

        let typo = try cli.run(["routes", "list", "-q", "--columns", "RouteName,RoutTyp"])
        #expect(typo.status == 64)
        #expect(typo.stderr == "routectl: --columns: unknown field \"RoutTyp\" (did you mean RouteType?)\n")
        let badSort = try cli.run(["routes", "list", "-q", "--sort", "Destinaton"])
        #expect(badSort.stderr == "routectl: --sort: unknown field \"Destinaton\" (did you mean Destination?)\n")
        let badValue = try cli.run(["routes", "list", "-q", "--where", "RouteType=Trunks"])
        #expect(badValue.status == 64)
        #expect(badValue.stderr.contains("--where: RouteType: \"Trunks\" is not one of Trunk, URL, Forward"))
    }
}
