import Foundation
import Testing

/// `csv inspect` refuses what `import` refuses, in the same words, and both take the same
/// `--ignore-column` and find the same delimiter.
@Suite struct InspectAgreesWithImportTests {
    let cli: RoutesCLIHarness

    init() throws { cli = try RoutesCLIHarness() }

    private func file(_ name: String, _ text: String) throws -> String {
        let path = cli.home.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("an unknown column: both refuse it with the same line, both take --ignore-column")
    func unknownColumn() throws {
        let path = try file("notes.csv", "RouteName,RouteType,VoiceUrl,VoiceUrlMethod,Notes\nA,URL,https://example.com/v,POST,call Bob\n")
        let refused = "header: unknown field \"Notes\""

        let inspected = try cli.run(["csv", "inspect", path])
        #expect(inspected.status == 1)
        #expect(inspected.stderr.contains("\(path):1: \(refused)"), "\(inspected.stderr)")
        #expect(inspected.stderr.contains("--ignore-column NAME skips a column"))
        #expect(inspected.stdout.hasSuffix("1 data record, each well-formed; import would refuse the header (why on stderr)\n"))
        #expect(try cli.run(["csv", "inspect", path, "--json"]).status == 1)
        #expect(try cli.run(["csv", "inspect", path, "--count"]).status == 1)

        let imported = try cli.run(["import", path, "--dry-run"])
        #expect(imported.status == 64)
        #expect(imported.stderr.contains("routectl: \(path): \(refused)"), "\(imported.stderr)")

        let inspectedIgnoring = try cli.run(["csv", "inspect", path, "--ignore-column", "notes"])
        #expect(inspectedIgnoring.status == 0, "\(inspectedIgnoring.stderr)")
        #expect(inspectedIgnoring.stdout.contains("ignored (--ignore-column)"))
        let importedIgnoring = try cli.run(["import", path, "--dry-run", "--ignore-column", "Notes"])
        #expect(importedIgnoring.status == 0, "\(importedIgnoring.stderr)")

        let stray = try cli.run(["import", path, "--dry-run", "--ignore-column", "Notse"])
        #expect(stray.status == 64)
        #expect(stray.stderr.contains("--ignore-column \"Notse\" names no column of the header"))
    }

    @Test("a file without its key column or without a header is refused by both")
    func missingKeyAndEmpty() throws {
        let keyless = try file("keyless.csv", "RouteType\nURL\n")
        let inspected = try cli.run(["csv", "inspect", keyless, "--count"])
        #expect(inspected.status == 1)
        #expect(inspected.stderr.contains("header: there is no RouteName column; it is the import key"))
        let empty = try file("empty.csv", "")
        #expect(try cli.run(["csv", "inspect", empty]).status == 1)
        #expect(try cli.run(["import", empty, "--dry-run"]).status == 64)
    }

    @Test("a semicolon-separated file is read with ';' by both, or gets a hint when --delimiter says otherwise")
    func semicolons() throws {
        let path = try file("excel.csv", "RouteName;RouteType;VoiceUrl;VoiceUrlMethod\nA;URL;https://example.com/v;POST\n")
        let inspected = try cli.run(["csv", "inspect", path])
        #expect(inspected.status == 0, "\(inspected.stderr)")
        #expect(inspected.stderr.contains("the header is separated by ';': reading the file with --delimiter ';'"))
        #expect(inspected.stdout.contains("4 columns, delimiter ';'"))
        let imported = try cli.run(["import", path, "--dry-run"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("the header is separated by ';'"))

        let tabs = try file("unicode.txt", "RouteName\tRouteType\tVoiceUrl\tVoiceUrlMethod\nA\tURL\thttps://example.com/v\tPOST\n")
        let tabbed = try cli.run(["csv", "inspect", tabs])
        #expect(tabbed.status == 0, "\(tabbed.stderr)")
        #expect(tabbed.stdout.contains("4 columns, delimiter tab"))

        let forced = try cli.run(["csv", "inspect", path, "--delimiter", ","])
        #expect(forced.status == 1)
        #expect(forced.stderr.contains("\(path):1: header: the header is separated by ';': try --delimiter ';'"), "\(forced.stderr)")
        let forcedImport = try cli.run(["import", path, "--dry-run", "--delimiter", ","])
        #expect(forcedImport.status == 64)
        #expect(forcedImport.stderr.contains("\n\(path): header: the header is separated by ';': try --delimiter ';'"))
    }

    @Test("--json masks secret columns, as every other output does")
    func jsonMasksSecrets() throws {
        let path = try file("secret.csv", "RouteName,VoicePasswordToken\nA,hunter2\n")
        let json = try cli.run(["csv", "inspect", path, "--json"])
        #expect(json.lines.first == #"["RouteName","VoicePasswordToken"]"#)
        #expect(!json.stdout.contains("hunter2"))
        #expect(json.lines.count == 2)
    }

    @Test("a file read with the wrong delimiter still masks what its secret column holds")
    func wrongDelimiterMasksSecrets() throws {
        let path = try file("secret-wrong.csv", "RouteName,RouteType,VoiceUrl,VoicePasswordToken\nA,URL,https://e.com/a,hunter2\n")
        for arguments in [["--delimiter", ";", "--json"], ["--delimiter", ";"]] {
            let outcome = try cli.run(["csv", "inspect", path] + arguments)
            #expect(!outcome.stdout.contains("hunter2"), "\(arguments): \(outcome.stdout)")
            #expect(!outcome.stderr.contains("hunter2"))
        }
    }

    @Test("the overview escapes a cell's control characters")
    func overviewEscapes() throws {
        let path = try file("escapes.csv", "RouteName\n\"\u{1B}[2Jred\"\n")
        let overview = try cli.run(["csv", "inspect", path])
        #expect(!overview.stdout.contains("\u{1B}"))
        #expect(overview.stdout.contains(#"\e[2Jred"#))
    }
}
