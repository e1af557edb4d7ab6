import Foundation
import Testing
import RouteModel
@testable import RouteShell

@Suite struct CompletionEngineTests {
    /// The line after Tab, and what a second Tab would list.
    private func tab(_ line: String, schema: RouteSchema = .telegent) throws -> (line: String, listing: [String]) {
        let completion = try makeEngine(schema: schema).complete(line)
        let kept = String(String.UnicodeScalarView(line.unicodeScalars.dropLast(completion.replacing)))
        return (kept + completion.replacement, completion.alternatives.map { $0.joined(separator: "  ") })
    }

    @Test func commandNamesComeFromTheTreeAndTheShell() throws {
        let listing = try tab("").listing
        #expect(listing.contains("routes") && listing.contains("import") && listing.contains("source"))
        #expect(listing.contains("set") && listing.contains("exit") && listing.contains("help"))
        #expect(!listing.contains("secret-debug"))
        #expect(try tab("ro").line == "routes ")
        #expect(try tab("routes s").line == "routes show ")
        #expect(try tab("routes ").listing == ["create", "list", "show", "update", "edit", "delete"])
        #expect(try tab("sandbox s").line == "sandbox serve ")
    }

    @Test func flagsAndOptionValues() throws {
        #expect(try tab("routes list --o").line == "routes list --output ")
        #expect(try tab("routes list --output j").line == "routes list --output json ")
        #expect(try tab("routes list --output ").listing == ["table", "json", "csv"])
        #expect(try tab("import routes.csv --dry").line == "import routes.csv --dry-run ")
        #expect(try tab("import --on-existing u").line == "import --on-existing update ")
        #expect(try tab("import --concurrency ").listing.isEmpty)
    }

    @Test func listOptionsCompleteCatalogNames() throws {
        #expect(try tab("routes list --sort RouteN").line == "routes list --sort RouteName ")
        #expect(try tab("routes list --sort Dest").line == "routes list --sort Destination ")
        #expect(try tab("routes list --columns RouteName,Dest").line == "routes list --columns RouteName,Destination ")
        #expect(try tab("routes list --columns RouteName,Trunk1P").line == "routes list --columns RouteName,Trunk1Priortiy ")
        #expect(try tab("routes list --where RouteT").line == "routes list --where RouteType=")
        #expect(try tab("routes list --where CallRouteS").line == "routes list --where CallRouteStatus=")
        #expect(try tab("routes list --where RouteType=").listing == ["Trunk", "URL", "Forward"])
        #expect(try tab("routes list --sort id", schema: .flowrouteV2).line == "routes list --sort id ")
    }

    @Test func fieldNamesCompleteWithEquals() throws {
        #expect(try tab("routes create RouteT").line == "routes create RouteType=")
        #expect(try tab("routes create routet").line == "routes create RouteType=")
        #expect(try tab("routes create Trunk1Priority").line == "routes create Trunk1Priortiy=")
        #expect(try tab("routes create voicep").line == "routes create VoicePasswordToken=")
        #expect(try tab("routes create rou").line == "routes create Route")
        let listing = try tab("routes create RouteName=x Route").listing
        #expect(listing == ["RouteType=", "RouteEnabled="])
        #expect(try tab("routes update CRID-1 TrunkPo").listing == ["TrunkPort1=", "TrunkPort2="])
        #expect(!(try tab("routes create ").listing.contains("CallRouteId=")))
    }

    @Test func enumAndBooleanValues() throws {
        #expect(try tab("routes create RouteType=Tr").line == "routes create RouteType=Trunk ")
        #expect(try tab("routes create type=u").line == "routes create type=URL ")
        #expect(try tab("routes create TrunkTransport1=").listing == ["UDP", "TCP", "TLS"])
        #expect(try tab("routes create TrunkEnabled1=f").line == "routes create TrunkEnabled1=false ")
        #expect(try tab("routes create RouteName=").listing.isEmpty)
    }

    @Test func fieldsFollowTheProvider() throws {
        #expect(try tab("routes create ty", schema: .flowrouteV2).line == "routes create route_type=")
        #expect(try tab("routes create route_type=n", schema: .flowrouteV2).line == "routes create route_type=number ")
    }

