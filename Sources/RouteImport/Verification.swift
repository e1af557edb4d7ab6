import RouteClient
import RouteModel

/// The check that ends every import: one list of the account, against which every row that
/// holds a route (`created`, `updated`, `exists`) must find its id under its name, and every name
/// the import created must exist once per row that created it. A route beyond that — same name,
/// id not in the baseline, held by no row — is a duplicate this import provably made; `--repair`
/// deletes it. The listing goes into the journal and the checks are queries there, so an account
/// of any size is checked in flat memory.
public struct Verification: Sendable {
    public struct Duplicate: Sendable {
        public let name: String
        public let ids: [String]
    }

    /// Rows checked.
    public var rows = 0
    /// Routes the account held when checked.
    public var routes = 0
    /// `row 12: "Main" CRID-… is not in the account`, one per row whose route is not as recorded
    /// (the first thousand).
    public var mismatches: [String] = []
    public var duplicates: [Duplicate] = []
    /// Duplicate ids deleted by `--repair`.
    public var removed: [String] = []
    /// Duplicates `--repair` could not delete, with the reason.
    public var notRemoved: [String] = []

    /// Every row as recorded, and no duplicate left in the account.
    public var isClean: Bool {
        mismatches.isEmpty && duplicates.allSatisfy { $0.ids.allSatisfy(removed.contains) }
    }

    static func run(service: any RouteService, journal: Journal, repair: Bool) async throws(ImportError) -> Verification {
        try await AccountListing.load(service, into: journal, purpose: "to verify the import")
        var report = Verification()
        (report.rows, report.routes, report.mismatches) = try journal.mismatches()
        report.duplicates = try journal.provableDuplicates().map { Duplicate(name: $0.name, ids: $0.ids) }
        if repair {
            for duplicate in report.duplicates {
                for id in duplicate.ids {
                    do throws(ClientError) {
                        try await service.delete(id: id)
                        report.removed.append(id)
                    } catch {
                        report.notRemoved.append("\(id): \(error)")
                    }
                }
            }
        }
        return report
    }

    /// `verified 2,000 rows against 2,013 routes: all present, no duplicates`, or what is wrong.
    public var description: String {
        var lines = ["verified \(ImportSummary.grouped(rows)) rows against \(ImportSummary.grouped(routes)) routes: "
            + (mismatches.isEmpty ? "every id is there under its name" : "\(mismatches.count) not as recorded")
            + (duplicates.isEmpty ? ", no duplicates" : ", \(duplicates.count) names created more than once")]
        lines += mismatches.prefix(20).map { "  " + $0 }
        if mismatches.count > 20 { lines.append("  … and \(mismatches.count - 20) more") }
        for duplicate in duplicates.prefix(20) {
            lines.append("  duplicate of \"\(duplicate.name)\" made by this import: " + duplicate.ids.joined(separator: ", "))
        }
        if !removed.isEmpty { lines.append("  removed \(removed.count) duplicates (--repair)") }
        lines += notRemoved.map { "  could not remove \($0)" }
        if !duplicates.isEmpty && removed.isEmpty && notRemoved.isEmpty {
            lines.append("  to delete them: the same command with --verify --repair")
        }
        return lines.joined(separator: "\n")
    }
}
