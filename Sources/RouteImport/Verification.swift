import RouteClient
import RouteModel

/// The check that ends every import: one list of the account, against which every row that
/// holds a route (`created`, `updated`, `exists`) must find its id under its name, and every name
/// the import created must exist once per row that created it. A route beyond that — same name,
/// id not in the baseline, held by no row — is a duplicate this import provably made; `--repair`
/// deletes it.
public struct Verification: Sendable {
    public struct Duplicate: Sendable {
        public let name: String
        public let ids: [String]
    }

    /// Rows checked.
    public var rows = 0
    /// Routes the account held when checked.
    public var routes = 0
    /// `row 12: "Main" CRID-… is not in the account`, one per row whose route is not as recorded.
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
        let listed: [Route]
        do throws(ClientError) { listed = try await service.list() } catch {
            throw .service("cannot list the account's routes to verify the import: \(error)")
        }
        var report = Verification()
        report.routes = listed.count
        var nameOfID: [String: String] = [:]
        var idsOfName: [String: [String]] = [:]
        for route in listed {
            guard let id = route.id else { continue }
            let name = route.key ?? ""
            nameOfID[id] = name
            idsOfName[name, default: []].append(id)
        }
        var held = Set<String>()
        var created = Set<String>()
        try journal.heldRoutes { row, key, id, status in
            report.rows += 1
            held.insert(id)
            if status == .created { created.insert(key) }
            switch nameOfID[id] {
            case nil: report.mismatches.append("row \(row): \(Self.quoted(key)) \(id) is not in the account")
            case key?: break
            case let name?: report.mismatches.append("row \(row): \(id) is named \(Self.quoted(name)), not \(Self.quoted(key))")
            }
        }
        for name in created.sorted() {
            let unheld = (idsOfName[name] ?? []).filter { !held.contains($0) }
            let inBaseline = try journal.baselineContains(unheld)
            let extra = unheld.filter { !inBaseline.contains($0) }
            if !extra.isEmpty { report.duplicates.append(Duplicate(name: name, ids: extra)) }
        }
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
            lines.append("  duplicate of \(Self.quoted(duplicate.name)) made by this import: " + duplicate.ids.joined(separator: ", "))
        }
        if !removed.isEmpty { lines.append("  removed \(removed.count) duplicates (--repair)") }
        lines += notRemoved.map { "  could not remove \($0)" }
        if !duplicates.isEmpty && removed.isEmpty && notRemoved.isEmpty {
            lines.append("  to delete them: the same command with --verify --repair")
        }
        return lines.joined(separator: "\n")
    }

    private static func quoted(_ text: String) -> String { "\"\(text)\"" }
}