    @Test func routesByIdOrNameAfterShowUpdateDelete() throws {
        #expect(try tab("routes show ").line == "routes show ")
        #expect(try tab("routes show ").listing == [
            "CRID-1b2c  Toronto SIP trunk  Trunk", "CRID-1f00  Toronto backup  URL",
            "CRID-9a9a  Montreal  Trunk", "CRID-7e7e  Montreal  Forward",
        ])
        #expect(try tab("routes show CRID-").line == "routes show CRID-")
        #expect(try tab("routes show CRID-1b").line == "routes show CRID-1b2c ")
        #expect(try tab("routes delete --yes CRID-9").line == "routes delete --yes CRID-9a9a ")
        #expect(try tab("routes update CRID-1f").line == "routes update CRID-1f00 ")
        #expect(try tab("routes list ").listing.isEmpty)
    }

    @Test func namesAreQuotedAsNeeded() throws {
        #expect(try tab("routes show Tor").line == #"routes show "Toronto "#)
        #expect(try tab("routes show Tor").listing == ["CRID-1b2c  Toronto SIP trunk  Trunk", "CRID-1f00  Toronto backup  URL"])
        #expect(try tab(#"routes show "Toronto S"#).line == #"routes show "Toronto SIP trunk" "#)
        #expect(try tab("routes update toronto\\ b").line == #"routes update "Toronto backup" "#)
        #expect(try tab("routes edit Mont").line == "routes edit Montreal")
        #expect(try tab("routes edit Mont").listing == ["CRID-9a9a  Montreal  Trunk", "CRID-7e7e  Montreal  Forward"])
    }

    @Test func routesWhoseNamesCannotBeTypedAreOfferedByIdAndListedEscaped() throws {
        var tree = try CommandTree(dumpHelpJSON: Data(dumpHelpJSON.utf8))
        tree.subcommands += Builtin.commandTree(settings: ShellSettings(tree: tree))
        let hostile = [
            RouteSummary(id: "CRID-aaaa", name: "line1\nline2", type: "Trunk"),
            RouteSummary(id: "CRID-bbbb", name: "\u{1B}[31mred\u{1B}]0;pwned\u{7}", type: "URL"),
            RouteSummary(id: "CRID-\u{1B}[2Jx", name: "wiped", type: "URL"),
        ]
        let engine = CompletionEngine(tree: tree, schema: { .telegent }, routes: { hostile }, paths: { _ in [] })
        let completion = engine.complete("routes show ")
        let offered = completion.alternatives.map { $0[0] }
        #expect(offered == ["CRID-aaaa", "CRID-bbbb"])
        #expect(engine.complete("routes show l").replacement.isEmpty)  // no raw line break on the line
        let listing = CandidateListing(completion.alternatives).text(width: 100)
        #expect(!listing.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{7}" })
        #expect(listing.contains("line1⏎line2") && listing.contains("\\e[31mred"))
    }

    @Test func aListingTallerThanTheTerminalAsksFirst() {
        let rows = (1...30).map { ["CRID-\($0)", "route \($0)", "Trunk"] }
        let listing = CandidateListing(rows)
        #expect(listing.question == "Display all 30 possibilities? (y or n)")
        #expect(listing.needsAsking(listing.text(width: 80), terminalRows: 24))
        #expect(!listing.needsAsking(listing.text(width: 80), terminalRows: 40))
        #expect(listing.text(width: 80).hasPrefix("CRID-1   route 1   Trunk\nCRID-2   route 2   Trunk\n"))
        let names = CandidateListing((1...30).map { ["n\($0)"] })
        #expect(!names.needsAsking(names.text(width: 80), terminalRows: 24))
    }

    @Test func filePaths() throws {
        #expect(try tab("import rou").line == "import routes.")
        #expect(try tab("import rou").listing == ["routes.csv", "routes.results.csv"])
        #expect(try tab("import s").line == "import scripts/")
        #expect(try tab("source routes.c").line == "source routes.csv ")
    }

    @Test func shellSettingsAndHelp() throws {
        #expect(try tab("set o").line == "set output ")
        #expect(try tab("set output j").line == "set output json ")
        #expect(try tab("set hints ").listing == ["on", "off"])
        #expect(try tab("unset h").line == "unset hints ")
        #expect(try tab("help rou").line == "help routes ")
        #expect(try tab("help routes cr").line == "help routes create ")
        #expect(try tab("help fi").line == "help fields ")
    }

    @Test func insertedTextIsEscaped() {
        let completion = Completion(typed: "my", length: 2, candidates: [.init("my routes.csv")])
        #expect(completion.replacement == #""my routes.csv" "#)
        #expect(Completion.quote(#"say "$hi" \ bye"#, finished: false) == #""say \"\$hi\" \\ bye"#)
    }

    @Test func readsTheArgumentParsersTree() throws {
        let tree = try CommandTree(dumpHelpJSON: Data(dumpHelpJSON.utf8))
        let importCommand = try #require(tree.subcommand("import"))
        #expect(importCommand.positionals == [.init(valueName: "input", takesPath: true)])
        #expect(importCommand.option("--on-existing=skip")?.values == ["skip", "update", "create"])
        #expect(tree.descendant(["routes", "create"])?.positionals.first?.isRepeating == true)
        #expect(tree.subcommand("secret-debug")?.isListed == false)
    }

    @Test func laysOutListingsInColumns() {
        #expect(columns(["a", "bb", "c", "d"], width: 8) == "a   c\nbb  d")
        #expect(columns(["one"], width: 2) == "one")
    }
}
