import RouteClient
import RouteModel

/// The check that ends a `numbers import` and its undo, as verification ends a route import: one
/// listing of the account's numbers, against which every number the run assigned, restored or
/// found unchanged must be on the routes its row says. The listing goes into the journal and the
/// comparison is a query there, so any size costs flat memory.
public struct NumberCheck: Sendable {
    /// Rows checked.
    public var rows = 0
    /// Numbers the account held when checked.
    public var numbers = 0
    /// `row 12: +1… is on CRID-b, the import put it on CRID-a`, one per row not as the run left it (the first thousand).
    public var mismatches: [String] = []

    public var isClean: Bool { mismatches.isEmpty }

    static func run(service: any RouteService, journal: Journal, verb: String) async throws(ImportError) -> NumberCheck {
        try await NumberListing.load(service, into: journal, purpose: "to check them")
        var check = NumberCheck()
        check.numbers = try journal.numberCount()
        let statuses: [RowStatus] = [.assigned, .unchanged, .restored]
        let (rows, misplaced) = try journal.misplacedNumbers(statuses: statuses, limit: 1000)
        check.rows = rows
        check.mismatches = misplaced.map { entry in
            guard let now = entry.now else { return "row \(entry.row): \(entry.assignment.number) is no longer in the account" }
            return "row \(entry.row): \(entry.assignment.number) is on \(now.description), \(verb) put it on \(entry.assignment.to.description)"
        }
        return check
    }

    /// `checked 2,000 numbers of 2,400: every one on the routes its row gives`, or what is not.
    public var description: String {
        var lines = ["checked \(ImportSummary.grouped(rows)) \(rows == 1 ? "number" : "numbers") against the account's "
            + "\(ImportSummary.grouped(numbers)): "
            + (mismatches.isEmpty ? "every one is on the routes its row gives" : "\(mismatches.count) not on the routes their rows give")]
        lines += mismatches.prefix(10).map { "  " + $0 }
        if mismatches.count > 10 { lines.append("  … and \(mismatches.count - 10) more") }
        return lines.joined(separator: "\n")
    }
}
