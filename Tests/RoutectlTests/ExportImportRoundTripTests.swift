import Foundation
import Testing

@Suite struct ExportImportRoundTripTests {
    /// The sample file, imported, exported, and imported into a second, empty account, gives the
    /// same routes: export writes exactly what import reads.
    @Test func exportThenImportIntoAnEmptyAccountGivesTheSameRoutes() throws {
        let first = try RoutesCLIHarness()
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../samples/telegent-routes.csv").standardized
        let input = first.home.appendingPathComponent("routes.csv")
        try FileManager.default.copyItem(at: samples, to: input)

        let imported = try first.run(["import", input.path, "-q"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try first.run(["export", "exported.csv"]).status == 0)

        let second = try RoutesCLIHarness()
        let exported = first.home.appendingPathComponent("exported.csv")
        let reimported = try second.run(["import", exported.path, "-q"])
        #expect(reimported.status == 0, "\(reimported.stderr)")
        #expect(try second.run(["export", "again.csv"]).status == 0)

        func routes(_ url: URL) throws -> [String] {
            // Ids differ between the two accounts; every other column must not. Quoted names may
            // hold line breaks, so records are read with routectl's own reader.
            let records = try first.run(["csv", "inspect", url.path, "--json"]).lines.dropFirst()
            return records.map { $0.split(separator: ",", maxSplits: 1).last.map(String.init) ?? "" }.sorted()
        }
        let before = try routes(exported)
        #expect(before.count == 36)
        #expect(try routes(second.home.appendingPathComponent("again.csv")) == before)
    }
}
