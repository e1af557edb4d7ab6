/// Where the pump's rows come from, each with what it needs: an import's rows read from its
/// file, or an undo's taken from the import's journal.
protocol RowDecisions {
    /// The next row's decision, in input order; `nil` after the last row.
    mutating func next() throws(ImportError) -> RowTriage.Decision?
    /// The rows decided so far are in the journal now.
    mutating func committed()
    /// What the reader had to say once about the input, after the last row.
    var notice: String? { get }
}

/// The import's rows: read from the file and triaged, each with what an earlier run journaled of it.
struct ImportRows: RowDecisions {
    let source: RowSource
    var triage: RowTriage
    var previous: PreviousRows

    mutating func next() throws(ImportError) -> RowTriage.Decision? {
        guard let row = try source.next() else { return nil }
        return try triage.decide(row, previous: try previous.state(of: row.number))
    }

    mutating func committed() {
        triage.committed()
    }

    var notice: String? { source.notice }
}
