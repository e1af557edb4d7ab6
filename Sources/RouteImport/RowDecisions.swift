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

/// A file's rows as a reader hands them on, each with its 1-based record number.
protocol RowReading {
    associatedtype Row
    func next() throws(ImportError) -> Row?
    func number(of row: Row) -> Int
    var notice: String? { get }
}

/// What decides a file's rows one by one, knowing what an earlier run journaled of each.
protocol RowTriaging {
    associatedtype Row
    mutating func decide(_ row: Row, previous: JournalRow?) throws(ImportError) -> RowTriage.Decision
    /// The rows decided so far are in the journal now.
    mutating func committed()
}

/// An import's rows — routes or numbers — read from the file and triaged, each with what an
/// earlier run journaled of it.
struct FileRows<Source: RowReading, Triage: RowTriaging>: RowDecisions where Triage.Row == Source.Row {
    let source: Source
    var triage: Triage
    var previous: PreviousRows

    mutating func next() throws(ImportError) -> RowTriage.Decision? {
        guard let row = try source.next() else { return nil }
        return try triage.decide(row, previous: try previous.state(of: source.number(of: row)))
    }

    mutating func committed() {
        triage.committed()
    }

    var notice: String? { source.notice }
}

/// A route import's rows.
typealias ImportRows = FileRows<RowSource, RowTriage>
