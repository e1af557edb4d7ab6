import Foundation
import Testing

/// `csv inspect` on spreadsheets as they arrive, through the built binary.
@Suite struct InspectFormatsTests {
    @Test("a Windows-1252 file: errors per row, one hint for the file, then read right with --encoding")
    func windows1252() throws {
        let cli = try RoutesCLIHarness()
        let path = cli.home.appendingPathComponent("routes.csv").path
        try "RouteName,City\r\nA,Montréal\r\nB,Zürich\r\n".data(using: .windowsCP1252)!.write(to: URL(fileURLWithPath: path))

        let asUTF8 = try cli.run(["csv", "inspect", path, "--count", "--ignore-column", "City"])
        #expect(asUTF8.status == 1)
        #expect(asUTF8.stdout == "2\n")
        #expect(asUTF8.stderr == """
            \(path):2: invalid UTF-8 in field 2
            \(path):3: invalid UTF-8 in field 2
            \(path):2: invalid UTF-8 (byte 0xE9 at offset 23); the file looks like Windows-1252: try --encoding windows-1252

            """)

        let decoded = try cli.run(["csv", "inspect", path, "--json", "--encoding", "cp1252", "--ignore-column", "City"])
        #expect(decoded.status == 0, "\(decoded.stderr)")
        #expect(decoded.lines == [#"["RouteName","City"]"#, #"["A","Montréal"]"#, #"["B","Zürich"]"#])

        let unknown = try cli.run(["csv", "inspect", path, "--encoding", "ebcdic"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("--encoding must be one of utf-8, windows-1252 (cp1252)"))
    }

    @Test("an .xlsx sheet by name, with row numbers as lines")
    func workbook() throws {
        let cli = try RoutesCLIHarness()
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../RouteXLSXTests/Fixtures/routes.xlsx").standardized.path
        let numbers = try cli.run(["csv", "inspect", fixture, "--sheet", "Numbers", "--json", "--ignore-column", "Number"])
        #expect(numbers.status == 0, "\(numbers.stderr)")
        #expect(numbers.lines == [#"["Number","Route"]"#, #"["+14165550100","Montréal trunk"]"#, #"["14165550101","Zürich trunk"]"#])

        let broken = try cli.run(["csv", "inspect", fixture, "--sheet", "Broken", "--count"])
        #expect(broken.status == 1)
        #expect(broken.stderr.hasPrefix("\(fixture):2: cell B2 is a formula without a saved value"))

        let overview = try cli.run(["csv", "inspect", fixture])
        #expect(overview.stdout.hasPrefix("\(fixture): 8 columns, sheet \"Routes\""), "\(overview.stdout)")

        let missing = try cli.run(["csv", "inspect", fixture, "--sheet", "Nope"])
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("no sheet named \"Nope\" (the sheets are \"Routes\", \"Numbers\", \"Broken\")"))
    }
}
