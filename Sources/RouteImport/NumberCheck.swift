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
    /// `row 12: +1…: the check found it on CRID-b, not on CRID-a`, one per row not as the
    /// run left it (the first thousand); the same is in each row's note.
    public var mismatches: [String] = []

    public var isClean: Bool { mismatches.isEmpty }

    static func run(service: any RouteService, journal: Journal) async throws(ImportError) -> NumberCheck {
        try await NumberListing.load(service, into: journal, purpose: "to check them")
        var check = NumberCheck()
        check.numbers = try journal.numberCount()
        let statuses: [RowStatus] = [.assigned, .unchanged, .restored]
        let (rows, misplaced) = try journal.misplacedNumbers(statuses: statuses, limit: 1000)
        check.rows = rows
        let findings = misplaced.map { entry in
            (entry, "found it " + (entry.now.map { "on \($0)" } ?? "no longer in the account") + ", not on \(entry.assignment.to)")
        }
        try journal.addNotes(findings.map { entry, finding in (entry.row, "the check after the run " + finding) })
        check.mismatches = findings.map { entry, finding in "row \(entry.row): \(entry.assignment.number): the check " + finding }
        return check
    }

    /// `checked 2,000 numbers against the account's 2,400: every one is on the routes its row gives`, or what is not.
    public var description: String {
        guard rows > 0 else { return "no number to check: the run moved none" }
        var lines = ["checked \(ImportSummary.counted(rows, "number")) against the account's \(ImportSummary.grouped(numbers)): "
            + (mismatches.isEmpty ? "every one is on the routes its row gives" : "\(mismatches.count) not on the routes their rows give")]
        lines += mismatches.prefix(10).map { "  " + $0 }
        if mismatches.count > 10 { lines.append("  … and \(mismatches.count - 10) more") }
        return lines.joined(separator: "\n")
    }
}
