import RouteClient
import RouteModel

/// The check that ends every import: one list of the account, against which every row that
/// holds a route (`created`, `updated`, `exists`) must find its id under its name, and every name
/// the import created must exist once per row that created it. A route beyond that — same name,
/// id not in the baseline, held by no row — is a duplicate. It is provably this import's when the
/// rows of that name sent at least that many creates whose answers were lost (beyond the route
/// each holds); only those are deleted by `--repair`. Others (made by someone since, or more than
/// the import could have made) are reported and left alone. The listing goes into the journal
/// and the checks are queries there, so an account of any size is checked in flat memory.
public struct Verification: Sendable {
    public struct Duplicate: Sendable {
        public let name: String
        public let ids: [String]
        /// Whether this import could have made all of them (and `--repair` may delete them).
        public let provablyMadeHere: Bool
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
        try await AccountListing.load(service, into: journal, byName: false, purpose: "to verify the import")
        var report = Verification()
        (report.rows, report.routes, report.mismatches) = try journal.mismatches()
        report.duplicates = try journal.extraRoutes().map {
            Duplicate(name: $0.name, ids: $0.ids, provablyMadeHere: $0.ids.count <= $0.couldHaveMade)
        }
        if repair {
            for duplicate in report.duplicates where duplicate.provablyMadeHere {
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
            let ids = duplicate.ids.joined(separator: ", ")
            lines.append(duplicate.provablyMadeHere
                ? "  duplicate of \"\(duplicate.name)\" made by this import: \(ids)"
                : "  also named \"\(duplicate.name)\", not provably made by this import (left alone): \(ids)")
        }
        if !removed.isEmpty { lines.append("  removed \(removed.count) duplicates (--repair)") }
        lines += notRemoved.map { "  could not remove \($0)" }
        if duplicates.contains(where: \.provablyMadeHere) && removed.isEmpty && notRemoved.isEmpty {
            lines.append("  to delete the ones made by this import: the same command with --verify --repair")
        }
        return lines.joined(separator: "\n")
    }
}
