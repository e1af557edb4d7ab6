import Foundation
import RouteImport
import RouteModel
import Testing

/// A NUL character in a cell: refused by the catalog with the value shown, never sent, and the
/// result file's key column is the whole cell, its NUL written `\0` as in the error.
@Suite struct ImportNulTests {
    @Test func aNulInAValueIsInvalidAndTheResultKeepsTheWholeName() async throws {
        let harness = try await ImportHarness.start(.telegent)
        defer { Task { await harness.stop() } }
        let path = try harness.write("nul.csv", "RouteName,RouteType,TrunkIp1,TrunkPort1,TrunkTransport1,HeaderManipulation\n"
            + "Nul\u{0}X,Trunk,10.0.0.1,5060,UDP,\nok,Trunk,10.0.0.2,5060,UDP,HMI\u{0}1\nfine,Trunk,10.0.0.3,5060,UDP,\n")
        let summary = try await harness.importFile(path)
        #expect(summary.counts == [.invalid: 2, .created: 1])
        let results = try harness.results(harness.directory + "/nul.results.csv")
        #expect(results[0]["RouteName"] == "Nul\\0X", "the name whole, its NUL shown as in the error")
        #expect(results[0]["error"] == "RouteName: \"Nul\\0X\" is not text without a NUL character (U+0000): neither API can hold one")
        #expect(results[1]["error"]?.hasPrefix("HeaderManipulation: \"HMI\\01\"") == true)
        #expect(try await harness.service.list().map(\.key) == ["fine"])
    }
}
