import Foundation
import RouteImport
import RouteModel
import Testing

/// Spreadsheets as they arrive: an .xlsx sheet and a Windows-1252 CSV imported like any CSV.
@Suite("import from spreadsheets")
struct ImportSpreadsheetTests {
    @Test("a 50,000-row .xlsx sheet is imported through the sandbox with flat memory")
    func largeSheet() async throws {
        let harness = try await ImportHarness.start(concurrency: 32) { $0.database = NSTemporaryDirectory() + "routectl-sheet-\(UUID().uuidString).sqlite" }
        defer { Task { await harness.stop() } }
        let rows = 50_000
        let path = harness.directory + "/routes.xlsx"
        try SheetWriter.write(to: path, header: ["RouteName", "RouteType", "TrunkIp1", "TrunkPort1", "TrunkTransport1"], rows: rows) {
            ["sheet-\($0)", "Trunk", "10.1.\($0 / 250 % 250).\($0 % 250 + 1)", "5061", "UDP"]
        }
        let before = residentMiB("VmRSS")
        resetPeak()
        let summary = try await harness.importFile(path) { $0.concurrency = 32 }
        let growth = residentMiB("VmHWM") - before
        #expect(summary.counts[.created] == rows, "\(summary.description)")
        #expect(summary.verification?.isClean == true)
        let results = try harness.results(harness.directory + "/routes.results.csv")
        #expect(results.count == rows)
        #expect(results.last?["line"] == String(rows + 1), "line is the spreadsheet's row number")
        #expect(results.last?["RouteName"] == "sheet-\(rows)")
        // The sandbox (on disk here), the journal and the client share this process: the bound is
        // loose, but far below what holding the sheet and its rows would take.
        #expect(growth < 80, "peak grew \(growth) MiB during the import")
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

/// The kernel's count of this process's peak resident memory, reset to the current size.
private func resetPeak() { try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8) }

private func residentMiB(_ field: String) -> Double {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
    return (line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Double($0) } ?? 0) / 1024
}
