import Foundation
import GRDB
import Testing
@testable import RouteImport
import RouteModel

/// The account as the journal holds it: appended as listed, indexed after, each route once.
@Suite struct JournalAccountTests {
    @Test func aRouteListedTwiceIsKeptOnceWhereItWasFirstListed() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let journal = try Journal.create(path: directory.appendingPathComponent("a.journal").path,
                                         identity: .init(dialect: "telegent", inputHeader: ["RouteName"], onExisting: "skip"))
        try journal.clearAccount()
        try journal.addToAccount([("CRID-1", "one", nil), ("CRID-2", "two", nil), ("CRID-1", "one", nil)])
        try journal.addToAccount([("CRID-3", "two", nil), ("CRID-2", "two", nil)])
        try journal.indexAccount()
        #expect(try journal.mismatches().routes == 3)
        #expect(try journal.accountRoute(named: "two", dialect: .telegent)?.id == "CRID-2")
        try journal.takeBaselineOnce()
        #expect(try journal.baselineContains(["CRID-1", "CRID-3", "CRID-4"]) == ["CRID-1", "CRID-3"])

        // A second listing (the check at the end) replaces the first and is indexed again.
        try journal.clearAccount()
        try journal.addToAccount([("CRID-3", "two", nil), ("CRID-5", "five", nil)])
        try journal.indexAccount()
        #expect(try journal.mismatches().routes == 2)
        #expect(try journal.accountRoute(named: "two", dialect: .telegent)?.id == "CRID-3")
        #expect(try journal.accountRoute(named: "one", dialect: .telegent) == nil)
    }

    @Test func aFullListingKeepsEachRouteFoundByNameOrID() throws {
        let (journal, directory) = try Self.journal()
        defer { try? FileManager.default.removeItem(at: directory) }
        var route = try Route.parse(assignments: ["RouteName=one", "RouteType=Trunk", "TrunkPort1=5060",
                                                  "SymmetricRtp=true", "Trunk1Weight=3", "IpWhitelist=10.0.0.1;10.0.0.2"],
                                    dialect: .telegent)
        route["CallRouteId"] = .string("CRID-1")
        try journal.clearAccount()
        try journal.addToAccount([("CRID-1", "one", route), ("CRID-2", "two", nil)])
        try journal.indexAccount()
        let found = try #require(try journal.accountRoute(named: "one", dialect: .telegent))
        #expect(found.id == "CRID-1")
        #expect(found.route == route)
        #expect(try journal.accountRoute(id: "CRID-1", dialect: .telegent) == route)
        #expect(try journal.accountRoute(named: "two", dialect: .telegent)?.route == nil)
        #expect(try journal.accountRoute(named: "three", dialect: .telegent) == nil)
    }

    @Test func anUpdateIntentKeepsTheBeforeImageAndTheFieldsSentButNoSecret() throws {
        let (journal, directory) = try Self.journal()
        defer { try? FileManager.default.removeItem(at: directory) }
        let before = try Route.parse(assignments: ["RouteName=one", "RouteType=Trunk", "TrunkPort1=5060"], dialect: .telegent)
        let sent = try Route.parse(assignments: ["TrunkPort1=5062", "VoicePasswordToken=hunter2"], dialect: .telegent)
        let created = try Route.parse(assignments: ["RouteName=two", "RouteType=Trunk"], dialect: .telegent)
        try journal.commit([
            .intent(PendingRow(row: 1, line: 2, key: "one", route: sent, action: .update(id: "CRID-1"), settleAt: nil,
                               unrecordedCreates: 0, input: [], before: before)),
            .intent(PendingRow(row: 2, line: 3, key: "two", route: created, action: .create, settleAt: nil,
                               unrecordedCreates: 0, input: [])),
        ])
        var writes = try journal.writes(after: 0, limit: 10, dialect: .telegent)
        #expect(writes.map(\.row) == [1, 2])
        #expect(writes[0].intent == .update(id: "CRID-1") && writes[0].status == nil && writes[0].mayHaveApplied)
        #expect(writes[0].before == before)
        #expect(writes[0].sent == (try Route.parse(assignments: ["TrunkPort1=5062"], dialect: .telegent)))
        #expect(writes[0].sentSecrets == ["VoicePasswordToken"])
        #expect(writes[1].intent == .create && writes[1].before == nil && writes[1].sent == created)
        let files = [journal.path, journal.path + "-wal"].compactMap { try? String(contentsOfFile: $0, encoding: .isoLatin1) }
        #expect(files.joined().contains("5062") && !files.joined().contains("hunter2"))

        // A resumed request keeps the image taken before the first attempt; its outcome keeps both.
        let resent = try Route.parse(assignments: ["TrunkPort1=5062"], dialect: .telegent)
        try journal.commit([.intent(PendingRow(row: 1, line: 2, key: "one", route: resent, action: .update(id: "CRID-1"),
                                               settleAt: 1, unrecordedCreates: 0, input: []))])
        try journal.commit([.outcome(RowResult(row: 1, line: 2, key: "one", status: .updated, id: "CRID-1", error: "",
                                               input: []))])
        writes = try journal.writes(after: 0, limit: 1, dialect: .telegent)
        #expect(writes.count == 1 && writes[0].status == .updated && writes[0].id == "CRID-1")
        #expect(writes[0].before == before && writes[0].sent == resent && writes[0].sentSecrets.isEmpty)
    }

    @Test func aJournalFromBeforeTheImagesIsResumedWithTheColumnsAdded() throws {
        let (journal, directory) = try Self.journal()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = journal.path
        let old = try DatabaseQueue(path: path)
        try old.write { db in
            try db.execute(sql: "ALTER TABLE rows DROP COLUMN before; ALTER TABLE rows DROP COLUMN sent; ALTER TABLE account DROP COLUMN route")
        }
        try old.close()
        let reopened = try Journal.openExisting(path: path, identity: nil)
        try reopened.addToAccount([("CRID-1", "one", try Route.parse(assignments: ["RouteName=one"], dialect: .telegent))])
        #expect(try reopened.accountRoute(id: "CRID-1", dialect: .telegent)?.key == "one")
    }

    private static func journal() throws -> (Journal, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let journal = try Journal.create(path: directory.appendingPathComponent("a.journal").path,
                                         identity: .init(dialect: "telegent", inputHeader: ["RouteName"], onExisting: "update"))
        return (journal, directory)
    }
}
