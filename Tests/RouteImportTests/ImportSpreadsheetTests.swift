import Foundation
import RouteImport
import RouteModel
import Testing
import XLSXTestSupport

/// Spreadsheets as they arrive: an .xlsx sheet and a Windows-1252 CSV imported like any CSV.
@Suite("import from spreadsheets")
struct ImportSpreadsheetTests {
    /// Memory: the sheet streams through a bounded hand-off, measured in a process of its own by
    /// RoutectlTests' `SheetMemoryTests` (the sandbox, journal and client sharing this one would hide it).
    @Test("a 50,000-row .xlsx sheet is imported through the sandbox, every row once, lines as row numbers")
    func largeSheet() async throws {
        let harness = try await ImportHarness.start(concurrency: 32)
        defer { Task { await harness.stop() } }
        let rows = 50_000
        let path = harness.directory + "/routes.xlsx"
        try SheetWriter.write(to: path, header: ["RouteName", "RouteType", "TrunkIp1", "TrunkPort1", "TrunkTransport1"], rows: rows) {
            ["sheet-\($0)", "Trunk", "10.1.\($0 / 250 % 250).\($0 % 250 + 1)", "5061", "UDP"]
        }
        let summary = try await harness.importFile(path) { $0.concurrency = 32 }
        #expect(summary.counts[.created] == rows, "\(summary.description)")
        #expect(summary.verification?.isClean == true)
        let results = try harness.results(harness.directory + "/routes.results.csv")
        #expect(results.count == rows)
        #expect(results.last?["line"] == String(rows + 1), "line is the spreadsheet's row number")
        #expect(results.last?["RouteName"] == "sheet-\(rows)")
        #expect(try await harness.serverRoutes().count == rows)
    }

    @Test("a Windows-1252 CSV read with --encoding windows-1252 is written back as UTF-8")
    func windows1252() async throws {
        let harness = try await ImportHarness.start()
        defer { Task { await harness.stop() } }
        let text = "RouteName,RouteType,TrunkIp1,TrunkPort1,TrunkTransport1\r\nMontréal,Trunk,10.0.0.1,5061,UDP\r\nZürich,Trunk,10.0.0.2,5061,UDP\r\n"
        let path = harness.directory + "/cp1252.csv"
        try text.data(using: .windowsCP1252)!.write(to: URL(fileURLWithPath: path))

        let asUTF8 = try await harness.importFile(path) { $0.dryRun = true }
        #expect(asUTF8.counts[.invalid] == 2)
        #expect(asUTF8.description.contains("\(path):2: invalid UTF-8 (byte 0xE9 at offset 62); the file looks like Windows-1252: try --encoding windows-1252"))

        let summary = try await harness.importFile(path) { $0.encoding = .windows1252 }
        #expect(summary.counts[.created] == 2, "\(summary.description)")
        #expect(summary.inputNotice == nil)
        #expect(try await harness.serverRoutes().keys.sorted() == ["Montréal", "Zürich"])
        let results = try String(contentsOfFile: harness.directory + "/cp1252.results.csv", encoding: .utf8)
        #expect(results.contains(",Montréal,created,") && results.contains(",Zürich,created,"))
    }
}
