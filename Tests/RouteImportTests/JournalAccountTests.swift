import Foundation
import Testing
@testable import RouteImport

/// The account as the journal holds it: appended as listed, indexed after, each route once.
@Suite struct JournalAccountTests {
    @Test func aRouteListedTwiceIsKeptOnceWhereItWasFirstListed() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let journal = try Journal.create(path: directory.appendingPathComponent("a.journal").path,
                                         identity: .init(dialect: "telegent", inputHeader: ["RouteName"], onExisting: "skip"))
        try journal.clearAccount()
        try journal.addToAccount([("CRID-1", "one"), ("CRID-2", "two"), ("CRID-1", "one")])
        try journal.addToAccount([("CRID-3", "two"), ("CRID-2", "two")])
        try journal.indexAccount()
        #expect(try journal.mismatches().routes == 3)
        #expect(try journal.accountID(named: "two") == "CRID-2")
        try journal.takeBaselineOnce()
        #expect(try journal.baselineContains(["CRID-1", "CRID-3", "CRID-4"]) == ["CRID-1", "CRID-3"])

        // A second listing (the check at the end) replaces the first and is indexed again.
        try journal.clearAccount()
        try journal.addToAccount([("CRID-3", "two"), ("CRID-5", "five")])
        try journal.indexAccount()
        #expect(try journal.mismatches().routes == 2)
        #expect(try journal.accountID(named: "two") == "CRID-3")
        #expect(try journal.accountID(named: "one") == nil)
    }
}
